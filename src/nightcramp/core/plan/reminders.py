"""Reminder times (read by `nightcramp.config`) and texts (from `content/plan/reminders.yaml`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field

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
    "ReminderTimes",
    "build_reminders",
    "load_reminder_texts",
]


@dataclass(frozen=True)
class ReminderTimes:
    """Local times of day; an empty `water` tuple means no water reminders."""

    bedtime: dt.time = dt.time(22, 0)
    checkin: dt.time = dt.time(21, 0)
    water: tuple[dt.time, ...] = (dt.time(10, 0), dt.time(14, 0), dt.time(17, 0))


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
