from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from tests.conftest import make_person

from nightcramp.core.errors import InputError
from nightcramp.store.sharing.clinicians import mark_clinician
from nightcramp.store.sharing.grants import (
    MAX_GRANT_DAYS,
    active_grant,
    grant_access,
    grant_state,
    granted_people,
    grants_of,
    revoke_grant,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def doctor(db: None, fast_passwords: None) -> User:
    user = make_person("dr_lee")
    mark_clinician(user)
    return user


def test_a_grant_opens_the_diary_from_its_first_to_its_last_day(alice: User, doctor: User) -> None:
    grant = grant_access(
        alice,
        "dr_lee",
        starts_on=TODAY + dt.timedelta(days=2),
        ends_on=TODAY + dt.timedelta(days=5),
        now=NOW,
    )
    day = dt.timedelta(days=1)
    assert active_grant(doctor, alice.pk, now=NOW + day) is None  # before the start
    assert grant_state(grant, now=NOW + day) == "not_started"
    assert active_grant(doctor, alice.pk, now=NOW + 2 * day) == grant
    assert active_grant(doctor, alice.pk, now=NOW + 5 * day) == grant  # the last day counts
    assert active_grant(doctor, alice.pk, now=NOW + 6 * day) is None  # after the end
    assert grant_state(grant, now=NOW + 6 * day) == "ended"


def test_a_revoked_grant_opens_nothing_from_then_on(alice: User, doctor: User) -> None:
    grant = grant_access(alice, "dr_lee", ends_on=TODAY + dt.timedelta(days=30), now=NOW)
    assert active_grant(doctor, alice.pk, now=NOW) == grant
    assert revoke_grant(alice, grant.pk, now=NOW) is not None
    assert active_grant(doctor, alice.pk, now=NOW) is None
    assert granted_people(doctor, now=NOW) == []
    assert grant_state(grants_of(alice).get(), now=NOW) == "revoked"


def test_only_the_person_can_revoke_their_grant(alice: User, bob: User, doctor: User) -> None:
    grant = grant_access(alice, "dr_lee", ends_on=TODAY, now=NOW)
    assert revoke_grant(bob, grant.pk, now=NOW) is None
    assert active_grant(doctor, alice.pk, now=NOW) == grant


def test_a_grant_to_one_clinician_opens_nothing_to_anyone_else(
    alice: User, bob: User, doctor: User
) -> None:
    grant_access(alice, "dr_lee", ends_on=TODAY, now=NOW)
    mark_clinician(bob)
    assert active_grant(bob, alice.pk, now=NOW) is None
    assert granted_people(bob, now=NOW) == []
    assert active_grant(doctor, bob.pk, now=NOW) is None


def test_granted_people_lists_each_person_once(alice: User, bob: User, doctor: User) -> None:
    grant_access(alice, "dr_lee", ends_on=TODAY, now=NOW)
    longer = grant_access(alice, "dr_lee", ends_on=TODAY + dt.timedelta(days=9), now=NOW)
    grant_access(bob, "dr_lee", ends_on=TODAY, now=NOW)
    listed = granted_people(doctor, now=NOW)
    assert [g.person.username for g in listed] == ["alice", "bob"]
    assert listed[0] == longer


@pytest.mark.parametrize(
    ("name", "ends", "field"),
    [
        ("nobody", 3, "clinician"),
        ("bob", 3, "clinician"),  # an account, but not a clinician's
        ("alice", 3, "clinician"),  # oneself
        ("dr_lee", -1, "ends_on"),
        ("dr_lee", MAX_GRANT_DAYS + 1, "ends_on"),
    ],
)
def test_a_grant_is_refused_naming_the_field(
    alice: User, bob: User, doctor: User, name: str, ends: int, field: str
) -> None:
    mark_clinician(alice) if name == "alice" else None
    with pytest.raises(InputError) as raised:
        grant_access(alice, name, ends_on=TODAY + dt.timedelta(days=ends), now=NOW)
    assert raised.value.field == field
    assert not grants_of(alice).exists()


def test_a_grant_cannot_end_before_it_starts(alice: User, doctor: User) -> None:
    with pytest.raises(InputError) as raised:
        grant_access(
            alice,
            "dr_lee",
            starts_on=TODAY + dt.timedelta(days=5),
            ends_on=TODAY + dt.timedelta(days=4),
            now=NOW,
        )
    assert raised.value.field == "ends_on"


def test_a_deactivated_person_is_not_listed(alice: User, doctor: User) -> None:
    grant_access(alice, "dr_lee", ends_on=TODAY, now=NOW)
    alice.is_active = False
    alice.save()
    assert active_grant(doctor, alice.pk, now=NOW) is None
