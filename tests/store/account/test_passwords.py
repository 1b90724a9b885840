"""The password rules (OWASP ASVS V2.1) and setting a new password."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from tests.conftest import PERSONA_PASSWORD

from nightcramp.core.errors import InputError
from nightcramp.store.account.lockout import failed_logins
from nightcramp.store.account.passwords import (
    MaximumLengthValidator,
    check_password_rules,
    set_password,
)
from nightcramp.store.account.sessions import sessions_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "twelve chars",  # exactly 12, with a space
        "calf" * 16,  # 64 characters
        "x" * 128,
        "only lower case words here",  # no composition rules
        "ünïcödé pässwörd ✓ 🦵",
    ],
)
def test_long_passwords_of_any_kind_are_accepted(alice: User, password: str) -> None:
    check_password_rules(password, alice)


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("eleven char", "too short"),
        ("x" * 129, "too long"),
        ("password1234", "too common"),
        ("margaret.ashworth1", "too similar"),
    ],
)
def test_short_long_common_or_name_like_passwords_are_refused(password: str, why: str) -> None:
    person = User(username="margaret.ashworth")
    with pytest.raises(InputError) as error:
        check_password_rules(password, person)
    assert error.value.field == "password"
    assert why in str(error.value)


def test_the_maximum_length_rule_explains_itself() -> None:
    rule = MaximumLengthValidator(max_length=20)
    rule.validate("a" * 20)
    assert "20" in rule.get_help_text()
    with pytest.raises(Exception, match="at most 20"):
        rule.validate("a" * 21)


def test_set_password_ends_the_other_sessions_and_lifts_a_lockout(alice: User) -> None:
    from tests.store.account.test_lockout import _failures

    here, elsewhere = Client(), Client()
    here.force_login(alice)
    elsewhere.force_login(alice)
    keep = here.session.session_key
    _failures("alice", "192.0.2.9", 5)
    assert set_password(alice, "a brand new pass phrase", keep_session=keep) == 1
    alice.refresh_from_db()
    assert alice.check_password("a brand new pass phrase")
    assert sessions_of(alice) == [keep]
    assert failed_logins("alice") == 0


def test_a_refused_password_changes_nothing(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    with pytest.raises(InputError):
        set_password(alice, "short")
    alice.refresh_from_db()
    assert alice.check_password(PERSONA_PASSWORD)
    assert Session.objects.count() == 1
