"""Test-wide set-up: an isolated data directory before Django reads its settings."""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

os.environ.setdefault("NIGHTCRAMP_HOME", tempfile.mkdtemp(prefix="nightcramp-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure() -> None:
    """Create the data directory Django serves from, as `nightcramp serve` and the WSGI entry
    point do: importing the settings creates nothing."""
    from django.conf import settings

    from nightcramp.config import prepare_home

    prepare_home(settings.CONFIG)


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


# ---- personas and API tokens (owner: diary models/API/accounts) ----------------------------


PERSONA_PASSWORD = "calf-stretch-at-night-42"


def make_person(name: str) -> User:
    """Create an account with a usable password (`PERSONA_PASSWORD`)."""
    from django.contrib.auth.models import User

    return User.objects.create_user(username=name, password=PERSONA_PASSWORD)


def make_token(user: User, label: str = "test") -> str:
    """Create an API token for `user` and return its text (only the hash is stored)."""
    from nightcramp.store.account.tokens import issue_token

    return issue_token(user, label=label)


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """Hash test passwords with a fast hasher (the real ones take ~0.5 s per hash)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(db: None, fast_passwords: None) -> User:
    return make_person("alice")


@pytest.fixture
def bob(db: None, fast_passwords: None) -> User:
    return make_person("bob")


@pytest.fixture
def alice_token(alice: User) -> str:
    return make_token(alice)


@pytest.fixture
def bob_token(bob: User) -> str:
    return make_token(bob)
