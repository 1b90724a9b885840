"""Lifting a login lockout: the failures held against a name, from every address."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt  # type: ignore[import-untyped]

from nightcramp.store.account.lockout import failed_logins, unlock

pytestmark = pytest.mark.django_db


def _failures(name: str, address: str, count: int) -> None:
    AccessAttempt.objects.create(
        username=name,
        ip_address=address,
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/account/login/",
        failures_since_start=count,
    )


def test_unlock_forgets_the_failures_of_that_name_from_every_address() -> None:
    _failures("alice", "192.0.2.1", 5)
    _failures("alice", "192.0.2.2", 2)
    _failures("bob", "192.0.2.1", 5)
    assert failed_logins("alice") == 7
    assert unlock("alice") == 2
    assert failed_logins("alice") == 0
    assert failed_logins("bob") == 5


def test_unlocking_a_name_with_no_failures_removes_nothing() -> None:
    assert unlock("nobody") == 0
