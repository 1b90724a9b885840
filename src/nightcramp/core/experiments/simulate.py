"""Simulated people running an experiment: for tests and the bench, never for a person's data.

A person has a base number of cramp nights a week; each night's cramps are Poisson with a
gamma-distributed rate (over-dispersion), a slow seasonal drift, and the true rate ratio on
nights the change was really in place; optionally, weeks that run high or low together (a
multiplier shared by the nights of each period). Some nights are not logged; adherence is
imperfect (an `off` night not followed means the change was in place after all).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.schedule import Arm, Schedule, ScheduledNight

__all__ = ["Person", "SimulatedExperiment", "simulate_experiment"]


@dataclass(frozen=True)
class Person:
    """How a simulated person cramps and keeps the diary."""

    cramp_nights_per_week: float = 2.0
    rate_ratio: float = 1.0
    adherence: float = 1.0
    unlogged: float = 0.0
    shape: float = 1.5
    """Gamma shape of the nightly rate: smaller is more over-dispersed."""
    season: float = 0.3
    """Amplitude of the yearly drift of the log rate."""
    period_shape: float | None = None
    """Gamma shape of a multiplier shared by all nights of a period (weeks that run high or
    low together: clustering beyond the nightly over-dispersion); None: no such multiplier."""


@dataclass(frozen=True)
class SimulatedExperiment:
    schedule: Schedule
    nights: tuple[Night, ...]
    episodes: tuple[Episode, ...]


def _mean_for(person: Person) -> float:
    """The mean nightly count whose share of nights with a cramp is the person's."""
    p = min(person.cramp_nights_per_week / 7.0, 0.95)
    k = person.shape
    return float(k * ((1.0 - p) ** (-1.0 / k) - 1.0))


def simulate_experiment(schedule: Schedule, person: Person, seed: int) -> SimulatedExperiment:
    """One simulated run of `schedule` by `person` (the same seed gives the same run)."""
    rng = np.random.default_rng(seed)
    mean = _mean_for(person)
    phase = rng.uniform(0, 2 * math.pi)
    weeks = np.random.default_rng([seed, 1])  # its own stream: other draws stay as they were
    shared = (
        {}
        if person.period_shape is None
        else {
            period: float(weeks.gamma(person.period_shape, 1.0 / person.period_shape))
            for period in sorted({night.period for night in schedule.nights})
        }
    )
    followed_nights: list[ScheduledNight] = []
    nights: list[Night] = []
    episodes: list[Episode] = []
    for i, night in enumerate(schedule.nights):
        followed = bool(rng.random() < person.adherence)
        followed_nights.append(ScheduledNight(night.date, night.arm, night.period, followed))
        in_place = (night.arm is Arm.ON) == followed
        drift = math.exp(person.season * math.sin(phase + 2 * math.pi * i / 365.0))
        rate = mean * drift * shared.get(night.period, 1.0)
        rate *= person.rate_ratio if in_place else 1.0
        count = int(rng.poisson(rate * rng.gamma(person.shape, 1.0 / person.shape)))
        if rng.random() < person.unlogged:
            continue
        nights.append(Night(night.date, {}))
        start = dt.datetime.combine(night.date, dt.time(23, 0))
        episodes += [Episode(start + dt.timedelta(minutes=37 * j)) for j in range(count)]
    nights.append(Night(schedule.last + dt.timedelta(days=1), {}))  # the diary goes on
    return SimulatedExperiment(Schedule(tuple(followed_nights)), tuple(nights), tuple(episodes))
