"""Daily reminders as an iCalendar (RFC 5545) document, built with `icalendar`.

The same reminders, start date, time zone and stamp always give the same bytes (stable UIDs),
so a calendar that re-reads a subscription updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

__all__ = ["Reminder", "reminders_ics"]


@dataclass(frozen=True)
class Reminder:
    """A daily reminder at a local time of day."""

    id: str
    summary: str
    description: str
    time: dt.time
    minutes: int = 5
    date: dt.date | None = None
    """Set for a note of that one day: an all-day event, no repeat, no alert (`time` unused)."""


def reminders_ics(
    reminders: Sequence[Reminder],
    *,
    start: dt.date,
    tz: str,
    stamp: dt.datetime,
    uid_domain: str = "nightcramp.local",
    name: str = "nightcramp reminders",
) -> bytes:
    """Return a VCALENDAR with one daily-repeating VEVENT (and an alert) per reminder.

    Raises ValueError when `tz` is not a known IANA time zone or `stamp` is naive.
    """
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {tz!r}") from error
    if stamp.tzinfo is None:
        raise ValueError("stamp must be time-zone aware")
    calendar = Calendar()
    calendar.add("prodid", "-//nightcramp//reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", tz)
    for reminder in reminders:
        event = Event()
        event.add("uid", f"{reminder.id}@{uid_domain}")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        if reminder.date is not None:
            _day_note(event, reminder)
            calendar.add_component(event)
            continue
        event.add("dtstart", dt.datetime.combine(start, reminder.time, tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=reminder.minutes))
        event.add("rrule", {"freq": "daily"})
        event.add("summary", reminder.summary)
        event.add("description", reminder.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder.summary)
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _day_note(event: Event, reminder: Reminder) -> None:
    event.add("dtstart", reminder.date)
    event.add("summary", reminder.summary)
    event.add("description", reminder.description)
    event.add("transp", "TRANSPARENT")
