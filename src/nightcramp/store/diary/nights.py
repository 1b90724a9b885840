"""Save a night: the one way every adapter stores a night's factors.

Two modes, always said out loud: MERGE keeps what is stored and changes only the factors given
(the check-in, `nightcramp night`, API PATCH); REPLACE stores exactly the factors given (API PUT).
Either way, a factor given as None is cleared, and the core's field and record rules apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from nightcramp.core import diary as core
from nightcramp.core.diary_limits import night_problems
from nightcramp.core.errors import InputError, InputErrors

from . import models
from .convert import night_fields, night_to_core

__all__ = ["SaveMode", "delete_night", "find_night", "save_night"]


class SaveMode(StrEnum):
    """How `save_night` treats factors that are stored but not given."""

    MERGE = "merge"
    REPLACE = "replace"


def _merged(
    stored: Mapping[str, core.FactorValue],
    given: Mapping[str, core.FactorValue | None],
    mode: SaveMode,
    unset: Iterable[str],
) -> dict[str, object]:
    factors: dict[str, object] = dict(stored) if mode is SaveMode.MERGE else {}
    factors.update(given)
    for name in unset:
        factors.pop(name, None)
    return {name: value for name, value in factors.items() if value is not None}


def save_night(
    user: User,
    date: dt.date,
    factors: Mapping[str, core.FactorValue | None],
    *,
    mode: SaveMode,
    unset: Iterable[str] = (),
    now: dt.datetime | None = None,
) -> core.Night:
    """Store `user`'s night of `date` and return it as stored.

    `now` (default: the local time) is when the night is logged, for the "not in the future"
    rule. Raises InputErrors (every problem, each naming its field) when a value or the night
    breaks a rule of the diary; nothing is written then.
    """
    unset = tuple(unset)
    clashes = [
        InputError("is both given and cleared; choose one", field=name)
        for name in unset
        if name in factors
    ]
    if mode is SaveMode.REPLACE:  # nothing stored is kept, so nothing is read: one statement
        fields = _checked(date, _merged({}, factors, mode, unset), now, list(clashes))
        return night_to_core(_upsert(user, date, fields))
    with transaction.atomic():
        for _attempt in range(2):
            row = models.Night.objects.select_for_update().filter(user=user, date=date).first()
            stored = {} if row is None else dict(night_to_core(row).factors)
            fields = _checked(date, _merged(stored, factors, mode, unset), now, list(clashes))
            if row is not None:  # read and locked above: one UPDATE
                for name, value in fields.items():
                    setattr(row, name, value)
                row.save(update_fields=[*fields, "updated"])
                return night_to_core(row)
            try:
                with transaction.atomic():
                    row = models.Night.objects.create(user=user, date=date, **fields)
                return night_to_core(row)
            except IntegrityError:
                continue  # another request stored this night meanwhile: merge with it
        raise RuntimeError(f"the night of {date} could not be stored")  # pragma: no cover


def _checked(
    date: dt.date,
    result: Mapping[str, object],
    now: dt.datetime | None,
    problems: list[InputError],
) -> dict[str, object]:
    """The model fields of the night's factors `result`; raises InputErrors naming every
    problem (those given in `problems` too) when it breaks a rule of the diary."""
    for problem in night_problems(date, result, now=now or timezone.localtime()):
        problems.append(InputError(problem.reason, field=problem.field))
    fields: dict[str, object] = {}
    try:
        fields = night_fields(result)
    except InputErrors as error:
        problems += error.errors
    if problems:
        raise InputErrors(_unique(problems))
    return fields


def _upsert(user: User, date: dt.date, fields: Mapping[str, object]) -> models.Night:
    """Insert the night, or put `fields` (every column: REPLACE keeps nothing stored) on the
    row already stored for (user, date): one `INSERT ... ON CONFLICT DO UPDATE` (PostgreSQL
    and SQLite), which also settles two requests storing the same night at once."""
    row = models.Night(user=user, date=date, **fields)
    models.Night.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["user", "date"],
        update_fields=[*fields, "updated"],
    )
    return row


def _unique(problems: Iterable[InputError]) -> list[InputError]:
    """The problems in order, each (field, reason) once: two rules may name the same one."""
    seen: dict[tuple[str | None, str], InputError] = {}
    for problem in problems:
        seen.setdefault((problem.field, problem.reason), problem)
    return list(seen.values())


def find_night(user: User, date: dt.date) -> core.Night | None:
    """Return `user`'s stored night of `date`, or None when it is not logged."""
    row = models.Night.objects.filter(user=user, date=date).first()
    return None if row is None else night_to_core(row)


def delete_night(user: User, date: dt.date) -> core.Night | None:
    """Delete `user`'s night of `date` (it becomes unlogged); return what was deleted, or None."""
    with transaction.atomic():
        row = models.Night.objects.select_for_update().filter(user=user, date=date).first()
        if row is None:
            return None
        night = night_to_core(row)
        row.delete()
        return night
