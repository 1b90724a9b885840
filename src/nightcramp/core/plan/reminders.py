"""Reminder times (from settings) and texts (from `content/plan/reminders.yaml`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field

from nightcramp.core.errors import InputError
from nightcramp.core.interop.ics import Reminder
from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    content_key,
    read_entries,
)
from nightcramp.core.plan.build import fluids_may_be_restricted
from nightcramp.core.plan.profile import Profile

__all__ = [
    "ENV_BEDTIME",
    "ENV_CHECKIN",
    "ENV_WATER",
    "ReminderTimes",
    "build_reminders",
    "load_reminder_texts",
    "reminder_times_from_env",
]

ENV_BEDTIME = "NIGHTCRAMP_REMINDER_BEDTIME"
ENV_CHECKIN = "NIGHTCRAMP_REMINDER_CHECKIN"
ENV_WATER = "NIGHTCRAMP_REMINDER_WATER"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class ReminderTimes:
    """Local times of day; an empty `water` tuple means no water reminders."""

    bedtime: dt.time = dt.time(22, 0)
    checkin: dt.time = dt.time(21, 0)
    water: tuple[dt.time, ...] = (dt.time(10, 0), dt.time(14, 0), dt.time(17, 0))


def _time(raw: str, name: str) -> dt.time:
    match = _TIME.match(raw.strip())
    if not match:
        raise InputError(f"{raw!r} is not a time of day (use HH:MM, e.g. 22:00)", field=name)
    return dt.time(int(match.group(1)), int(match.group(2)))


def reminder_times_from_env(environ: Mapping[str, str]) -> ReminderTimes:
    """Read the reminder times; a missing or empty variable keeps its default.

    `NIGHTCRAMP_REMINDER_WATER` is a comma-separated list of HH:MM, or `none`. Raises
    InputError whose field is the variable's name when a value is not a time.
    """
    default = ReminderTimes()
    bedtime = environ.get(ENV_BEDTIME, "").strip()
    checkin = environ.get(ENV_CHECKIN, "").strip()
    water_raw = environ.get(ENV_WATER, "").strip()
    if water_raw.lower() == "none":
        water: tuple[dt.time, ...] = ()
    elif water_raw:
        water = tuple(sorted({_time(part, ENV_WATER) for part in water_raw.split(",")}))
    else:
        water = default.water
    return ReminderTimes(
        bedtime=_time(bedtime, ENV_BEDTIME) if bedtime else default.bedtime,
        checkin=_time(checkin, ENV_CHECKIN) if checkin else default.checkin,
        water=water,
    )


class _Text(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    summary: str
    description: str
    minutes: int = Field(ge=1, le=120)


_FILE = "plan/reminders.yaml"
_NEEDED = ("evening_checkin", "bedtime_routine", "water")


@cache
def _texts(root: Path | None) -> dict[str, _Text]:
    texts = {text.id: text for text in read_entries(_FILE, _Text, root=root)}
    for needed in _NEEDED:
        if needed not in texts:
            raise ContentFileError("missing entry", file=_FILE, entry=needed, field="id")
    return texts


def load_reminder_texts(content_dir: Path | None = None) -> None:
    """Check `plan/reminders.yaml` (cached); raises ContentFileError if it is invalid."""
    _texts(content_key(content_dir))


def build_reminders(
    times: ReminderTimes,
    *,
    water: bool = True,
    profile: Profile | None = None,
    content_dir: Path | None = None,
) -> tuple[Reminder, ...]:
    """The day's reminders: evening check-in, bedtime routine and the water checks, in time
    order. The water checks are left out when `water` is False, and always for a `profile`
    whose fluids may be restricted (`fluids_may_be_restricted`): they never say drink more."""
    texts = _texts(content_key(content_dir))
    if profile is not None and fluids_may_be_restricted(profile):
        water = False
    slots = [("evening_checkin", "evening_checkin", times.checkin)]
    slots.append(("bedtime_routine", "bedtime_routine", times.bedtime))
    if water:
        slots += [("water", f"water_{t:%H%M}", t) for t in times.water]
    reminders = [
        Reminder(
            id=uid,
            summary=texts[key].summary,
            description=texts[key].description,
            time=at,
            minutes=texts[key].minutes,
        )
        for key, uid, at in slots
    ]
    return tuple(sorted(reminders, key=lambda r: (r.time, r.id)))
