"""How each night looks in the calendar and the 7-night strip: missing, cramp-free or cramps.

Pure functions of dates and severities, so they are tested without a database.
A night with no row and no cramp is missing; it is never shown as cramp-free.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["NightMark", "mark_nights", "month_weeks", "severity_level", "shift_month"]


def severity_level(severity: int | None) -> str:
    """The band a cramp's pain falls in: mild (0–3), moderate (4–6), severe (7–10) or unknown."""
    if severity is None:
        return "unknown"
    if severity <= 3:
        return "mild"
    if severity <= 6:
        return "moderate"
    return "severe"


_LEVEL_ORDER = {"unknown": 0, "mild": 1, "moderate": 2, "severe": 3}
_LEVEL_WORDS = {
    "unknown": "pain not recorded",
    "mild": "mild",
    "moderate": "moderate",
    "severe": "severe",
}


@dataclass(frozen=True, slots=True)
class NightMark:
    """One night as a person reads it: its state, cramp count and worst pain band."""

    date: dt.date
    state: str  # "missing", "free" or "cramps"
    cramps: int = 0
    level: str = ""  # worst severity band when state is "cramps"

    @property
    def words(self) -> str:
        """What the mark means, for screen readers and tooltips."""
        if self.state == "missing":
            return "not logged"
        if self.state == "free":
            return "no cramps"
        count = "1 cramp" if self.cramps == 1 else f"{self.cramps} cramps"
        return f"{count}, {_LEVEL_WORDS[self.level]}"

    @property
    def css(self) -> str:
        """The class that colours this night."""
        return f"night-{self.state}" + (f" sev-{self.level}" if self.state == "cramps" else "")


def mark_nights(
    dates: Iterable[dt.date],
    logged: Iterable[dt.date],
    severities: Mapping[dt.date, Sequence[int | None]],
) -> list[NightMark]:
    """Mark each of `dates`: cramps if any belong to it, else free if logged, else missing."""
    logged_set = set(logged)
    marks = []
    for day in dates:
        found = severities.get(day, ())
        if found:
            worst = max((severity_level(s) for s in found), key=_LEVEL_ORDER.__getitem__)
            marks.append(NightMark(day, "cramps", len(found), worst))
        elif day in logged_set:
            marks.append(NightMark(day, "free"))
        else:
            marks.append(NightMark(day, "missing"))
    return marks


def month_weeks(year: int, month: int) -> list[list[dt.date | None]]:
    """The month as weeks from Monday to Sunday; days outside the month are None."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[d if d.month == month else None for d in week] for week in weeks]


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The (year, month) `by` months after the given one (negative goes back)."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1
