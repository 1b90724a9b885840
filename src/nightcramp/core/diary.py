"""The diary's vocabulary: the contract's enums and the night boundary.

Values are the contract's snake_case strings, so JSON we emit needs no translation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "EVENING_HOUR",
    "HOURS_OF_A_NIGHT",
    "MORNING_HOUR",
    "NIGHT_BOUNDARY_HOUR",
    "STANDARD_FACTORS",
    "Episode",
    "FactorKind",
    "FactorValue",
    "Muscle",
    "Night",
    "Relief",
    "Side",
    "answerable_night",
    "coming_night",
    "custom_factor_kind",
    "date_text",
    "night_of",
]

NIGHT_BOUNDARY_HOUR = 12
HOURS_OF_A_NIGHT = (
    *range(NIGHT_BOUNDARY_HOUR, 24),
    *range(0, NIGHT_BOUNDARY_HOUR),
)
"""The 24 hours of one night's diary day, from the noon boundary to the next: the order every
chart of cramps by the hour draws them in (daytime cramps included)."""


class Muscle(StrEnum):
    CALF = "calf"
    FOOT = "foot"
    THIGH_BACK = "thigh_back"
    THIGH_FRONT = "thigh_front"
    OTHER = "other"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Relief(StrEnum):
    STRETCH = "stretch"
    MASSAGE = "massage"
    HEAT = "heat"
    WALK = "walk"
    STAND_ON_TOES = "stand_on_toes"
    LUNGE_STRETCH = "lunge_stretch"
    OTHER = "other"


class FactorKind(StrEnum):
    INT = "int"
    NUMBER = "number"
    BOOL = "bool"


# The contract's nights.csv columns after `date`, in the contract's order.
STANDARD_FACTORS: dict[str, FactorKind] = {
    "water_glasses": FactorKind.INT,
    "alcohol_drinks": FactorKind.INT,
    "caffeine_drinks": FactorKind.INT,
    "exercise_minutes": FactorKind.INT,
    "new_or_harder_exercise": FactorKind.BOOL,
    "standing_hours": FactorKind.NUMBER,
    "sitting_hours": FactorKind.NUMBER,
    "heavy_sweating": FactorKind.BOOL,
    "bedtime_stretch": FactorKind.BOOL,
    "magnesium_mg": FactorKind.INT,
    "potassium_servings": FactorKind.INT,
    "tight_bedding": FactorKind.BOOL,
    "feet_pointed": FactorKind.BOOL,
    "warm_bath": FactorKind.BOOL,
    "cold_room": FactorKind.BOOL,
}


def night_of(started_at: dt.datetime) -> dt.date:
    """Return the night (the evening's calendar date) a cramp starting at `started_at` belongs to.

    A cramp before 12:00 belongs to the previous evening's night.
    """
    if started_at.hour < NIGHT_BOUNDARY_HOUR:
        return started_at.date() - dt.timedelta(days=1)
    return started_at.date()


MORNING_HOUR = 5
"""Before 5 a.m. it is still last evening's night; from then on, "tonight" is the coming one."""


def coming_night(now: dt.datetime) -> dt.date:
    """The night that "tonight" means at `now` (local time): the night still going on before
    5 a.m., else today's. In the morning a cramp belongs to last night (`night_of`), but the
    night to plan for is the coming one."""
    if now.hour < MORNING_HOUR:
        return now.date() - dt.timedelta(days=1)
    return now.date()


EVENING_HOUR = 18
"""From 6 p.m. tonight's plan can be answered ("did you follow it?"); before, it has not come."""


def answerable_night(now: dt.datetime) -> dt.date:
    """The latest night whose plan can be answered at `now` (local time): tonight from 6 p.m.
    and through the night (before 5 a.m.), else last night."""
    tonight = coming_night(now)
    if now.hour >= EVENING_HOUR or now.hour < MORNING_HOUR:
        return tonight
    return tonight - dt.timedelta(days=1)


FactorValue = int | float | bool


def custom_factor_kind(values: Iterable[object]) -> FactorKind:
    """Return the kind of a custom factor from its recorded values (None = not recorded).

    Only booleans: BOOL. Only whole numbers (int, never bool): INT. Anything else, including a
    mix of booleans and numbers, or no recorded value at all: NUMBER.
    """
    seen = [v for v in values if v is not None]
    if seen and all(isinstance(v, bool) for v in seen):
        return FactorKind.BOOL
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return FactorKind.INT
    return FactorKind.NUMBER


@dataclass(frozen=True, slots=True)
class Night:
    """One logged night: the evening's date and the day's factors.

    A factor absent from `factors` was not recorded (unknown), never 0 or false. Custom factors
    sit beside the standard ones under their column name.
    """

    date: dt.date
    factors: Mapping[str, FactorValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Episode:
    """One cramp. `started_at` is local time (aware when the time zone is known)."""

    started_at: dt.datetime
    muscle: Muscle = Muscle.CALF
    side: Side | None = None
    duration_min: float | None = None
    severity: int | None = None
    relief: tuple[Relief, ...] = ()
    relief_worked: Relief | None = None
    woke_from_sleep: bool | None = None
    notes: str = ""

    @property
    def night(self) -> dt.date:
        """The night this cramp belongs to (noon boundary)."""
        return night_of(self.started_at)


def date_text(day: dt.date) -> str:
    """A date as people read it, on every screen and in every sentence: "6 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"
