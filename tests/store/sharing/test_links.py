from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.errors import InputError
from nightcramp.store.sharing.links import (
    DEFAULT_DAYS,
    create_link,
    find_link,
    hash_token,
    link_path,
    link_state,
    links_of,
    revoke_link,
)
from nightcramp.store.sharing.models import ShareLink

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def test_a_new_link_works_for_fourteen_days_by_default(alice: User) -> None:
    made = create_link(alice, now=NOW)
    assert made.link.expires_at - made.link.created_at == dt.timedelta(days=DEFAULT_DAYS)
    assert find_link(made.token, now=NOW + dt.timedelta(days=13, hours=23)) == made.link
    assert find_link(made.token, now=NOW + dt.timedelta(days=14)) is None


def test_the_token_holds_at_least_128_random_bits_and_only_its_hash_is_stored(
    alice: User,
) -> None:
    tokens = {create_link(alice, now=NOW).token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 22 for t in tokens)  # 22 url-safe characters carry 132 bits
    stored = list(ShareLink.objects.values_list("token_hash", flat=True))
    assert not tokens & set(stored)
    assert {hash_token(t) for t in tokens} == set(stored)


def test_the_path_carries_the_token(alice: User) -> None:
    made = create_link(alice, now=NOW)
    assert made.path == link_path(made.token) == f"/s/{made.token}/"


@pytest.mark.parametrize("days", [0, -1, 366])
def test_a_link_must_work_for_1_to_365_days(alice: User, days: int) -> None:
    with pytest.raises(InputError) as raised:
        create_link(alice, now=NOW, days=days)
    assert raised.value.field == "days"
    assert not ShareLink.objects.exists()


def test_a_revoked_link_finds_nothing_at_once(alice: User) -> None:
    made = create_link(alice, now=NOW)
    assert revoke_link(alice, made.link.pk, now=NOW) is not None
    assert find_link(made.token, now=NOW) is None
    assert link_state(ShareLink.objects.get(), now=NOW) == "revoked"


def test_someone_else_cannot_revoke_the_link(alice: User, bob: User) -> None:
    made = create_link(alice, now=NOW)
    assert revoke_link(bob, made.link.pk, now=NOW) is None
    assert find_link(made.token, now=NOW) == made.link


def test_revoking_twice_keeps_the_first_time(alice: User) -> None:
    made = create_link(alice, now=NOW)
    revoke_link(alice, made.link.pk, now=NOW)
    again = revoke_link(alice, made.link.pk, now=NOW + dt.timedelta(hours=1))
    assert again is not None and again.revoked_at == NOW


def _variants(token: str) -> list[str]:
    flipped = token.swapcase() if token.swapcase() != token else token[:-1] + "A"
    return [
        flipped,
        token[:-1],
        token[:16],
        token + "x",
        " " + token,
        token.upper() if token.upper() != token else token.lower(),
        "",
        "../" + token,
    ]


def test_a_token_in_another_case_cut_short_or_padded_finds_nothing(alice: User) -> None:
    made = create_link(alice, now=NOW)
    for variant in _variants(made.token):
        assert find_link(variant, now=NOW) is None, variant


def test_a_guessed_token_finds_nothing(alice: User) -> None:
    import secrets

    create_link(alice, now=NOW)
    for _ in range(50):
        assert find_link(secrets.token_urlsafe(32), now=NOW) is None


def test_a_link_of_a_deactivated_account_finds_nothing(alice: User) -> None:
    made = create_link(alice, now=NOW)
    alice.is_active = False
    alice.save()
    assert find_link(made.token, now=NOW) is None


def test_link_state_and_list_newest_first(alice: User, bob: User) -> None:
    old = create_link(alice, now=NOW - dt.timedelta(days=30), days=1)
    new = create_link(alice, now=NOW)
    create_link(bob, now=NOW)
    assert [k.pk for k in links_of(alice)] == [new.link.pk, old.link.pk]
    assert link_state(old.link, now=NOW) == "expired"
    assert link_state(new.link, now=NOW) == "live"
