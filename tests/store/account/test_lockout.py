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
    """While one try for a name holds its turn (on PostgreSQL: on any app server; on SQLite:
    in any worker process), another try for the same name cannot start; another name can."""
    import threading

    from django.db import connection

    from nightcramp.store.account.lockout import LoginBusy, one_try_at_a_time

    holding, release = threading.Event(), threading.Event()

    def first() -> None:
        try:
            with one_try_at_a_time("alice"):
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=first)
    holder.start()
    try:
        assert holding.wait(30)
        with one_try_at_a_time("bob", wait=0):
            pass  # another name goes straight through
        with pytest.raises(LoginBusy), one_try_at_a_time("ALICE", wait=0):
            pass  # the same name (any case) waits its turn, and gives up at once here
    finally:
        release.set()
        holder.join(30)
    with one_try_at_a_time("alice", wait=0):
        pass  # its turn, once the first try is done


def test_a_turn_is_given_back_even_when_the_try_fails() -> None:
    from nightcramp.store.account.lockout import one_try_at_a_time

    with pytest.raises(RuntimeError), one_try_at_a_time("alice"):
        raise RuntimeError
    with one_try_at_a_time("alice", wait=0):
        pass
