"""One imported row: where it is in its file, which fields the file holds for it, and what
`--replace` makes of it and the stored row it matches.

`--replace` replaces only what the file holds (CONTRACT.md "Diary files"); a stored value the
file does not hold is kept:

- CSV: the header says what every row holds. A column absent from the file keeps the stored
  value; a cell present but empty clears it. Custom factor columns too: a custom column with an
  empty cell clears that factor, a custom factor the file has no column for is kept. The same
  for episodes (matched on `started_at`, `muscle` and `side`): without a `notes` column, the
  stored notes stay.
- JSON export: each night, episode and the profile hold the keys written in it. A key absent
  keeps the stored value; a key present with `null` clears it.
- FHIR bundle: FHIR has no way to say "cleared", only which values were recorded. Each night
  holds the factors it carries (a factor with no Observation for that night is kept); each cramp
  Observation carries the whole cramp (a missing component means not recorded), so a matched
  cramp is replaced whole.

Where a row is: a CSV row number (the header is row 1), or a JSON path such as `nights[3]`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias, TypeVar

from nightcramp.core import diary as core
from nightcramp.core.errors import InputError
from nightcramp.core.interop.csv_diary import EPISODE_COLUMNS, MAX_ERRORS
from nightcramp.core.interop.json_diary import MAX_JSON_BYTES

__all__ = [
    "EVERY_EPISODE_FIELD",
    "Held",
    "ImportProblems",
    "ImportedRow",
    "JsonHolding",
    "Where",
    "located",
    "merge_episode",
    "merge_night",
    "read_json_holding",
]

_T = TypeVar("_T")
Where: TypeAlias = int | str | None
Held: TypeAlias = AbstractSet[str]
# A row as the importer sees it: where it is, the night or episode read, what its file holds.
ImportedRow: TypeAlias = tuple[Where, _T, Held]

EVERY_EPISODE_FIELD: frozenset[str] = frozenset(EPISODE_COLUMNS)
# What identifies a stored episode: the same in the stored and the imported row.
_EPISODE_KEY = frozenset({"started_at", "muscle", "side"})
_EPISODE_FIELDS = tuple(f.name for f in dataclasses.fields(core.Episode))


class ImportProblems:
    """The problems of one import: `errors` keeps the first `MAX_ERRORS`, `count` counts all."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.count = 0

    def add(self, error: InputError) -> None:
        self.count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)

    def add_at(self, reason: str, *, file: str, where: Where, field: str) -> None:
        """Count a problem of `field` in the row at `where`; keep it while there is room."""
        self.count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(located(reason, file=file, where=where, field=field))

    def merge(self, errors: Sequence[InputError], count: int) -> None:
        room = MAX_ERRORS - len(self.errors)
        self.errors.extend(errors[: max(room, 0)])
        self.count += count


def located(reason: str, *, file: str, where: Where, field: str) -> InputError:
    """Return the InputError for a problem of `field` in the row at `where` of `file`."""
    if isinstance(where, str):
        return InputError(reason, file=file, field=f"{where}.{field}")
    return InputError(reason, file=file, row=where, field=field)


def merge_night(stored: core.Night, imported: core.Night, held: Held) -> core.Night:
    """The night `--replace` stores: the imported factors, and the stored ones not `held`."""
    factors = {k: v for k, v in stored.factors.items() if k not in held}
    factors.update(imported.factors)
    return core.Night(date=imported.date, factors=factors)


def merge_episode(stored: core.Episode, imported: core.Episode, held: Held) -> core.Episode:
    """The cramp `--replace` stores: the imported fields, and the stored ones not `held`."""
    kept = {
        name: getattr(stored, name)
        for name in _EPISODE_FIELDS
        if name not in held and name not in _EPISODE_KEY
    }
    return dataclasses.replace(imported, **kept) if kept else imported


@dataclass(frozen=True, slots=True)
class JsonHolding:
    """The keys each item of a JSON diary holds, in file order; `fhir` for a FHIR bundle."""

    nights: Sequence[Held] = ()
    episodes: Sequence[Held] = ()
    profile: Held = frozenset()
    fhir: bool = False

    def night(self, index: int, night: core.Night) -> Held:
        """What the file holds for its `index`-th night (read as `night`)."""
        if self.fhir:
            return {"date", *night.factors}
        return self.nights[index]

    def episode(self, index: int, episode: core.Episode) -> Held:
        """What the file holds for its `index`-th episode (read as `episode`)."""
        return EVERY_EPISODE_FIELD if self.fhir else self.episodes[index]


def read_json_holding(path: Path) -> JsonHolding | None:
    """Return which keys each night, episode and the profile of a JSON diary file hold.

    Returns None when the file cannot be read as JSON objects; the diary reader, which reads
    the file next, names the problem. Key sets are shared between items (few distinct ones).
    """
    if path.stat().st_size > MAX_JSON_BYTES:
        return None
    try:
        raw = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # JSONDecodeError is a ValueError;
        return None  # so is a number too long to read
    if not isinstance(raw, dict):
        return None
    if raw.get("resourceType") == "Bundle":
        return JsonHolding(fhir=True)
    shared: dict[frozenset[str], frozenset[str]] = {}

    def keys(items: object) -> list[Held] | None:
        if items is None:
            return []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return None
        return [shared.setdefault(k, k) for k in (frozenset(i) for i in items)]

    nights, episodes = keys(raw.get("nights")), keys(raw.get("episodes"))
    profile = raw.get("profile")
    if nights is None or episodes is None:
        return None
    return JsonHolding(
        nights=nights,
        episodes=episodes,
        profile=frozenset(profile) if isinstance(profile, dict) else frozenset(),
    )
