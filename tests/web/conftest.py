"""Fixtures for web tests: Playwright on Debian chromium, phone-sized."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.conftest import CHROMIUM_ARGS

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "color_scheme": "dark",
    }


# ---- personas and API tokens (owner: diary models/API/accounts) ----------------------------


PERSONA_PASSWORD = "calf-stretch-at-night-42"


def make_person(name: str) -> User:
    """Create an account with a usable password (`PERSONA_PASSWORD`)."""
    from django.contrib.auth.models import User

    return User.objects.create_user(username=name, password=PERSONA_PASSWORD)


def make_token(user: User, label: str = "test") -> str:
    """Create an API token for `user` and return its text (only the hash is stored)."""
    from nightcramp.web.account.tokens import issue_token

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
