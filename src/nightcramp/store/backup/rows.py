"""Check every row of a backup the way the app will read it, before a restore replaces anything.

A backup edited by hand (or damaged in a way the database's own checks let through) can hold a
night on 30 February, a relief nobody knows or a factor that is a list. Restored, it would stop
`history`, `export` and the report. So each row is read as the app reads it: every column
through its model field (type, choices, limits), then each person's diary through the same
conversion `export` uses and the same rules `import` applies, their experiments through the
experiment exchange file's rules, and each triage result as the history shows it. A column an
older backup does not have yet takes the value its migration gives it (the field's default).

The rows come from either engine as plain values: what SQLite holds, or the text of a
PostgreSQL `COPY` block.
"""

from __future__ import annotations

import datetime as dt
import json
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
from nightcramp.core.interop.json_writer import dumps_document
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


def check_rows(file: Path, tables: Mapping[str, Sequence[RawRow]]) -> None:
    """Raise BackupError naming the first problems (table, row and column) if any row of
    `tables` (read from `file`) is one the app could not read; else return."""
    problems: list[_Problem] = []
    loaded: dict[type[models.Model], list[models.Model]] = {}
    for model in _models():
        rows = tables.get(model._meta.db_table)
        if rows:
            loaded[model] = [_instance(model, row, problems) for row in rows]
    if not problems:
        _check_diaries(loaded, problems)
        _check_experiments(loaded, problems)
        _check_triage(loaded, problems)
    if problems:
        lines = [p.text() for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(f"… and {len(problems) - MAX_SHOWN} more")
        raise BackupError(
            f"{file} holds rows this version of nightcramp cannot read. Nothing was changed.\n"
            + "\n".join(f"  {line}" for line in lines)
        )


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
        value = json.loads(raw) if isinstance(raw, str | bytes) else raw
        default = field.get_default()
        if isinstance(default, dict | list) and not isinstance(value, type(default)):
            kind = "an object" if isinstance(default, dict) else "a list"
            raise ValueError(f"must be {kind}, not {_shown(value)}")
        return value
    if isinstance(field, models.IntegerField | models.ForeignKey):
        if isinstance(raw, bool) or not isinstance(raw, int | str) or isinstance(raw, float):
            raise ValueError(f"{_shown(raw)} is not {_what(field)}")
        if isinstance(raw, str) and not re.fullmatch(r"-?\d+", raw):
            raise ValueError(f"{_shown(raw)} is not {_what(field)}")
        return int(raw)
    if isinstance(field, models.FloatField) and (
        isinstance(raw, bool) or not isinstance(raw, int | float | str)
    ):
        raise ValueError(f"{_shown(raw)} is not {_what(field)}")
    if isinstance(field, models.CharField | models.TextField) and not isinstance(raw, str):
        raise ValueError(f"{_shown(raw)} is not text")
    try:
        value = field.to_python(raw)
    except ValidationError:
        raise ValueError(f"{_shown(raw)} is not {_what(field)}") from None
    if isinstance(value, float) and value != value:  # NaN
        raise ValueError(f"{_shown(raw)} is not {_what(field)}")
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # the database keeps UTC
    return value


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _instance(model: type[models.Model], row: RawRow, problems: list[_Problem]) -> models.Model:
    """An unsaved `model` holding `row`'s values; each unreadable column adds a problem."""
    table = model._meta.db_table
    pk = row.get(model._meta.pk.column) if model._meta.pk else None
    values: dict[str, object] = {}
    instance = model()
    for field in model._meta.concrete_fields:
        if field.column not in row:  # an older backup: its migration fills in the default
            values[field.attname] = field.get_default()
            continue
        try:
            value = _python(field, row[field.column])
        except ValueError as error:
            problems.append(_Problem(table, pk, field.name, str(error)))
            continue
        values[field.attname] = value
        problem = _invalid(field, value, instance)
        if problem:
            problems.append(_Problem(table, pk, field.name, problem))
    for attname, value in values.items():
        setattr(instance, attname, value)
    return instance


def _invalid(field: models.Field[Any, Any], value: object, instance: models.Model) -> str | None:
    if value is None:
        return None if field.null else "is empty"
    if field.is_relation or value in ("", [], {}):
        return None
    try:
        field.validate(value, instance)
        field.run_validators(value)
    except ValidationError as error:
        if field.choices:
            known = ", ".join(str(choice) for choice, _ in field.flatchoices)
            return f"{_shown(value)} is not one of {known}"
        return " ".join(error.messages)
    return None


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
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            problems.append(_Problem(row._meta.db_table, row.pk, None, _reason(error)))
    return done


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _check_diaries(
    loaded: Mapping[type[models.Model], list[Any]], problems: list[_Problem]
) -> None:
    nights = _by_user(loaded.get(diary.Night, ()))
    episodes = _by_user(loaded.get(diary.Episode, ()))
    profiles = _by_user(loaded.get(diary.Profile, ()))
    medicines = _by_user(loaded.get(diary.Medication, ()))
    for user in sorted(set(nights) | set(episodes) | set(profiles) | set(medicines)):
        user_nights = _converted(nights.get(user, ()), night_to_core, problems)
        known = _known_relief(episodes.get(user, ()), problems)
        user_episodes = _converted(known, episode_to_core, problems)
        for row, episode in user_episodes:
            night = core.night_of(episode.started_at)
            if row.night != night:
                problems.append(
                    _Problem(
                        row._meta.db_table,
                        row.pk,
                        "night",
                        f"{row.night} is not the night the cramp started in ({night})",
                    )
                )
        user_profiles = _converted(profiles.get(user, ()), profile_to_core, problems)
        user_medicines = _converted(medicines.get(user, ()), medication_to_core, problems)
        text = dumps_document(
            [n for _, n in user_nights],
            [e for _, e in user_episodes],
            profile=user_profiles[0][1] if user_profiles else None,
            medications=[m for _, m in user_medicines],
        )
        rows = {
            "nights": [r for r, _ in user_nights],
            "episodes": [r for r, _ in user_episodes],
            "medications": [r for r, _ in user_medicines],
        }
        profile_row = user_profiles[0][0] if user_profiles else None
        try:
            parse_document(json.loads(text), seen_episodes=_NeverSeen())
        except InputErrors as errors:
            for error in errors.errors:
                problems.append(_placed(error, rows, profile_row))


_RELIEF = tuple(r.value for r in core.Relief)


def _known_relief(rows: Iterable[Any], problems: list[_Problem]) -> list[Any]:
    """The rows whose reliefs are all known; a problem for each of the others."""
    kept = []
    for row in rows:
        unknown = [r for r in row.relief if r not in _RELIEF]
        if unknown:
            reason = f"{_shown(unknown[0])} is not one of {', '.join(_RELIEF)}"
            problems.append(_Problem(row._meta.db_table, row.pk, "relief", reason))
        else:
            kept.append(row)
    return kept


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
    loaded: Mapping[type[models.Model], list[Any]], problems: list[_Problem]
) -> None:
    followed: dict[object, dict[dt.date, bool]] = defaultdict(dict)
    for night in loaded.get(ExperimentNight, ()):
        followed[night.experiment_id][night.date] = night.followed
    for row in loaded.get(Experiment, ()):
        table = row._meta.db_table
        try:
            document = experiments_document([record_of(row, followed=followed[row.pk])])
            parse_experiments_document(json.loads(json.dumps(document)))
        except InputError as error:
            field = re.sub(r"^experiments\[\d+\]\.?", "", error.field or "") or None
            problems.append(_Problem(table, row.pk, field, error.reason))
        except (ValueError, TypeError) as error:
            problems.append(_Problem(table, row.pk, None, _reason(error)))


# --- triage results, as the history shows them --------------------------------------------------


def _check_triage(loaded: Mapping[type[models.Model], list[Any]], problems: list[_Problem]) -> None:
    for row in loaded.get(TriageRecord, ()):
        try:
            entry_of(row)
        except ValueError:
            problems.append(
                _Problem(
                    row._meta.db_table,
                    row.pk,
                    "disposition",
                    f"{_shown(row.disposition)} is not a triage result",
                )
            )
