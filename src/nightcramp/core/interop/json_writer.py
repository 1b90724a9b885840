"""Writing the JSON diary export, `{"format": "nightcramp-diary", "version": 1, ...}`: one item
at a time in bounded memory, and deterministic, so export → import → export is identical.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import TextIO

from nightcramp.core.diary import STANDARD_FACTORS, Episode, Night
from nightcramp.core.interop.csv_writer import format_started_at
from nightcramp.core.interop.diary_document import DiaryMedication, DiaryProfile

__all__ = [
    "FORMAT",
    "VERSION",
    "document_of",
    "dumps_document",
    "episode_to_json",
    "night_to_json",
    "write_document",
]

FORMAT = "nightcramp-diary"
VERSION = 1


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
        "due_date": _date_or_none(profile.due_date),
        "pregnancy_weeks": profile.pregnancy_weeks,
        "conditions": list(profile.conditions),
        "smoker": profile.smoker,
    }


def _medication_to_json(med: DiaryMedication) -> dict[str, object]:
    return {
        "name": med.name,
        "dose": med.dose,
        "started_on": _date_or_none(med.started_on),
        "stopped_on": _date_or_none(med.stopped_on),
    }


def _date_or_none(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


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


def _lists(
    nights: Iterable[Night],
    episodes: Iterable[Episode],
    medications: Iterable[DiaryMedication],
    tz: dt.tzinfo | None,
) -> tuple[Iterable[object], Iterable[object], Iterable[object]]:
    """The document's three lists, item by item, as JSON values: nights, episodes, medicines."""
    return (
        (night_to_json(n) for n in nights),
        (episode_to_json(e, tz) for e in episodes),
        (_medication_to_json(m) for m in medications),
    )


def document_of(
    nights: Iterable[Night],
    episodes: Iterable[Episode],
    *,
    profile: DiaryProfile | None = None,
    medications: Iterable[DiaryMedication] = (),
    tz: dt.tzinfo | None = None,
) -> dict[str, object]:
    """The export document as one JSON value (what `write_document` writes, held in memory)."""
    night_items, episode_items, medication_items = _lists(nights, episodes, medications, tz)
    return {
        "format": FORMAT,
        "version": VERSION,
        "nights": list(night_items),
        "episodes": list(episode_items),
        "profile": _profile_to_json(profile),
        "medications": list(medication_items),
    }


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

    The text is exactly `json.dumps(document_of(...), ensure_ascii=False, indent=2)` plus a
    newline.
    """
    night_items, episode_items, medication_items = _lists(nights, episodes, medications, tz)
    out.write('{\n  "format": ' + _dump(FORMAT) + ',\n  "version": ' + _dump(VERSION) + ",\n")
    _write_list(out, "nights", night_items)
    _write_list(out, "episodes", episode_items)
    out.write('  "profile": ' + _dump(_profile_to_json(profile)).replace("\n", "\n  ") + ",\n")
    _write_list(out, "medications", medication_items, last=True)
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
