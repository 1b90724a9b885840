"""The safety pause for cramps that doubled: a finished period of an experiment with at least
twice the cramps a night of the weeks before it.

Precisely: the rate before is cramps per logged night over the `BASELINE_NIGHTS` nights before
the first night of the schedule, when at least `MIN_BASELINE_LOGGED` of them were logged. A
period (either arm, washout included) doubled when it is over, at least half of its nights were
logged, its logged nights hold at least `MIN_PERIOD_CRAMPS` cramps, and its cramps per logged
night are at least twice the rate before. A night is logged when it has a check-in or a cramp,
as in the analysis. Without a rate before, nothing is compared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from nightcramp.core.experiments.schedule import Schedule

__all__ = [
    "BASELINE_NIGHTS",
    "MIN_BASELINE_LOGGED",
    "MIN_PERIOD_CRAMPS",
    "Doubling",
    "Rate",
    "find_doubling",
    "rate_before",
]

BASELINE_NIGHTS = 28
MIN_BASELINE_LOGGED = 7
MIN_PERIOD_CRAMPS = 3
_MIN_LOGGED_SHARE = 0.5


@dataclass(frozen=True)
class Rate:
    """Cramps over logged nights."""

    cramps: int
    nights: int

    @property
    def per_night(self) -> float:
        return self.cramps / self.nights if self.nights else 0.0

    @property
    def per_week(self) -> float:
        return 7 * self.per_night


@dataclass(frozen=True)
class Doubling:
    """A finished period whose cramps a night were at least twice the rate before."""

    period: int
    first: dt.date
    last: dt.date
    during: Rate
    before: Rate


def _counts(
    night_dates: Iterable[dt.date], cramp_nights: Iterable[dt.date]
) -> tuple[set[dt.date], Counter[dt.date]]:
    cramps = Counter(cramp_nights)
    return set(night_dates) | set(cramps), cramps


def rate_before(
    start: dt.date, night_dates: Iterable[dt.date], cramp_nights: Iterable[dt.date]
) -> Rate | None:
    """The rate of the `BASELINE_NIGHTS` nights before `start`, or None with too few logged.

    `night_dates`: nights with a check-in; `cramp_nights`: each cramp's night, once per cramp.
    """
    logged, cramps = _counts(night_dates, cramp_nights)
    first = start - dt.timedelta(days=BASELINE_NIGHTS)
    window = [d for d in logged if first <= d < start]
    if len(window) < MIN_BASELINE_LOGGED:
        return None
    return Rate(cramps=sum(cramps[d] for d in window), nights=len(window))


def find_doubling(
    schedule: Schedule,
    night_dates: Iterable[dt.date],
    cramp_nights: Iterable[dt.date],
    *,
    through: dt.date,
    after_period: int = 0,
) -> Doubling | None:
    """The first period after `after_period`, over by `through` (its last night on or before
    it), whose cramps doubled against the rate before the schedule; None when none did."""
    logged, cramps = _counts(night_dates, cramp_nights)
    before = rate_before(schedule.first, logged, cramps.elements())
    if before is None:
        return None
    periods: dict[int, list[dt.date]] = {}
    for night in schedule.nights:
        periods.setdefault(night.period, []).append(night.date)
    for period, dates in sorted(periods.items()):
        if period <= after_period or dates[-1] > through:
            continue
        seen = [d for d in dates if d in logged]
        during = Rate(cramps=sum(cramps[d] for d in seen), nights=len(seen))
        if (
            len(seen) >= _MIN_LOGGED_SHARE * len(dates)
            and during.cramps >= MIN_PERIOD_CRAMPS
            and during.per_night >= 2 * before.per_night
        ):
            return Doubling(period, dates[0], dates[-1], during, before)
    return None
