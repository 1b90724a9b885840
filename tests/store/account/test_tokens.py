"""Issuing tokens with a scope, listing and revoking them; only hashes are stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.store.account.models import ApiToken, TokenScope, hash_token
from nightcramp.store.account.tokens import (
    issue_token,
    live_token,
    revoke_token,
    revoke_tokens_of,
    tokens_of,
)

pytestmark = pytest.mark.django_db


def test_a_new_token_may_write_unless_asked_for_read_only(alice: User) -> None:
    default = issue_token(alice)
    read_only = issue_token(alice, scope=TokenScope.READ)
    assert ApiToken.objects.get(token_hash=hash_token(default)).scope == TokenScope.WRITE
    assert ApiToken.objects.get(token_hash=hash_token(read_only)).scope == TokenScope.READ


def test_an_unknown_scope_is_refused_and_nothing_is_stored(alice: User) -> None:
    with pytest.raises(ValueError, match="admin"):
        issue_token(alice, scope="admin")
    assert not ApiToken.objects.exists()


def test_tokens_of_lists_only_that_persons_tokens_oldest_first(alice: User, bob: User) -> None:
    first = issue_token(alice, label="phone")
    issue_token(bob, label="bob's")
    second = issue_token(alice, label="watch", scope=TokenScope.READ)
    listed = tokens_of(alice)
    assert [row.label for row in listed] == ["phone", "watch"]
    assert [row.hint for row in listed] == [first[3:11], second[3:11]]
    assert all(row.user == alice for row in listed)


def test_revoking_by_text_or_hint_and_all_of_a_person(alice: User, bob: User) -> None:
    one = issue_token(alice)
    two = issue_token(alice)
    bobs = issue_token(bob)
    assert revoke_token(one) == 1
    assert revoke_token(one) == 0
    assert revoke_token(two[:11]) == 1
    issue_token(alice)
    assert revoke_tokens_of(alice) == 1
    assert ApiToken.objects.get(token_hash=hash_token(bobs)).revoked_at is None


def test_live_token_finds_the_owner_and_refuses_revoked_or_inactive(alice: User, bob: User) -> None:
    text = issue_token(alice, scope="read")
    other = issue_token(bob)
    found = live_token(text)
    assert found is not None and found.user == alice and found.scope == "read"
    assert found.user.username == "alice" and found.user.is_active
    assert live_token(text + "x") is None
    revoke_token(text)
    assert live_token(text) is None
    bob.is_active = False
    bob.save()
    assert live_token(other) is None


def test_live_token_notes_its_use_at_most_every_five_minutes(alice: User) -> None:
    text = issue_token(alice)
    assert live_token(text) is not None
    first = ApiToken.objects.get().last_used
    assert first is not None
    assert live_token(text) is not None
    assert ApiToken.objects.get().last_used == first
    earlier = timezone.now() - dt.timedelta(minutes=6)
    ApiToken.objects.update(last_used=earlier)
    assert live_token(text) is not None
    touched = ApiToken.objects.get().last_used
    assert touched is not None and touched > earlier
