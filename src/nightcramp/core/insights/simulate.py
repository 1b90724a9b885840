"""A simulator of realistic cramp diaries with a known truth, for tests and the benchmark.

Factors travel together (weekends bring alcohol and exercise, hot days bring sweating and
water, standing replaces sitting), cells go missing, nights go unlogged, cramps peak in summer,
and only the factors in `truth` change the cramp rate; the rest are harmless confounders.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from nightcramp.core.diary import Episode, FactorValue, Muscle, Night, Relief, Side

__all__ = ["RELIEF_SUCCESS", "SimulatedDiary", "TrueEffect", "simulate_diary"]

FloatArray = npt.NDArray[np.float64]

# True chance that each relief method ends a cramp when tried.
RELIEF_SUCCESS: dict[Relief, float] = {
    Relief.STRETCH: 0.8,
    Relief.LUNGE_STRETCH: 0.7,
    Relief.WALK: 0.6,
    Relief.MASSAGE: 0.45,
    Relief.HEAT: 0.3,
}


@dataclass(frozen=True)
class TrueEffect:
    """A real effect: the rate ratio per `unit` of the factor (true vs false for yes/no)."""

    factor: str
    rate_ratio: float
    unit: float = 1.0
    lag_days: int = 0

    @property
    def key(self) -> str:
        return self.factor if self.lag_days == 0 else f"{self.factor}@lag{self.lag_days}"


@dataclass(frozen=True)
class SimulatedDiary:
    """A diary plus what generated it."""

    nights: list[Night]
    episodes: list[Episode]
    truth: tuple[TrueEffect, ...]
    all_values: dict[str, FloatArray] = field(default_factory=dict)
    all_dates: list[dt.date] = field(default_factory=list)
    logged: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    counts: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    season_amplitude: float = 0.35


def _factor_values(
    rng: np.random.Generator, dates: list[dt.date], n_custom: int
) -> dict[str, FloatArray]:
    n = len(dates)
    doy = np.array([d.timetuple().tm_yday for d in dates], dtype=float)
    summer = np.cos(2 * math.pi * (doy - 196) / 365.25)
    weekend = np.array([d.weekday() >= 4 for d in dates], dtype=float)
    hot = summer + rng.normal(0, 0.7, n)
    workday = (1 - weekend) * (rng.random(n) < 0.9)
    exercise = rng.gamma(2.0, 12.0, n) * (rng.random(n) < 0.45 + 0.25 * weekend)
    stretch_state = np.zeros(n)
    state = rng.random() < 0.4
    for i in range(n):
        state = state if rng.random() < 0.95 else not state
        stretch_state[i] = state
    values: dict[str, FloatArray] = {
        "water_glasses": np.maximum(0, np.round(rng.normal(6 + 1.2 * hot, 1.5))),
        "alcohol_drinks": rng.poisson(0.4 + 1.4 * weekend).astype(float),
        "caffeine_drinks": rng.poisson(2.0, n).astype(float),
        "exercise_minutes": np.round(exercise),
        "new_or_harder_exercise": ((exercise > 35) & (rng.random(n) < 0.5)).astype(float),
        "standing_hours": np.round(np.clip(rng.normal(2 + 4 * workday, 1.2), 0, 14), 1).astype(
            float
        ),
        "sitting_hours": np.round(np.clip(rng.normal(8 - 3 * workday, 1.5), 0, 16), 1).astype(
            float
        ),
        "heavy_sweating": (hot + rng.normal(0, 0.6, n) > 0.9).astype(float),
        "bedtime_stretch": stretch_state,
        "magnesium_mg": np.where(rng.random(n) < 0.25, 250.0, 0.0),
        "potassium_servings": rng.poisson(2.0, n).astype(float),
        "tight_bedding": (rng.random(n) < 0.4).astype(float),
        "feet_pointed": (rng.random(n) < 0.3).astype(float),
        "warm_bath": (rng.random(n) < 0.2 + 0.2 * weekend).astype(float),
        "cold_room": (-hot + rng.normal(0, 0.8, n) > 0.6).astype(float),
    }
    for k in range(n_custom):
        if k % 2 == 0:
            base = values["alcohol_drinks"] if k % 4 == 0 else hot
            values[f"custom_{k}"] = (base + rng.normal(0, 1.0, n) > 1.0).astype(float)
        else:
            values[f"custom_{k}"] = np.round(rng.gamma(2.0, 1.5, n), 1)
    return values


def _relief(rng: np.random.Generator) -> tuple[tuple[Relief, ...], Relief | None]:
    methods = list(RELIEF_SUCCESS)
    order = rng.permutation(len(methods))[: int(rng.integers(1, 3))]
    tried: list[Relief] = []
    for i in order:
        method = methods[int(i)]
        tried.append(method)
        if rng.random() < RELIEF_SUCCESS[method]:
            return tuple(tried), method
    return tuple(tried), None


def _episodes(rng: np.random.Generator, night: dt.date, count: int) -> list[Episode]:
    out = []
    for _ in range(count):
        hour = int(
            rng.choice([22, 23, 0, 1, 2, 3, 4, 5], p=[0.05, 0.1, 0.15, 0.2, 0.2, 0.15, 0.1, 0.05])
        )
        day = night if hour >= 12 else night + dt.timedelta(days=1)
        minute = int(rng.integers(0, 60))
        tried, worked = _relief(rng)
        out.append(
            Episode(
                started_at=dt.datetime.combine(day, dt.time(hour, minute)),
                muscle=Muscle.CALF if rng.random() < 0.8 else Muscle.FOOT,
                side=[Side.LEFT, Side.RIGHT, Side.BOTH][int(rng.integers(0, 3))],
                duration_min=round(float(rng.gamma(2.0, 2.0)) + 0.5, 1),
                severity=int(rng.integers(3, 10)),
                relief=tried,
                relief_worked=worked,
                woke_from_sleep=True,
            )
        )
    return out


def simulate_diary(
    seed: int,
    n_nights: int = 365,
    *,
    truth: tuple[TrueEffect, ...] = (),
    base_rate: float = 0.15,
    season_amplitude: float = 0.35,
    dispersion: float = 0.5,
    missing_cell: float = 0.05,
    unlogged_night: float = 0.1,
    n_custom: int = 0,
    start: dt.date = dt.date(2024, 1, 1),
) -> SimulatedDiary:
    """Return a simulated diary of `n_nights` calendar nights from `start` (seeded).

    The cramp count of a night is negative binomial: Poisson with a gamma night effect of
    variance `dispersion`, mean `base_rate` times the season wave times each true effect.
    """
    rng = np.random.default_rng(seed)
    dates = [start + dt.timedelta(days=i) for i in range(n_nights)]
    values = _factor_values(rng, dates, n_custom)
    doy = np.array([d.timetuple().tm_yday for d in dates], dtype=float)
    log_rate = math.log(base_rate) + season_amplitude * np.cos(2 * math.pi * (doy - 196) / 365.25)
    for effect in truth:
        x = values[effect.factor]
        if effect.lag_days:
            x = np.concatenate([np.full(effect.lag_days, float(np.mean(x))), x[: -effect.lag_days]])
        # Dose effects level off: above the 95th percentile more does not add more.
        x = np.minimum(x, float(np.percentile(x, 95)))
        log_rate = log_rate + math.log(effect.rate_ratio) * (x - float(np.mean(x))) / effect.unit
    frailty = rng.gamma(1 / dispersion, dispersion, n_nights) if dispersion > 0 else 1.0
    counts = rng.poisson(np.exp(log_rate) * frailty).astype(np.int64)
    logged = rng.random(n_nights) >= unlogged_night
    nights: list[Night] = []
    episodes: list[Episode] = []
    names = list(values)
    for i, d in enumerate(dates):
        if logged[i]:
            factors: Mapping[str, FactorValue] = {
                name: _cell(name, values[name][i]) for name in names if rng.random() >= missing_cell
            }
            nights.append(Night(d, factors))
            episodes.extend(_episodes(rng, d, int(counts[i])))
    return SimulatedDiary(nights, episodes, truth, values, dates, logged, counts, season_amplitude)


def _cell(name: str, value: float) -> FactorValue:
    from nightcramp.core.diary import STANDARD_FACTORS, FactorKind

    kind = STANDARD_FACTORS.get(name)
    if kind == FactorKind.BOOL or (kind is None and name.startswith("custom_") and
                                   int(name.split("_")[1]) % 2 == 0):  # fmt: skip
        return bool(value > 0.5)
    if kind == FactorKind.INT:
        return int(value)
    return float(value)
