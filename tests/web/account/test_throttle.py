"""The log-in ceiling per account: many addresses together cannot keep guessing one name."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from axes.signals import user_locked_out  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.conftest import PERSONA_PASSWORD
from tests.web.account.test_lockout import _logged_in, _try

from nightcramp.store.account.lockout import failed_logins, unlock

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]


def test_many_addresses_together_reach_a_ceiling_for_the_account(alice: User) -> None:
    limit, ceiling = settings.AXES_FAILURE_LIMIT, settings.ACCOUNT_FAILURE_CEILING
    address = 0
    failures = 0
    while failures < ceiling - 1:  # each address stops one short of its own lock
        address += 1
        client = Client(REMOTE_ADDR=f"198.51.100.{address}")
        for _ in range(min(limit - 1, ceiling - 1 - failures)):
            assert _try(client, "alice").status_code == 200
            failures += 1
    # The failure that reaches the ceiling gets the "try again later" page, from any address.
    assert _try(Client(REMOTE_ADDR="198.51.100.200"), "alice").status_code == 429
    # A new address, even with the right password, is refused now.
    fresh = Client(REMOTE_ADDR="192.0.2.77")
    refused = _try(fresh, "alice", PERSONA_PASSWORD)
    assert refused.status_code == 429 and "data-locked" in refused.content.decode()
    assert not _logged_in(fresh)
    # Another account is not touched; unlocking the name lifts the ceiling.
    assert unlock("alice") >= 1
    assert _try(fresh, "alice", PERSONA_PASSWORD).status_code == 302


def test_the_ceiling_counts_only_failures_within_the_cool_off_time(alice: User) -> None:
    ceiling = settings.ACCOUNT_FAILURE_CEILING
    for address in range(ceiling - 1):
        assert _try(Client(REMOTE_ADDR=f"198.51.100.{address + 1}"), "alice").status_code == 200
    assert _try(Client(REMOTE_ADDR="198.51.100.200"), "alice").status_code == 429
    old = dt.timedelta(minutes=1) + settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.filter(username="alice").update(attempt_time=timezone.now() - old)
    client = Client(REMOTE_ADDR="192.0.2.77")
    assert _try(client, "alice", PERSONA_PASSWORD).status_code == 302


def test_the_ceiling_stays_under_asvs_one_hundred_guesses_an_hour() -> None:
    windows = dt.timedelta(hours=1) / settings.AXES_COOLOFF_TIME
    assert settings.ACCOUNT_FAILURE_CEILING * windows <= 100
    assert settings.ACCOUNT_FAILURE_CEILING > settings.AXES_FAILURE_LIMIT


def test_another_account_is_not_touched_by_the_ceiling(alice: User, bob: User) -> None:
    for address in range(settings.ACCOUNT_FAILURE_CEILING):
        _try(Client(REMOTE_ADDR=f"198.51.100.{address + 1}"), "alice")
    assert failed_logins("alice") >= settings.ACCOUNT_FAILURE_CEILING
    assert _try(Client(REMOTE_ADDR="192.0.2.77"), "bob", PERSONA_PASSWORD).status_code == 302


def test_one_address_alone_can_only_ever_lock_itself(alice: User) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(settings.ACCOUNT_FAILURE_CEILING + 5):
        _try(attacker, "alice")  # locked after five; the tries go on
    assert _try(attacker, "alice", PERSONA_PASSWORD).status_code == 429
    owner = Client(REMOTE_ADDR="192.0.2.10")
    assert _try(owner, "alice", PERSONA_PASSWORD).status_code == 302


def test_tries_while_the_ceiling_holds_are_not_counted_so_it_lifts_on_time(alice: User) -> None:
    limit, ceiling = settings.AXES_FAILURE_LIMIT, settings.ACCOUNT_FAILURE_CEILING
    for address in range(ceiling // (limit - 1) + 1):
        client = Client(REMOTE_ADDR=f"198.51.100.{address + 1}")
        for _ in range(limit - 1):
            _try(client, "alice")
    counted = failed_logins("alice")
    assert _try(Client(REMOTE_ADDR="198.51.100.250"), "alice").status_code == 429
    assert failed_logins("alice") == counted  # refused, not counted


def test_the_ceiling_tells_listeners_as_django_axes_does_for_its_own_locks(alice: User) -> None:
    heard: list[tuple[str, str | None]] = []

    def listener(sender: object, username: str, ip_address: str | None, **_: object) -> None:
        heard.append((username, ip_address))

    user_locked_out.connect(listener)
    try:
        for address in range(settings.ACCOUNT_FAILURE_CEILING - 1):
            _try(Client(REMOTE_ADDR=f"198.51.100.{address + 1}"), "alice")
        assert heard == []  # no address reached its own limit, nor the account its ceiling
        assert _try(Client(REMOTE_ADDR="198.51.100.200"), "alice").status_code == 429
        assert heard == [("alice", "198.51.100.200")]
        _try(Client(REMOTE_ADDR="192.0.2.77"), "alice", PERSONA_PASSWORD)
        assert heard == [("alice", "198.51.100.200"), ("alice", "192.0.2.77")]
    finally:
        user_locked_out.disconnect(listener)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_guesses_cannot_slip_past_the_ceiling(alice: User) -> None:
    """Many addresses guessing at the same moment, one failure short of the ceiling: each try
    sees the one before it counted, so exactly one more failure is counted and the rest are
    refused."""
    import threading

    from django.db import connection

    limit, ceiling = settings.AXES_FAILURE_LIMIT, settings.ACCOUNT_FAILURE_CEILING
    failures, address = 0, 0
    while failures < ceiling - 1:
        address += 1
        client = Client(REMOTE_ADDR=f"198.51.100.{address}")
        for _ in range(min(limit - 1, ceiling - 1 - failures)):
            _try(client, "alice")
            failures += 1
    start = threading.Barrier(12)
    codes: list[int] = []

    def guess(n: int) -> None:
        client = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        start.wait(30)
        codes.append(_try(client, "alice").status_code)
        connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    per_address = settings.AXES_FAILURE_LIMIT
    assert failed_logins("alice", per_address=per_address) == ceiling
    assert codes.count(429) == 12  # the one that reached the ceiling gets the same page


def test_a_count_is_kept_even_when_a_listener_fails(alice: User) -> None:
    """A site's own `user_locked_out` receiver that raises must not undo the count: the
    failure that reaches the ceiling stays counted, and the ceiling holds."""

    def broken(**_: object) -> None:
        raise RuntimeError("a site's receiver failed")

    ceiling = settings.ACCOUNT_FAILURE_CEILING
    for address in range(ceiling - 1):
        _try(Client(REMOTE_ADDR=f"198.51.100.{address + 1}"), "alice")
    user_locked_out.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            _try(Client(REMOTE_ADDR="198.51.100.200"), "alice")
    finally:
        user_locked_out.disconnect(broken)
    assert failed_logins("alice", per_address=settings.AXES_FAILURE_LIMIT) == ceiling
    assert _try(Client(REMOTE_ADDR="192.0.2.77"), "alice", PERSONA_PASSWORD).status_code == 429


def test_a_try_that_waits_too_long_for_its_turn_is_refused_and_not_counted(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    from nightcramp.store.account import lockout
    from nightcramp.web.account import forms

    @contextmanager
    def busy(name: str, *, wait: float | None = None):  # type: ignore[no-untyped-def]
        raise lockout.LoginBusy
        yield

    monkeypatch.setattr(forms, "one_try_at_a_time", busy)
    response = _try(Client(REMOTE_ADDR="198.51.100.9"), "alice", PERSONA_PASSWORD)
    assert response.status_code == 200 and forms.BUSY in response.content.decode()
    assert failed_logins("alice") == 0
