"""Reminder times come from settings, with defaults, and bad values name the variable."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.errors import InputError
from nightcramp.core.plan.reminders import build_reminders, reminder_times_from_env


def test_defaults_are_check_in_at_21_bedtime_at_22_and_three_water_checks() -> None:
    times = reminder_times_from_env({})
    assert times.checkin == dt.time(21) and times.bedtime == dt.time(22)
    assert times.water == (dt.time(10), dt.time(14), dt.time(17))


def test_times_are_read_from_the_environment() -> None:
    times = reminder_times_from_env(
        {
            "NIGHTCRAMP_REMINDER_BEDTIME": "23:15",
            "NIGHTCRAMP_REMINDER_CHECKIN": "7:05",
            "NIGHTCRAMP_REMINDER_WATER": "16:00, 09:30",
        }
    )
    assert times.bedtime == dt.time(23, 15)
    assert times.checkin == dt.time(7, 5)
    assert times.water == (dt.time(9, 30), dt.time(16))


def test_water_none_turns_water_reminders_off() -> None:
    times = reminder_times_from_env({"NIGHTCRAMP_REMINDER_WATER": "none"})
    assert [r.id for r in build_reminders(times)] == ["evening_checkin", "bedtime_routine"]


@pytest.mark.parametrize("name", ["NIGHTCRAMP_REMINDER_BEDTIME", "NIGHTCRAMP_REMINDER_WATER"])
def test_a_bad_time_names_the_variable(name: str) -> None:
    with pytest.raises(InputError) as caught:
        reminder_times_from_env({name: "25:00"})
    assert caught.value.field == name
