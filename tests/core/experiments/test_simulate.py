"""Simulated people: reproducible, and the effect shows in the counts."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.experiments.schedule import Arm, design_schedule
from nightcramp.core.experiments.simulate import Person, simulate_experiment

SCHEDULE = design_schedule(dt.date(2027, 1, 4), 7, 8, 5)


def test_same_seed_same_run_and_unlogged_nights_are_left_out() -> None:
    person = Person(cramp_nights_per_week=4, unlogged=0.3, adherence=0.8)
    a, b = simulate_experiment(SCHEDULE, person, 1), simulate_experiment(SCHEDULE, person, 1)
    assert a == b
    inside = [n for n in a.nights if n.date <= SCHEDULE.last]
    assert len(inside) < len(SCHEDULE.nights) * 0.9
    assert any(n.followed is False for n in a.schedule.nights)


def test_a_strong_effect_shows_as_fewer_cramps_on() -> None:
    on = off = 0
    for seed in range(20):
        run = simulate_experiment(SCHEDULE, Person(4, rate_ratio=0.3), seed)
        arm = {n.date: n.arm for n in run.schedule.nights}
        for e in run.episodes:
            if arm[e.night] is Arm.ON:
                on += 1
            else:
                off += 1
    assert on < 0.5 * off


def _period_totals(person: Person, seed: int) -> list[int]:
    run = simulate_experiment(SCHEDULE, person, seed)
    period = {n.date: n.period for n in run.schedule.nights}
    totals = [0] * (2 * SCHEDULE.pairs)
    for e in run.episodes:
        if e.night in period:
            totals[period[e.night] - 1] += 1
    return totals


def test_weeks_that_run_high_or_low_spread_the_period_totals() -> None:
    plain, clustered = Person(4, adherence=1.0), Person(4, adherence=1.0, period_shape=1.0)

    def spread(person: Person) -> float:
        ratios = []
        for seed in range(40):
            totals = _period_totals(person, seed)
            mean = sum(totals) / len(totals)
            ratios.append(sum((t - mean) ** 2 for t in totals) / (len(totals) - 1) / mean)
        return sum(ratios) / len(ratios)

    assert spread(clustered) > 2 * spread(plain)
