"""The reminders calendar parses back with icalendar, repeats daily and is deterministic."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from nightcramp.core.interop.ics import Reminder, reminders_ics
from nightcramp.core.plan.reminders import ReminderTimes, build_reminders

STAMP = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
START = dt.date(2026, 11, 22)


def _calendar(tz: str = "Europe/London", **kwargs: object) -> Calendar:
    reminders = build_reminders(ReminderTimes(), **kwargs)  # type: ignore[arg-type]  # test kwargs
    return Calendar.from_ical(reminders_ics(reminders, start=START, tz=tz, stamp=STAMP))


def test_the_calendar_round_trips_through_the_icalendar_parser() -> None:
    calendar = _calendar()
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "evening_checkin@nightcramp.local",
        "bedtime_routine@nightcramp.local",
        "water_1000@nightcramp.local",
        "water_1400@nightcramp.local",
        "water_1700@nightcramp.local",
    }
    bedtime = events["bedtime_routine@nightcramp.local"]
    start = bedtime.decoded("dtstart")
    assert start == dt.datetime(2026, 11, 22, 22, 0, tzinfo=ZoneInfo("Europe/London"))
    assert str(start.tzinfo) == "Europe/London"
    assert bedtime.decoded("rrule") == {"FREQ": ["DAILY"]}
    assert str(bedtime["summary"]) == "Bedtime stretch"
    assert bedtime.walk("VALARM")


def test_the_time_zone_is_described_for_calendar_programs() -> None:
    assert [str(tz["tzid"]) for tz in _calendar().walk("VTIMEZONE")] == ["Europe/London"]


def test_the_same_input_gives_the_same_bytes() -> None:
    reminders = build_reminders(ReminderTimes())
    first = reminders_ics(reminders, start=START, tz="UTC", stamp=STAMP)
    assert reminders_ics(reminders, start=START, tz="UTC", stamp=STAMP) == first


def test_water_reminders_can_be_left_out_for_people_on_a_fluid_limit() -> None:
    summaries = [str(e["summary"]) for e in _calendar(water=False).walk("VEVENT")]
    assert summaries == ["Evening check-in", "Bedtime stretch"]


def test_the_water_reminder_respects_a_fluid_limit() -> None:
    events = _calendar().walk("VEVENT")
    water = next(e for e in events if str(e["summary"]) == "Water check")
    text = str(water["description"])
    assert "fluid limit" in text
    assert "drink more" not in text.lower()


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        reminders_ics([], start=START, tz="Mars/Olympus", stamp=STAMP)


def test_a_naive_stamp_is_refused() -> None:
    reminder = Reminder("x", "X", "x", dt.time(9))
    with pytest.raises(ValueError, match="aware"):
        reminders_ics([reminder], start=START, tz="UTC", stamp=dt.datetime(2026, 1, 1))


def test_a_dated_reminder_is_a_one_day_note_without_repeat_or_alert() -> None:
    note = Reminder("note_1", "Experiment: Off", "Tonight: skip it.", dt.time(0), date=START)
    body = reminders_ics([note], start=START, tz="Europe/London", stamp=STAMP)
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert event.decoded("dtstart") == START
    assert "RRULE" not in event and not event.walk("VALARM")
    assert str(event["summary"]) == "Experiment: Off"
