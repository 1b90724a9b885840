"""Test-wide set-up: an isolated data directory before Django reads its settings."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("NIGHTCRAMP_HOME", tempfile.mkdtemp(prefix="nightcramp-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Browser tests: Debian's chromium, never a downloaded browser (see STACK.md).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
