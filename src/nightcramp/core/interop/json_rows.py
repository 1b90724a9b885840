"""One night or episode of a decoded JSON diary, as a `Night` or an `Episode`: every value is
checked by the diary rules, and each problem names its place (`episodes[3].severity`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableSet
from functools import partial

from nightcramp.core.diary import STANDARD_FACTORS, Episode, FactorValue, Muscle, Night, Relief
from nightcramp.core.diary_rules import (
    check_custom_value,
    check_factor_name,
    check_field,
    check_notes,
    check_storable,
    check_utc_offset,
    parse_muscle,
    parse_relief,
    parse_side,
    parse_started_at,
)
from nightcramp.core.interop.columns import EPISODE_COLUMNS
from nightcramp.core.interop.identity import claim_episode, claim_night
from nightcramp.core.interop.json_values import read_date, read_object, read_record, read_text
from nightcramp.core.interop.problems import ProblemList

__all__ = ["read_episode", "read_night"]

_NOT_AN_ID = "must be text: one of the listed ids"
_NO_START = "is required: a date and time like 2026-01-31T23:15"


def read_night(
    item: object, where: str, problems: ProblemList, seen: MutableSet[int]
) -> Night | None:
    """Return the night at `where`, or None after noting each of its problems.

    `seen` holds the nights already read (date ordinals), to find repeats.
    """
    obj = read_object(item, where, problems)
    if obj is None:
        return None
    before = problems.count
    day = read_date(obj.get("date"), f"{where}.date", problems, required=True)
    factors: dict[str, FactorValue] = {}
    for key, value in obj.items():
        if key == "date" or value is None:
            continue
        try:
            if key in STANDARD_FACTORS:
                factors[key] = check_field(key, value)
            else:
                check_factor_name(key)
                factors[key] = check_storable(check_custom_value(value), custom=True)
        except ValueError as error:
            problems.add(str(error), field=f"{where}.{key}")
    if day is None or problems.count != before:
        return None
    repeated = claim_night(day, seen)
    if repeated is not None:
        problems.add(repeated, field=f"{where}.date")
        return None
    return Night(date=day, factors=factors)


def read_episode(
    item: object, where: str, problems: ProblemList, tz: dt.tzinfo | None, seen: MutableSet[int]
) -> Episode | None:
    """Return the episode at `where`, or None after noting each of its problems.

    A time without offset is taken in `tz`; `seen` holds the `episode_key`s already read.
    """
    before = problems.count
    obj = read_record(item, where, problems, fields=EPISODE_COLUMNS, noun="an episode")
    if obj is None:
        return None
    started_at = read_text(
        obj.get("started_at"),
        f"{where}.started_at",
        problems,
        partial(_started_at, tz=tz),
        not_text=_NO_START,
        missing=_NO_START,
    )
    muscle = read_text(
        obj.get("muscle"), f"{where}.muscle", problems, parse_muscle, not_text=_NOT_AN_ID
    )
    side = read_text(obj.get("side"), f"{where}.side", problems, parse_side, not_text=_NOT_AN_ID)
    worked = read_text(
        obj.get("relief_worked"),
        f"{where}.relief_worked",
        problems,
        parse_relief,
        not_text=_NOT_AN_ID,
    )
    relief = _relief_list(obj.get("relief"), f"{where}.relief", problems)
    numbers: dict[str, FactorValue | None] = {}
    for key in ("duration_min", "severity", "woke_from_sleep"):
        value = obj.get(key)
        try:
            numbers[key] = None if value is None else check_field(key, value)
        except ValueError as error:
            problems.add(str(error), field=f"{where}.{key}")
    notes = obj.get("notes")
    if notes is not None and not isinstance(notes, str):
        problems.add("must be text", field=f"{where}.notes")
    elif notes is not None:
        try:
            check_notes(notes)
        except ValueError as error:
            problems.add(str(error), field=f"{where}.notes")
    if started_at is None or problems.count != before:
        return None
    episode = Episode(
        started_at=started_at,
        muscle=muscle or Muscle.CALF,
        side=side,
        duration_min=_float_or_none(numbers.get("duration_min")),
        severity=_int_or_none(numbers.get("severity")),
        relief=relief,
        relief_worked=worked,
        woke_from_sleep=_bool_or_none(numbers.get("woke_from_sleep")),
        notes=notes if isinstance(notes, str) else "",
    )
    repeated = claim_episode(episode, seen)
    if repeated is not None:
        problems.add(repeated, field=where)
        return None
    return episode


def _started_at(text: str, tz: dt.tzinfo | None) -> dt.datetime:
    return check_utc_offset(parse_started_at(text, tz))


def _relief_list(value: object, where: str, problems: ProblemList) -> tuple[Relief, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add("must be a list of relief ids", field=where)
        return ()
    found: list[Relief] = []
    for text in value:
        try:
            relief = parse_relief(text)
        except ValueError as error:
            problems.add(str(error), field=where)
            continue
        if relief not in found:
            found.append(relief)
    return tuple(found)


# The diary rules give each number field its type; these say so to the type checker.
def _float_or_none(value: FactorValue | None) -> float | None:
    return None if value is None or isinstance(value, bool) else float(value)


def _int_or_none(value: FactorValue | None) -> int | None:
    return None if value is None or isinstance(value, bool) else int(value)


def _bool_or_none(value: FactorValue | None) -> bool | None:
    return value if isinstance(value, bool) else None
