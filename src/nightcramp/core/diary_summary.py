"""The diary in numbers: nights logged, missing, with cramps, cramps, and the period.

Every screen and command that shows these numbers gets them from `summarize`, so they agree.
A night is logged when it has a check-in or a cramp; a night with neither is missing, never
cramp-free.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from nightcramp.core.diary import date_text

__all__ = ["DiarySummary", "summarize"]


@dataclass(frozen=True, slots=True)
class DiarySummary:
    """The counts of one period of a diary (`first` to `last`, inclusive)."""

    first: dt.date | None
    last: dt.date | None
    nights_logged: int
    nights_checked_in: int
    nights_missing: int
    cramp_nights: int
    cramps: int

    @property
    def days(self) -> int:
        """Calendar days in the period (0 for an empty diary)."""
        if self.first is None or self.last is None:
            return 0
        return (self.last - self.first).days + 1

    @property
    def cramp_nights_per_week(self) -> float | None:
        """Cramp nights per 7 logged nights; None below a week of logged nights."""
        if self.nights_logged < 7:
            return None
        return 7 * self.cramp_nights / self.nights_logged

    def sentence(self) -> str:
        """The summary in one plain sentence, the same on every screen and command."""
        if self.first is None:
            return "Nothing logged yet."
        words = (
            f"{_count(self.nights_logged, 'night')} logged"
            f" from {date_text(self.first)} to {date_text(self.last or self.first)}: "
            f"{_count(self.cramp_nights, 'night')} with cramps"
            f" ({_count(self.cramps, 'cramp')})"
        )
        if self.nights_missing:
            words += f", {_count(self.nights_missing, 'night')} missing"
        return words + "."

    def as_dict(self) -> dict[str, object]:
        """The summary as JSON-ready values (dates as YYYY-MM-DD)."""
        return {
            "first": None if self.first is None else self.first.isoformat(),
            "last": None if self.last is None else self.last.isoformat(),
            "days": self.days,
            "nights_logged": self.nights_logged,
            "nights_checked_in": self.nights_checked_in,
            "nights_missing": self.nights_missing,
            "cramp_nights": self.cramp_nights,
            "cramps": self.cramps,
        }


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def summarize(
    night_dates: Iterable[dt.date],
    cramp_dates: Iterable[dt.date],
    *,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> DiarySummary:
    """Return the summary of the nights from `since` to `until` (inclusive).

    `night_dates` are the dates of check-ins; `cramp_dates` the night of each cramp (one entry a
    cramp). The period starts at `since` but never before the first entry (an early `since`
    must not count decades as missing), and ends at `until` (when it is before `today`), else at
    the later of the night before `today` and the last entry: tonight is not over, so it is not
    missing yet.
    """
    every_night = set(night_dates)
    every_cramp = list(cramp_dates)
    entries = every_night | set(every_cramp)
    first_entry = min(entries, default=None)
    first = first_entry if since is None else (max(since, first_entry) if first_entry else since)

    def inside(day: dt.date) -> bool:
        return (since is None or day >= since) and (until is None or day <= until)

    checked = {d for d in every_night if inside(d)}
    cramps = [d for d in every_cramp if inside(d)]
    logged = checked | set(cramps)
    # Tonight is not over: it is not missing yet.
    horizon = today - dt.timedelta(days=1) if today > dt.date.min else today
    if until is not None and (until < today or first is None):
        last: dt.date | None = until
    elif first is None:
        last = None
    else:
        last = max([horizon if until is None else min(until, horizon), *logged])
    if first is not None and last is not None and first > last:
        first = last
    days = 0 if first is None or last is None else (last - first).days + 1
    return DiarySummary(
        first=first,
        last=last,
        nights_logged=len(logged),
        nights_checked_in=len(checked),
        nights_missing=max(days - len(logged), 0),
        cramp_nights=len(set(cramps)),
        cramps=len(cramps),
    )
