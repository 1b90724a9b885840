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


@pytest.mark.django_db(transaction=True)
def test_tries_for_one_name_wait_for_each_other_and_other_names_do_not() -> None:
    """While one try for a name is between its lockout check and its failure count, another
    try for the same name waits (on PostgreSQL: on any app server); another name does not."""
    import threading

    from django.db import connection

    from nightcramp.store.account.lockout import one_try_at_a_time

    holding, release = threading.Event(), threading.Event()
    entered: list[str] = []

    def first() -> None:
        with one_try_at_a_time("alice"):
            holding.set()
            release.wait(30)
        connection.close()

    def second(name: str) -> None:
        with one_try_at_a_time(name):
            entered.append(name)
        connection.close()

    holder = threading.Thread(target=first)
    holder.start()
    assert holding.wait(30)
    other = threading.Thread(target=second, args=("bob",))
    other.start()
    other.join(30)
    assert entered == ["bob"]  # another name went straight through
    same = threading.Thread(target=second, args=("ALICE",))
    same.start()
    same.join(0.5)
    assert entered == ["bob"]  # the same name (any case) waits while the first try holds it
    release.set()
    same.join(30)
    holder.join(30)
    assert entered == ["bob", "ALICE"]
