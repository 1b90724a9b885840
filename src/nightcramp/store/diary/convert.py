"""Maps diary rows to the core's `Night` and `Episode` values and back. No rules decided here.

Times: the database keeps the instant (UTC) and the local offset it was lived at. A naive
`started_at` is read in the site's time zone (`TIME_ZONE`). The core gets the local time back,
aware, with that offset; its night follows the noon boundary in local time.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core import diary as core
from nightcramp.core import diary_rules as rules
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.diary_document import DiaryMedication, DiaryProfile

from . import models

__all__ = [
    "EPISODE_FIELDS",
    "episode_fields",
    "episode_row",
    "episode_to_core",
    "load_diary",
    "local_start",
    "medication_to_core",
    "night_fields",
    "night_to_core",
    "profile_to_core",
]

_STANDARD = tuple(core.STANDARD_FACTORS)


def local_start(started_at: dt.datetime) -> dt.datetime:
    """Return `started_at` as an aware local time (naive times are in the site's zone)."""
    if timezone.is_naive(started_at):
        return timezone.make_aware(started_at, timezone.get_default_timezone())
    return started_at


def episode_to_core(row: models.Episode) -> core.Episode:
    """Return the core value of a stored episode, its start in the local offset it was lived."""
    tz = dt.timezone(dt.timedelta(minutes=row.utc_offset_min))
    return core.Episode(
        started_at=row.started_at.astimezone(tz),
        muscle=core.Muscle(row.muscle),
        side=None if row.side is None else core.Side(row.side),
        duration_min=row.duration_min,
        severity=row.severity,
        relief=tuple(core.Relief(r) for r in row.relief),
        relief_worked=None if row.relief_worked is None else core.Relief(row.relief_worked),
        woke_from_sleep=row.woke_from_sleep,
        notes=row.notes,
    )


# The model fields an episode fills (user excluded), in the order `episode_row` gives them.
EPISODE_FIELDS = (
    "started_at",
    "utc_offset_min",
    "night",
    "muscle",
    "side",
    "duration_min",
    "severity",
    "relief",
    "relief_worked",
    "woke_from_sleep",
    "notes",
)
_MUSCLE_IDS: dict[str, str] = {m.value: m.value for m in core.Muscle}
_SIDE_IDS: dict[str | None, str | None] = {None: None, **{s.value: s.value for s in core.Side}}
_MINUTE = dt.timedelta(minutes=1)
_RELIEF_IDS: dict[str, str] = {r.value: r.value for r in core.Relief}


@functools.lru_cache(maxsize=1024)
def _relief_ids(relief: tuple[core.Relief, ...]) -> tuple[str, ...]:
    return tuple(core.Relief(r).value for r in relief)


def episode_row(episode: core.Episode) -> tuple[Any, ...]:
    """Return the model field values for `episode`, in `EPISODE_FIELDS` order.

    `started_at` is the aware local time, `relief` a tuple of relief ids. A value outside the
    contract's enums raises ValueError.
    """
    local = episode.started_at
    offset = local.utcoffset()
    if offset is None:
        local = local_start(local.replace(tzinfo=None))
        offset = local.utcoffset() or dt.timedelta(0)
    muscle = _MUSCLE_IDS.get(episode.muscle) or core.Muscle(episode.muscle).value
    side = episode.side
    side_id = _SIDE_IDS[side] if side in _SIDE_IDS else core.Side(str(side)).value
    worked = episode.relief_worked
    try:
        relief = _relief_ids(episode.relief)
    except TypeError:  # not a tuple (unhashable): read it all the same
        relief = tuple(core.Relief(r).value for r in episode.relief)
    return (
        local,
        offset // _MINUTE,
        core.night_of(local),
        muscle,
        side_id,
        episode.duration_min,
        episode.severity,
        relief,
        None if worked is None else (_RELIEF_IDS.get(worked) or core.Relief(worked).value),
        episode.woke_from_sleep,
        episode.notes,
    )


def episode_fields(episode: core.Episode) -> dict[str, Any]:
    """Return the model field values for `episode` (user excluded)."""
    fields = dict(zip(EPISODE_FIELDS, episode_row(episode), strict=True))
    fields["relief"] = list(fields["relief"])
    return fields


def night_to_core(row: models.Night) -> core.Night:
    """Return the core value of a stored night; unrecorded factors are absent keys."""
    factors: dict[str, core.FactorValue] = {}
    for name in _STANDARD:
        value = getattr(row, name)
        if value is not None:
            factors[name] = value
    for name, value in sorted(row.custom.items()):
        if value is not None:
            factors[name] = value
    return core.Night(date=row.date, factors=factors)


def _check_value(name: str, value: object) -> core.FactorValue | None:
    if value is None:
        return None
    if name in core.STANDARD_FACTORS:
        return rules.check_storable(rules.check_field(name, value))
    rules.check_factor_name(name)
    return rules.check_storable(rules.check_custom_value(value), custom=True)


def night_fields(factors: Mapping[str, object]) -> dict[str, Any]:
    """Return model field values for `factors`: every standard column plus `custom`.

    Raises InputErrors naming every factor whose value has the wrong type or range.
    """
    fields: dict[str, Any] = dict.fromkeys(_STANDARD)
    custom: dict[str, core.FactorValue] = {}
    problems: list[InputError] = []
    for name, raw in factors.items():
        try:
            value = _check_value(name, raw)
        except ValueError as error:
            problems.append(InputError(str(error), field=name))
            continue
        if name in core.STANDARD_FACTORS:
            fields[name] = value
        elif value is not None:
            custom[name] = value
    if problems:
        raise InputErrors(problems)
    fields["custom"] = custom
    return fields


def load_diary(user: User) -> tuple[list[core.Night], list[core.Episode]]:
    """Return all of `user`'s nights (by date) and episodes (by start), as core values."""
    nights = [night_to_core(r) for r in models.Night.objects.filter(user=user).order_by("date")]
    episodes = [
        episode_to_core(r)
        for r in models.Episode.objects.filter(user=user).order_by("started_at", "id")
    ]
    return nights, episodes


def profile_to_core(row: models.Profile) -> DiaryProfile:
    """Return the core value of a stored profile (None for every unanswered question)."""
    return DiaryProfile(
        birth_year=row.birth_year,
        sex=row.sex,
        pregnant=row.pregnant,
        due_date=row.due_date,
        pregnancy_weeks=row.pregnancy_weeks,
        conditions=tuple(row.conditions or ()),
        smoker=row.smoker,
    )


def medication_to_core(row: models.Medication) -> DiaryMedication:
    """Return the core value of a stored medicine."""
    return DiaryMedication(
        name=row.name, dose=row.dose, started_on=row.started_on, stopped_on=row.stopped_on
    )
