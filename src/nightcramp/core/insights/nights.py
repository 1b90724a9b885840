"""The night table: one row per logged night, cramp counts, factor columns, lags and season terms.

Unlogged nights are not rows (never read as cramp-free); a missing cell stays NaN here and is
imputed by the model, never read as 0 or false.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from nightcramp.core.diary import STANDARD_FACTORS, Episode, FactorKind, Night, custom_factor_kind

__all__ = [
    "LAGGED_FACTORS",
    "FactorColumn",
    "NightTable",
    "build_table",
    "term_key",
    "time_terms",
]

FloatArray = npt.NDArray[np.float64]

# Factors that can act on the following night: tested again with the previous day's value.
LAGGED_FACTORS: tuple[str, ...] = ("exercise_minutes", "new_or_harder_exercise")


def term_key(name: str, lag_days: int) -> str:
    """A factor term's unique key: the column name, plus `@lag1` for a previous-day term."""
    return name if lag_days == 0 else f"{name}@lag{lag_days}"


@dataclass(frozen=True)
class FactorColumn:
    """One factor's values per logged night (NaN = not recorded)."""

    name: str
    kind: FactorKind
    values: FloatArray
    lag_days: int = 0

    @property
    def key(self) -> str:
        """Unique key of this term (`term_key`)."""
        return term_key(self.name, self.lag_days)

    @property
    def recorded(self) -> int:
        """Nights on which this factor was recorded."""
        return int(np.count_nonzero(~np.isnan(self.values)))


@dataclass(frozen=True)
class NightTable:
    """Logged nights in date order with their cramp counts and factor columns."""

    dates: tuple[dt.date, ...]
    counts: npt.NDArray[np.int64]
    columns: tuple[FactorColumn, ...]
    unlogged_cramps: int = 0
    unlogged_cramp_nights: int = 0
    cramps_by_night: dict[dt.date, int] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.dates)

    @property
    def cramp_nights(self) -> int:
        return int(np.count_nonzero(self.counts > 0))

    @property
    def span_days(self) -> int:
        """Calendar days from the first to the last logged night, inclusive."""
        return (self.dates[-1] - self.dates[0]).days + 1 if self.dates else 0

    def column(self, key: str) -> FactorColumn | None:
        for col in self.columns:
            if col.key == key:
                return col
        return None


def _kind_of(name: str, values: Iterable[object]) -> FactorKind:
    return STANDARD_FACTORS.get(name) or custom_factor_kind(values)


def _as_float(value: object) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float) and math.isfinite(float(value)):
        return float(value)
    return math.nan


def _floats(raw: Sequence[object]) -> FloatArray:
    """The cells as floats (true 1, false 0), NaN where missing or not a finite number."""
    try:
        values = np.array([math.nan if v is None else v for v in raw], dtype=float)
    except (TypeError, ValueError):
        values = np.array([math.nan if v is None else _as_float(v) for v in raw], dtype=float)
    values[~np.isfinite(values)] = math.nan
    return values


def build_table(
    nights: Sequence[Night],
    episodes: Sequence[Episode],
    *,
    since: dt.date | None = None,
    declared: Sequence[str] = (),
) -> NightTable:
    """Return the night table for `nights` (deduplicated by date, latest wins) and `episodes`.

    Every standard factor gets a column, plus every custom factor in `declared` (those a file
    declares, answered or not) or seen; exercise factors also get a previous-day column that is
    recorded only when the previous day was logged.
    """
    by_date: dict[dt.date, Night] = {}
    for night in nights:
        if since is None or night.date >= since:
            by_date[night.date] = night
    dates = tuple(sorted(by_date))
    per_night = Counter(ep.night for ep in episodes if since is None or ep.night >= since)
    counts = np.array([per_night.get(d, 0) for d in dates], dtype=np.int64)
    logged = set(dates)
    unlogged = {d: c for d, c in per_night.items() if d not in logged}

    names = list(STANDARD_FACTORS)
    known = {*names, "date"}
    facts = [by_date[d].factors for d in dates]
    for k in (*declared, *(k for night_factors in facts for k in night_factors)):
        if k not in known:
            known.add(k)
            names.append(k)
    columns: list[FactorColumn] = []
    for name in names:
        raw = [f.get(name) for f in facts]
        columns.append(FactorColumn(name, _kind_of(name, raw), _floats(raw)))
    index = {d: i for i, d in enumerate(dates)}
    for col in list(columns):
        if col.name not in LAGGED_FACTORS:
            continue
        lagged = np.full(len(dates), math.nan)
        for i, d in enumerate(dates):
            j = index.get(d - dt.timedelta(days=1))
            if j is not None:
                lagged[i] = col.values[j]
        columns.append(FactorColumn(col.name, col.kind, lagged, lag_days=1))
    return NightTable(
        dates=dates,
        counts=counts,
        columns=tuple(columns),
        unlogged_cramps=sum(unlogged.values()),
        unlogged_cramp_nights=len(unlogged),
        cramps_by_night=dict(per_night),
    )


def time_terms(dates: Sequence[dt.date]) -> tuple[FloatArray, list[str]]:
    """Return nuisance columns for time: a linear trend and, over most of a year, a season wave.

    The trend (in years) appears from 8 weeks of span; the annual sine/cosine pair (cramps peak
    in summer) from 240 days, so a factor that rises in summer is not blamed for the season.
    """
    if not dates:
        return np.zeros((0, 0)), []
    first = dates[0]
    offset = np.array([(d - first).days for d in dates], dtype=float)
    span = offset[-1] + 1
    cols: list[FloatArray] = []
    names: list[str] = []
    if span >= 56:
        cols.append((offset - offset.mean()) / 365.25)
        names.append("trend")
    if span >= 240:
        doy = np.array([d.timetuple().tm_yday for d in dates], dtype=float)
        angle = 2 * math.pi * doy / 365.25
        cols.extend([np.sin(angle), np.cos(angle)])
        names.extend(["season_sin", "season_cos"])
    if not cols:
        return np.zeros((len(dates), 0)), []
    return np.column_stack(cols), names
