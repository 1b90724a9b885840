"""The JSON diary export: `{"format": "nightcramp-diary", "version": 1, ...}` (CONTRACT.md).

The same fields as the CSV files, with JSON types; plus the profile and the medication list.
Reading checks every value with the shared diary rules and names the field of each problem
(`episodes[3].severity`); writing is deterministic, so export → import → export is identical.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar

from nightcramp.core.diary import STANDARD_FACTORS, Episode, FactorValue, Muscle, Night, Relief
from nightcramp.core.diary_rules import (
    CONDITIONS,
    SEXES,
    check_custom_value,
    check_factor_name,
    check_field,
    parse_date,
    parse_muscle,
    parse_relief,
    parse_side,
    parse_started_at,
)
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.csv_diary import (
    EPISODE_COLUMNS,
    MAX_ERRORS,
    MAX_ROWS,
    episode_key,
    format_started_at,
)

__all__ = [
    "FORMAT",
    "MAX_JSON_BYTES",
    "PROFILE_KEYS",
    "VERSION",
    "DiaryDocument",
    "DiaryMedication",
    "DiaryProfile",
    "dumps_document",
    "episode_to_json",
    "night_to_json",
    "parse_document",
    "read_document",
    "write_document",
]

FORMAT = "nightcramp-diary"
VERSION = 1
PROFILE_KEYS = (
    "birth_year",
    "sex",
    "pregnant",
    "due_date",
    "pregnancy_weeks",
    "conditions",
    "smoker",
)
_T = TypeVar("_T")
# A JSON file is read whole; above this size, CSV (streamed) is the way.
MAX_JSON_BYTES = 200_000_000
_MEDICATION_KEYS = ("name", "dose", "started_on", "stopped_on")


@dataclass(frozen=True, slots=True)
class DiaryProfile:
    """What the person told us about themselves; None means not recorded."""

    birth_year: int | None = None
    sex: str | None = None
    pregnant: bool | None = None
    due_date: dt.date | None = None
    pregnancy_weeks: int | None = None
    conditions: tuple[str, ...] = ()
    smoker: bool | None = None


@dataclass(frozen=True, slots=True)
class DiaryMedication:
    """One medicine on the list."""

    name: str
    dose: str = ""
    started_on: dt.date | None = None
    stopped_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DiaryDocument:
    """A whole diary: nights, episodes, profile and medicines."""

    nights: Sequence[Night] = ()
    episodes: Sequence[Episode] = ()
    profile: DiaryProfile | None = None
    medications: Sequence[DiaryMedication] = field(default_factory=tuple)


# -- writing ----------------------------------------------------------------------------------
def night_to_json(night: Night) -> dict[str, object]:
    """A night as JSON: every standard factor (null = not recorded), then custom ones by name."""
    out: dict[str, object] = {"date": night.date.isoformat()}
    for name in STANDARD_FACTORS:
        out[name] = night.factors.get(name)
    for name in sorted(k for k in night.factors if k not in STANDARD_FACTORS):
        out[name] = night.factors[name]
    return out


def episode_to_json(episode: Episode, tz: dt.tzinfo | None = None) -> dict[str, object]:
    """An episode as JSON, in the contract's field order."""
    return {
        "started_at": format_started_at(episode.started_at, tz),
        "muscle": episode.muscle.value,
        "side": None if episode.side is None else episode.side.value,
        "duration_min": episode.duration_min,
        "severity": episode.severity,
        "relief": [r.value for r in episode.relief],
        "relief_worked": None if episode.relief_worked is None else episode.relief_worked.value,
        "woke_from_sleep": episode.woke_from_sleep,
        "notes": episode.notes,
    }


def _profile_to_json(profile: DiaryProfile | None) -> dict[str, object]:
    if profile is None:
        return {}
    return {
        "birth_year": profile.birth_year,
        "sex": profile.sex,
        "pregnant": profile.pregnant,
        "due_date": None if profile.due_date is None else profile.due_date.isoformat(),
        "pregnancy_weeks": profile.pregnancy_weeks,
        "conditions": list(profile.conditions),
        "smoker": profile.smoker,
    }


def _medication_to_json(med: DiaryMedication) -> dict[str, object]:
    return {
        "name": med.name,
        "dose": med.dose,
        "started_on": None if med.started_on is None else med.started_on.isoformat(),
        "stopped_on": None if med.stopped_on is None else med.stopped_on.isoformat(),
    }


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


def _write_list(out: TextIO, key: str, items: Iterable[object], last: bool = False) -> None:
    out.write(f'  "{key}": [')
    first = True
    for item in items:
        out.write("\n    " if first else ",\n    ")
        out.write(_dump(item).replace("\n", "\n    "))
        first = False
    out.write("]" if first else "\n  ]")
    out.write("\n" if last else ",\n")


def write_document(
    out: TextIO,
    nights: Iterable[Night],
    episodes: Iterable[Episode],
    *,
    profile: DiaryProfile | None = None,
    medications: Iterable[DiaryMedication] = (),
    tz: dt.tzinfo | None = None,
) -> None:
    """Write the export document to `out` one item at a time (bounded memory).

    The text is exactly `json.dumps(document, ensure_ascii=False, indent=2)` plus a newline.
    """
    out.write('{\n  "format": ' + _dump(FORMAT) + ',\n  "version": ' + _dump(VERSION) + ",\n")
    _write_list(out, "nights", (night_to_json(n) for n in nights))
    _write_list(out, "episodes", (episode_to_json(e, tz) for e in episodes))
    out.write('  "profile": ' + _dump(_profile_to_json(profile)).replace("\n", "\n  ") + ",\n")
    _write_list(out, "medications", (_medication_to_json(m) for m in medications), last=True)
    out.write("}\n")


def dumps_document(
    nights: Iterable[Night],
    episodes: Iterable[Episode],
    *,
    profile: DiaryProfile | None = None,
    medications: Iterable[DiaryMedication] = (),
    tz: dt.tzinfo | None = None,
) -> str:
    """Return the export document as text (2-space indent, UTF-8 characters, final newline)."""
    buffer = io.StringIO()
    write_document(buffer, nights, episodes, profile=profile, medications=medications, tz=tz)
    return buffer.getvalue()


# -- reading ----------------------------------------------------------------------------------
class _Collector:
    def __init__(self, label: str, max_errors: int) -> None:
        self.label = label
        self.max_errors = max_errors
        self.errors: list[InputError] = []
        self.count = 0

    def add(self, reason: str, field_path: str | None) -> None:
        self.count += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(InputError(reason, file=self.label, field=field_path))

    def raise_if_any(self) -> None:
        if self.count:
            raise InputErrors(self.errors, total=self.count)


def read_document(
    path: Path,
    *,
    tz: dt.tzinfo | None = None,
    seen_nights: set[int] | None = None,
    seen_episodes: set[int] | None = None,
    label: str | None = None,
) -> DiaryDocument:
    """Read a JSON diary export; raise InputErrors naming each bad field.

    `seen_nights`/`seen_episodes` are shared duplicate sets (date ordinals, `episode_key`).
    """
    name = label or Path(path).name
    if Path(path).stat().st_size > MAX_JSON_BYTES:
        raise InputErrors(
            [
                InputError(
                    f"is larger than {MAX_JSON_BYTES // 1_000_000} MB; for a diary this large, "
                    "export and import CSV files instead (they are read a piece at a time)",
                    file=name,
                )
            ]
        )
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputErrors([InputError("has bytes that are not UTF-8 text", file=name)]) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputErrors(
            [InputError(f"is not valid JSON (line {error.lineno}: {error.msg})", file=name)]
        ) from None
    except RecursionError:
        raise InputErrors([InputError("is nested too deeply to be a diary", file=name)]) from None
    if isinstance(raw, dict) and raw.get("resourceType") == "Bundle":
        raw = _from_fhir(raw, name, tz)
    return parse_document(
        raw, label=name, tz=tz, seen_nights=seen_nights, seen_episodes=seen_episodes
    )


def _from_fhir(bundle: dict[str, object], name: str, tz: dt.tzinfo | None) -> dict[str, object]:
    """A nightcramp FHIR bundle, as the diary document it carries (nights and episodes only)."""
    from nightcramp.core.interop.fhir import read_bundle

    try:
        nights, episodes = read_bundle(bundle, file=name)
    except (InputError, ValueError, TypeError, KeyError, AttributeError) as error:
        reason = error.location_text() if isinstance(error, InputError) else str(error)
        raise InputErrors([InputError(f"cannot be read as a diary: {reason}", file=name)]) from None
    return {
        "format": FORMAT,
        "version": VERSION,
        "nights": [night_to_json(n) for n in nights],
        "episodes": [episode_to_json(e, tz) for e in episodes],
    }


def parse_document(
    raw: object,
    *,
    label: str = "diary.json",
    tz: dt.tzinfo | None = None,
    seen_nights: set[int] | None = None,
    seen_episodes: set[int] | None = None,
) -> DiaryDocument:
    """Check an already-decoded JSON value; return the document or raise InputErrors."""
    errors = _Collector(label, MAX_ERRORS)
    if not isinstance(raw, dict):
        errors.add("is not a nightcramp diary: expected a JSON object", None)
        errors.raise_if_any()
        raise AssertionError  # pragma: no cover
    if raw.get("format") != FORMAT:
        errors.add(f'must be "{FORMAT}"', "format")
    if raw.get("version") != VERSION or isinstance(raw.get("version"), bool):
        errors.add(f"must be {VERSION}; this version of nightcramp reads version 1", "version")
    for key in raw:
        if key not in {"format", "version", "nights", "episodes", "profile", "medications"}:
            errors.add("is not part of a nightcramp diary", key)
    errors.raise_if_any()
    nights_raw = _list(raw, "nights", errors)
    episodes_raw = _list(raw, "episodes", errors)
    meds_raw = _list(raw, "medications", errors)
    if len(nights_raw) + len(episodes_raw) > MAX_ROWS:
        errors.add(f"has more than {MAX_ROWS:,} nights and episodes; split it", None)
        errors.raise_if_any()
    seen_n = set() if seen_nights is None else seen_nights
    seen_e = set() if seen_episodes is None else seen_episodes
    nights = [
        n
        for i, item in enumerate(nights_raw)
        if (n := _night(item, f"nights[{i}]", errors, seen_n)) is not None
    ]
    episodes = [
        e
        for i, item in enumerate(episodes_raw)
        if (e := _episode(item, f"episodes[{i}]", errors, tz, seen_e)) is not None
    ]
    profile = _profile(raw.get("profile"), errors)
    meds = [
        m
        for i, item in enumerate(meds_raw)
        if (m := _medication(item, f"medications[{i}]", errors)) is not None
    ]
    errors.raise_if_any()
    return DiaryDocument(nights=nights, episodes=episodes, profile=profile, medications=tuple(meds))


def _list(raw: Mapping[str, object], key: str, errors: _Collector) -> list[object]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add("must be a list", key)
        return []
    return value


def _object(item: object, where: str, errors: _Collector) -> dict[str, object] | None:
    if not isinstance(item, dict):
        errors.add("must be an object", where)
        return None
    return item


def _night(item: object, where: str, errors: _Collector, seen: set[int]) -> Night | None:
    obj = _object(item, where, errors)
    if obj is None:
        return None
    before = errors.count
    day = _date(obj.get("date"), f"{where}.date", errors, required=True)
    factors: dict[str, FactorValue] = {}
    for key, value in obj.items():
        if key == "date" or value is None:
            continue
        try:
            if key in STANDARD_FACTORS:
                factors[key] = check_field(key, value)
            else:
                check_factor_name(key)
                factors[key] = check_custom_value(value)
        except ValueError as error:
            errors.add(str(error), f"{where}.{key}")
    if day is None or errors.count != before:
        return None
    if day.toordinal() in seen:
        errors.add(f"{day.isoformat()} appears more than once", f"{where}.date")
        return None
    seen.add(day.toordinal())
    return Night(date=day, factors=factors)


def _date(value: object, where: str, errors: _Collector, *, required: bool) -> dt.date | None:
    if value is None:
        if required:
            errors.add("is required", where)
        return None
    if not isinstance(value, str):
        errors.add("must be a date written YYYY-MM-DD", where)
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        errors.add(str(error), where)
        return None


def _episode(
    item: object, where: str, errors: _Collector, tz: dt.tzinfo | None, seen: set[int]
) -> Episode | None:
    obj = _object(item, where, errors)
    if obj is None:
        return None
    before = errors.count
    for key in obj:
        if key not in EPISODE_COLUMNS:
            errors.add("is not an episode field", f"{where}.{key}")
    started = obj.get("started_at")
    started_at: dt.datetime | None = None
    if not isinstance(started, str):
        errors.add("is required: a date and time like 2026-01-31T23:15", f"{where}.started_at")
    else:
        try:
            started_at = parse_started_at(started, tz)
        except ValueError as error:
            errors.add(str(error), f"{where}.started_at")
    muscle = _enum(obj.get("muscle"), f"{where}.muscle", errors, parse_muscle)
    side = _enum(obj.get("side"), f"{where}.side", errors, parse_side)
    worked = _enum(obj.get("relief_worked"), f"{where}.relief_worked", errors, parse_relief)
    relief = _relief_list(obj.get("relief"), f"{where}.relief", errors)
    numbers: dict[str, FactorValue | None] = {}
    for key in ("duration_min", "severity", "woke_from_sleep"):
        value = obj.get(key)
        try:
            numbers[key] = None if value is None else check_field(key, value)
        except ValueError as error:
            errors.add(str(error), f"{where}.{key}")
    notes = obj.get("notes")
    if notes is not None and not isinstance(notes, str):
        errors.add("must be text", f"{where}.notes")
    if started_at is None or errors.count != before:
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
    identity = episode_key(episode)
    if identity in seen:
        errors.add("the same started_at, muscle and side appear more than once", where)
        return None
    seen.add(identity)
    return episode


def _float_or_none(value: FactorValue | None) -> float | None:
    return None if value is None or isinstance(value, bool) else float(value)


def _int_or_none(value: FactorValue | None) -> int | None:
    return None if value is None or isinstance(value, bool) else int(value)


def _bool_or_none(value: FactorValue | None) -> bool | None:
    return value if isinstance(value, bool) else None


def _enum(value: object, where: str, errors: _Collector, parse: Callable[[str], _T]) -> _T | None:
    if value is None:
        return None
    if not isinstance(value, str):
        errors.add("must be text: one of the listed ids", where)
        return None
    try:
        return parse(value)
    except ValueError as error:
        errors.add(str(error), where)
        return None


def _relief_list(value: object, where: str, errors: _Collector) -> tuple[Relief, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.add("must be a list of relief ids", where)
        return ()
    found: list[Relief] = []
    for text in value:
        try:
            relief = parse_relief(text)
        except ValueError as error:
            errors.add(str(error), where)
            continue
        if relief not in found:
            found.append(relief)
    return tuple(found)


def _profile(value: object, errors: _Collector) -> DiaryProfile | None:
    if value is None or value == {}:
        return None
    obj = _object(value, "profile", errors)
    if obj is None:
        return None
    before = errors.count
    for key in obj:
        if key not in PROFILE_KEYS:
            errors.add("is not a profile field", f"profile.{key}")
    birth_year = _whole(obj.get("birth_year"), "profile.birth_year", errors, 1900, 2100)
    weeks = _whole(obj.get("pregnancy_weeks"), "profile.pregnancy_weeks", errors, 0, 45)
    sex = obj.get("sex")
    if sex is not None and sex not in SEXES:
        errors.add(f"must be one of {', '.join(SEXES)}", "profile.sex")
    flags: dict[str, bool | None] = {}
    for key in ("pregnant", "smoker"):
        flag = obj.get(key)
        if flag is not None and not isinstance(flag, bool):
            errors.add("must be true or false", f"profile.{key}")
        flags[key] = flag if isinstance(flag, bool) else None
    conditions = obj.get("conditions") or []
    if not isinstance(conditions, list) or any(c not in CONDITIONS for c in conditions):
        errors.add(
            f"must be a list of condition ids ({', '.join(CONDITIONS)})", "profile.conditions"
        )
        conditions = []
    due = _date(obj.get("due_date"), "profile.due_date", errors, required=False)
    if errors.count != before:
        return None
    return DiaryProfile(
        birth_year=birth_year,
        sex=sex if isinstance(sex, str) else None,
        pregnant=flags["pregnant"],
        due_date=due,
        pregnancy_weeks=weeks,
        conditions=tuple(dict.fromkeys(str(c) for c in conditions)),
        smoker=flags["smoker"],
    )


def _whole(value: object, where: str, errors: _Collector, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add(f"must be a whole number from {low} to {high}", where)
        return None
    return value


def _medication(item: object, where: str, errors: _Collector) -> DiaryMedication | None:
    obj = _object(item, where, errors)
    if obj is None:
        return None
    before = errors.count
    for key in obj:
        if key not in _MEDICATION_KEYS:
            errors.add("is not a medication field", f"{where}.{key}")
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        errors.add("is required: the medicine's name (up to 200 characters)", f"{where}.name")
    dose = obj.get("dose")
    if dose is not None and (not isinstance(dose, str) or len(dose) > 200):
        errors.add("must be text (up to 200 characters)", f"{where}.dose")
    started = _date(obj.get("started_on"), f"{where}.started_on", errors, required=False)
    stopped = _date(obj.get("stopped_on"), f"{where}.stopped_on", errors, required=False)
    if started and stopped and stopped < started:
        errors.add("must not be before started_on", f"{where}.stopped_on")
    if errors.count != before or not isinstance(name, str):
        return None
    return DiaryMedication(
        name=name,
        dose=dose if isinstance(dose, str) else "",
        started_on=started,
        stopped_on=stopped,
    )
