"""Reminder times (from settings) and texts (from `content/plan/reminders.yaml`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nightcramp.core.errors import ContentError, InputError
from nightcramp.core.interop.ics import Reminder
from nightcramp.core.knowledge.sources import CONTENT_DIR

__all__ = [
    "ENV_BEDTIME",
    "ENV_CHECKIN",
    "ENV_WATER",
    "ReminderTimes",
    "build_reminders",
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


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    summary: str
    description: str
    minutes: int = Field(ge=1, le=120)


@cache
def _texts(content_dir: Path) -> dict[str, _Text]:
    raw = yaml.safe_load((content_dir / "plan" / "reminders.yaml").read_text(encoding="utf-8"))
    texts: dict[str, _Text] = {}
    for index, item in enumerate(raw or []):
        try:
            text = _Text.model_validate(item)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise ContentError(f"reminders.yaml: #{index}: {field}: {first['msg']}") from error
        texts[text.id] = text
    for needed in ("evening_checkin", "bedtime_routine", "water"):
        if needed not in texts:
            raise ContentError(f"reminders.yaml: {needed}: missing entry")
    return texts


def build_reminders(
    times: ReminderTimes, *, water: bool = True, content_dir: Path | None = None
) -> tuple[Reminder, ...]:
    """The day's reminders: evening check-in, bedtime routine and (unless `water` is False,
    e.g. for people on a fluid limit) the water checks, in time order."""
    texts = _texts(content_dir or CONTENT_DIR)
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
