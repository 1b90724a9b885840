"""A person's reminders: the day's times, without water checks when fluids may be restricted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.plan.reminders import ReminderTimes
from nightcramp.store.diary import models
from nightcramp.store.plan.reminders import reminders_for
from nightcramp.store.triage.history import save_assessment

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 9)
TIMES = ReminderTimes(
    bedtime=dt.time(22, 30), checkin=dt.time(21, 0), water=(dt.time(9, 0), dt.time(15, 0))
)


def _ids(user: User, *, water: bool = True) -> list[str]:
    return [r.id for r in reminders_for(user, TIMES, today=TODAY, water=water)]


def test_the_days_reminders_come_in_time_order_at_the_persons_times(alice: User) -> None:
    reminders = reminders_for(alice, TIMES, today=TODAY)
    assert [(r.id, r.time) for r in reminders] == [
        ("water_0900", dt.time(9, 0)),
        ("water_1500", dt.time(15, 0)),
        ("evening_checkin", dt.time(21, 0)),
        ("bedtime_routine", dt.time(22, 30)),
    ]


def test_water_checks_are_left_out_when_not_asked_for(alice: User) -> None:
    assert _ids(alice, water=False) == ["evening_checkin", "bedtime_routine"]


def test_a_stored_fluid_limit_leaves_the_water_checks_out_for_that_person_only(
    alice: User, bob: User
) -> None:
    models.Profile.objects.create(user=alice, conditions=["heart_failure"])
    assert _ids(alice) == ["evening_checkin", "bedtime_routine"]
    assert _ids(bob)[:2] == ["water_0900", "water_1500"]


def test_a_fluid_limit_said_in_the_latest_triage_answers_leaves_them_out(alice: User) -> None:
    save_assessment(alice, {"on_dialysis": True})
    assert _ids(alice) == ["evening_checkin", "bedtime_routine"]
