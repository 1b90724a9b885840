"""The cache: none in a process by default; one Redis shared by every app server when set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

_REDIS = ("127.0.0.1", 6379)


def _redis_is_up() -> bool:
    try:
        with socket.create_connection(_REDIS, timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_by_default_no_process_keeps_anything_in_a_cache() -> None:
    cache.set("nightcramp-test", "kept", 60)
    assert cache.get("nightcramp-test") is None
    assert "locmem" not in str(settings.CACHES["default"]["BACKEND"]).lower()


def _in_a_new_process(code: str, tmp_path: Path, redis_url: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTCRAMP_")}
    env |= {
        "NIGHTCRAMP_HOME": str(tmp_path),
        "NIGHTCRAMP_REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "nightcramp.web.settings",
    }
    script = "import django; django.setup(); from django.core.cache import cache; " + code
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_with_redis_one_process_reads_what_another_wrote(tmp_path: Path) -> None:
    if not _redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379 (redis-server --daemonize yes)")
    url, key = "redis://127.0.0.1:6379/15", f"nightcramp-test-{uuid.uuid4().hex}"
    _in_a_new_process(f"cache.set({key!r}, 'shared', 60)", tmp_path, url)
    got = _in_a_new_process(f"print(cache.get({key!r})); cache.delete({key!r})", tmp_path, url)
    assert got == "shared"
