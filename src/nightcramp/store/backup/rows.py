"""Check every row of a backup the way the app will read it, before a restore replaces anything.

A backup edited by hand (or damaged in a way the database's own checks let through) can hold a
night on 30 February, a relief nobody knows or a factor that is a list. Restored, it would stop
`history`, `export` and the report. So each row is read as the app reads it: every column
through its model field (type, choices, no value where one is needed) and each row into the
core's values (a diary's nights, cramps, profile and medicines, an experiment's record, a
triage result as the history shows it). A row that cannot be read refuses the restore.

Rows the app can read but that break the rules it applies when values are entered (a
factor out of range, a medicine started before 1900, an experiment of 12 pairs, a cramp filed
under another night) are restored as they are: older versions, and forms with a gap, may have
stored them, and a restore must not lose a person's records. They come back as warnings, found
by the same rules `import` applies to each person's diary and that the experiment exchange file
applies. A column an older backup does not have yet takes the value its migration gives it
(the field's default).

The rows come from either engine as plain values: what SQLite holds, or the text of a
PostgreSQL `COPY` block.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSet, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from nightcramp.core import diary as core
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.experiments.records import experiments_document, parse_experiments_document
from nightcramp.core.interop.json_diary import parse_document
from nightcramp.core.interop.json_writer import document_of
from nightcramp.store.diary import models as diary
from nightcramp.store.diary.convert import (
    episode_to_core,
    medication_to_core,
    night_to_core,
    profile_to_core,
)
from nightcramp.store.experiments.convert import record_of
from nightcramp.store.experiments.models import Experiment, ExperimentNight
from nightcramp.store.triage.history import entry_of
from nightcramp.store.triage.models import TriageRecord

from .database import BackupError

__all__ = ["MAX_SHOWN", "RawRow", "check_rows", "checked_tables"]

# A row as the backup holds it: column name -> value (SQLite's own, or COPY text, or None).
RawRow = Mapping[str, object]
MAX_SHOWN = 10


@dataclass(frozen=True)
class _Problem:
    table: str
    pk: object
    field: str | None
    reason: str

    def text(self) -> str:
        where = f"{self.table} row {self.pk}"
        return f"{where}, {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


def _models() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("nightcramp.")
        for model in config.get_models()
    ]


def checked_tables() -> list[str]:
    """The tables whose rows a restore checks: those of nightcramp's own models."""
    return [model._meta.db_table for model in _models()]


def check_rows(file: Path, tables: Mapping[str, Sequence[RawRow]]) -> tuple[str, ...]:
    """Raise BackupError naming the first problems (table, row and column) if any row of
    `tables` (read from `file`) is one the app could not read. Else return the rows that break
    the rules of entry, as lines to show (at most `MAX_SHOWN`, and how many more)."""
    problems: list[_Problem] = []
    warnings: list[_Problem] = []
    loaded: dict[type[models.Model], list[models.Model]] = {}
    for model in _models():
        rows = tables.get(model._meta.db_table)
        if rows:
            loaded[model] = [_instance(model, row, problems, warnings) for row in rows]
    if not problems:
        _check_diaries(loaded, problems, warnings)
        _check_experiments(loaded, problems, warnings)
        _check_triage(loaded, problems)
    if problems:
        raise BackupError(
            f"{file} holds rows this version of nightcramp cannot read. Nothing was changed.\n"
            + "\n".join(f"  {line}" for line in _shown_lines(problems))
        )
    return tuple(_shown_lines(warnings))


def _shown_lines(problems: Sequence[_Problem]) -> list[str]:
    lines = [p.text() for p in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"… and {len(problems) - MAX_SHOWN} more")
    return lines


# Everything converting a stored value can raise on a value no version of the app wrote.
_UNREADABLE = (ValueError, TypeError, AttributeError, KeyError, OverflowError)


# --- one row, column by column ---------------------------------------------------------------

_WHAT = (
    (models.DateTimeField, "a date and time"),
    (models.DateField, "a date (YYYY-MM-DD)"),
    (models.BooleanField, "yes or no (true/false)"),
    (models.IntegerField, "a whole number"),
    (models.FloatField, "a number"),
    (models.JSONField, "JSON"),
)


def _what(field: models.Field[Any, Any]) -> str:
    return next((words for kind, words in _WHAT if isinstance(field, kind)), "text")


def _python(field: models.Field[Any, Any], raw: object) -> object:
    """The value the app reads for `raw`; raises ValueError saying why it cannot."""
    if raw is None:
        return None
    if isinstance(field, models.JSONField):
        try:
            value = json.loads(raw) if isinstance(raw, str | bytes) else raw
            if _not_finite(value):
                raise ValueError("holds a number too large to read")
        except RecursionError:
            raise ValueError("is nested too deeply to read (the app never writes that)") from None
        default = field.get_default()
        if isinstance(default, dict | list) and not isinstance(value, type(default)):
            kind = "an object" if isinstance(default, dict) else "a list"
            raise ValueError(f"must be {kind}, not {_shown(value)}")
        return value
    if isinstance(field, models.IntegerField | models.ForeignKey):
        if isinstance(raw, int) and not isinstance(raw, bool):
            number = raw
        elif isinstance(raw, str) and re.fullmatch(r"-?\d{1,30}", raw):
            number = int(raw)
        else:
            raise ValueError(f"{_shown(raw)} is not {_what(field)}")
        if _out_of_range(field, number):
            # Never entered through the app, and past what the column holds on PostgreSQL
            # (and what exports carry: FHIR's integers are 32-bit).
            raise ValueError(f"{_shown(number)} is outside the range this column holds")
        return number
    if isinstance(field, models.FloatField) and (
        isinstance(raw, bool) or not isinstance(raw, int | float | str)
    ):
        raise ValueError(f"{_shown(raw)} is not {_what(field)}")
    if isinstance(field, models.CharField | models.TextField) and not isinstance(raw, str):
        raise ValueError(f"{_shown(raw)} is not text")
    try:
        value = field.to_python(raw)
    except (ValidationError, TypeError, OverflowError):
        raise ValueError(f"{_shown(raw)} is not {_what(field)}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{_shown(raw)} is not {_what(field)}")
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # the database keeps UTC
    return value


def _out_of_range(field: models.Field[Any, Any], number: int) -> bool:
    """True for a number outside the range of the column's integer type (a key: its target's),
    as Django defines it for every engine."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    typed = field.target_field if isinstance(field, models.ForeignKey) else field
    ranges = BaseDatabaseOperations.integer_field_ranges
    low, high = ranges.get(typed.get_internal_type(), ranges["BigIntegerField"])
    return not low <= number <= high


def _not_finite(value: object) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_not_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_not_finite(v) for v in value)
    return False


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _instance(
    model: type[models.Model], row: RawRow, problems: list[_Problem], warnings: list[_Problem]
) -> models.Model:
    """An unsaved `model` holding `row`'s values; each unreadable column adds a problem, each
    value outside the field's limits a warning."""
    table = model._meta.db_table
    pk = row.get(model._meta.pk.column) if model._meta.pk else None
    instance = model()
    for field in model._meta.concrete_fields:
        if field.column not in row:  # an older backup: its migration fills in the default
            setattr(instance, field.attname, field.get_default())
            continue
        try:
            value = _python(field, row[field.column])
        except ValueError as error:
            problems.append(_Problem(table, pk, field.name, str(error)))
            continue
        setattr(instance, field.attname, value)
        if value is None:
            if not field.null:
                problems.append(_Problem(table, pk, field.name, "is empty"))
            continue
        if field.is_relation or value in ("", [], {}):
            continue
        if field.choices and value not in {choice for choice, _ in field.flatchoices}:
            known = ", ".join(str(choice) for choice, _ in field.flatchoices)
            problems.append(
                _Problem(table, pk, field.name, f"{_shown(value)} is not one of {known}")
            )
            continue
        try:
            field.run_validators(value)
        except ValidationError as error:
            warnings.append(_Problem(table, pk, field.name, " ".join(error.messages)))
    return instance


# --- each person's diary, as export writes it and import reads it ----------------------------


class _NeverSeen(MutableSet[int]):
    """The app may hold two cramps with the same start, muscle and side: not a problem here."""

    def __contains__(self, key: object) -> bool:
        return False

    def __iter__(self) -> Iterator[int]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def add(self, value: int) -> None:
        pass

    def discard(self, value: int) -> None:
        pass


_PLACE = re.compile(r"^(nights|episodes|medications)\[(\d+)\](?:\.(.+))?$")


def _by_user(rows: Iterable[Any]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        found[row.user_id].append(row)
    return found


def _converted(
    rows: Iterable[Any], convert: Callable[[Any], Any], problems: list[_Problem]
) -> list[tuple[Any, Any]]:
    done = []
    for row in rows:
        try:
            done.append((row, convert(row)))
        except _UNREADABLE as error:
            problems.append(_Problem(row._meta.db_table, row.pk, None, _reason(error)))
    return done


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _check_diaries(
    loaded: Mapping[type[models.Model], list[Any]],
    problems: list[_Problem],
    warnings: list[_Problem],
) -> None:
    nights = _by_user(loaded.get(diary.Night, ()))
    episodes = _by_user(loaded.get(diary.Episode, ()))
    profiles = _by_user(loaded.get(diary.Profile, ()))
    medicines = _by_user(loaded.get(diary.Medication, ()))
    for user in sorted(set(nights) | set(episodes) | set(profiles) | set(medicines)):
        readable = _kept(nights.get(user, ()), problems, _custom_problem)
        user_nights = _converted(readable, night_to_core, problems)
        known = _kept(episodes.get(user, ()), problems, _relief_problem)
        user_episodes = _converted(known, _episode_and_night, problems)
        for row, (_episode, night) in user_episodes:
            if row.night != night:
                reason = f"{row.night} is not the night the cramp started in ({night})"
                warnings.append(_Problem(row._meta.db_table, row.pk, "night", reason))
        user_profiles = _converted(profiles.get(user, ()), profile_to_core, problems)
        user_medicines = _converted(medicines.get(user, ()), medication_to_core, problems)
        rows = {
            "nights": [r for r, _ in user_nights],
            "episodes": [r for r, _ in user_episodes],
            "medications": [r for r, _ in user_medicines],
        }
        profile_row = user_profiles[0][0] if user_profiles else None
        try:
            document = document_of(
                [n for _, n in user_nights],
                [e for _, (e, _night) in user_episodes],
                profile=user_profiles[0][1] if user_profiles else None,
                medications=[m for _, m in user_medicines],
            )
            parse_document(document, seen_episodes=_NeverSeen())
        except InputErrors as errors:
            warnings.extend(_placed(error, rows, profile_row) for error in errors.errors)
        except _UNREADABLE as error:
            problems.append(_Problem(diary.Night._meta.db_table, "?", None, _reason(error)))


def _episode_and_night(row: Any) -> tuple[core.Episode, dt.date]:
    episode = episode_to_core(row)
    return episode, core.night_of(episode.started_at)


def _kept(
    rows: Iterable[Any],
    problems: list[_Problem],
    problem_of: Callable[[Any], tuple[str, str] | None],
) -> list[Any]:
    """The rows `problem_of` finds nothing wrong with; a problem (column, reason) for the rest."""
    kept = []
    for row in rows:
        found = problem_of(row)
        if found is None:
            kept.append(row)
        else:
            problems.append(_Problem(row._meta.db_table, row.pk, *found))
    return kept


def _custom_problem(night: Any) -> tuple[str, str] | None:
    """A night's own factor that is not a number, yes/no or nothing (the analysis reads nothing
    else)."""
    for name, value in night.custom.items():
        if not (value is None or isinstance(value, bool | int | float)):
            return f"custom.{name}", f"must be a number or true/false, not {_shown(value)}"
    return None


_RELIEF = tuple(r.value for r in core.Relief)


def _relief_problem(episode: Any) -> tuple[str, str] | None:
    """A relief of a cramp that nobody knows."""
    unknown = [r for r in episode.relief if r not in _RELIEF]
    if unknown:
        return "relief", f"{_shown(unknown[0])} is not one of {', '.join(_RELIEF)}"
    return None


def _placed(error: InputError, rows: Mapping[str, list[Any]], profile: Any) -> _Problem:
    field = error.field or ""
    match = _PLACE.match(field)
    if match:
        row = rows[match.group(1)][int(match.group(2))]
        return _Problem(row._meta.db_table, row.pk, match.group(3), error.reason)
    if field.startswith("profile") and profile is not None:
        name = field.partition(".")[2] or None
        return _Problem(profile._meta.db_table, profile.pk, name, error.reason)
    return _Problem(diary.Night._meta.db_table, "?", field or None, error.reason)


# --- experiments, as their exchange file is read ----------------------------------------------


def _check_experiments(
    loaded: Mapping[type[models.Model], list[Any]],
    problems: list[_Problem],
    warnings: list[_Problem],
) -> None:
    followed: dict[object, dict[dt.date, bool]] = defaultdict(dict)
    for night in loaded.get(ExperimentNight, ()):
        followed[night.experiment_id][night.date] = night.followed
    for row in loaded.get(Experiment, ()):
        table = row._meta.db_table
        try:  # the schedule is built from the design, as every screen builds it
            document = experiments_document([record_of(row, followed=followed[row.pk])])
        except InputError as error:
            problems.append(_Problem(table, row.pk, error.field, error.reason))
            continue
        except _UNREADABLE as error:
            problems.append(_Problem(table, row.pk, None, _reason(error)))
            continue
        try:
            parse_experiments_document(json.loads(json.dumps(document)))
        except InputError as error:
            field = re.sub(r"^experiments\[\d+\]\.?", "", error.field or "") or None
            warnings.append(_Problem(table, row.pk, field, error.reason))
        except _UNREADABLE as error:
            problems.append(_Problem(table, row.pk, None, _reason(error)))


# --- triage results, as the history shows them --------------------------------------------------


def _check_triage(loaded: Mapping[type[models.Model], list[Any]], problems: list[_Problem]) -> None:
    for row in loaded.get(TriageRecord, ()):
        try:
            entry_of(row)
        except _UNREADABLE:
            problems.append(
                _Problem(
                    row._meta.db_table,
                    row.pk,
                    "disposition",
                    f"{_shown(row.disposition)} is not a triage result",
                )
            )
