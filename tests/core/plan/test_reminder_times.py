"""Reminder times: the defaults, and no water reminders when water times are off.

Reading the times from the environment, and naming a variable with a bad value, is the
settings' job (tests/test_config.py).
"""

from __future__ import annotations

import datetime as dt

from nightcramp.core.plan.reminders import ReminderTimes, build_reminders


def test_defaults_are_check_in_at_21_bedtime_at_22_and_three_water_checks() -> None:
    times = ReminderTimes()
    assert times.checkin == dt.time(21) and times.bedtime == dt.time(22)
    assert times.water == (dt.time(10), dt.time(14), dt.time(17))


def test_no_water_times_turns_water_reminders_off() -> None:
    ids = [r.id for r in build_reminders(ReminderTimes(water=()))]
    assert ids == ["evening_checkin", "bedtime_routine"]
