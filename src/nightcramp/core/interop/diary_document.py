"""The whole diary as one value: nights, episodes, the profile and the medicine list.

It is what the JSON export carries, and what reading one gives back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from nightcramp.core.diary import Episode, Night

__all__ = ["PROFILE_KEYS", "DiaryDocument", "DiaryMedication", "DiaryProfile"]

PROFILE_KEYS = (
    "birth_year",
    "sex",
    "pregnant",
    "due_date",
    "pregnancy_weeks",
    "conditions",
    "smoker",
)


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
    night_places: Sequence[str] = ()
    """Where each night is in the file (`nights[3]`, or `entry[7]` in a FHIR bundle)."""
    episode_places: Sequence[str] = ()
    """Where each cramp is in the file, the same way."""
