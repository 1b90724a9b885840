"""No false alarms from a diary that cannot support them; an unanswered night is unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import Episode, Night
from nightcramp.core.insights.analyze import analyze
from nightcramp.core.insights.results import Verdict
from nightcramp.core.insights.simulate import simulate_diary

CALLED = (Verdict.LIKELY_TRIGGER, Verdict.LIKELY_PROTECTIVE)


@pytest.mark.parametrize("seed", [12, 41])
def test_few_cramp_nights_and_many_factors_call_nothing(seed: int) -> None:
    # No true effect: 120 nights, about 17 with cramps, a quarter of answers blank, 4 custom
    # factors. A joint model of about 30 terms on 17 cramp nights follows chance; it called up
    # to 10 unrelated factors at once.
    sim = simulate_diary(
        seed, 120, base_rate=0.12, missing_cell=0.25, n_custom=4, unlogged_night=0.05
    )
    result = analyze(sim.nights, sim.episodes)
    assert [f.factor for f in result.factors if f.verdict in CALLED] == []
    reasons = {f.explanation for f in result.factors if f.verdict is Verdict.NOT_ENOUGH_DATA}
    assert any("too many factors to tell apart" in r for r in reasons)


def test_the_stretch_pattern_never_reads_unanswered_nights_as_no() -> None:
    # 30 nights with the stretch question unanswered, then 30 nights "yes": nothing says when
    # the stretch started, so there is no "since you started" comparison.
    start = dt.date(2025, 1, 1)
    nights = [
        Night(start + dt.timedelta(i), {} if i < 30 else {"bedtime_stretch": True})
        for i in range(60)
    ]
    episodes = [
        Episode(dt.datetime.combine(start + dt.timedelta(i), dt.time(23)))
        for i in range(60)
        if (i % 2 == 0 if i < 30 else i % 4 == 0)
    ]
    assert analyze(nights, episodes).patterns.stretching is None


def test_the_stretch_pattern_compares_with_nights_answered_no() -> None:
    start = dt.date(2025, 1, 1)
    nights = [
        Night(start + dt.timedelta(i), {"bedtime_stretch": i >= 30} if i % 5 else {})
        for i in range(60)
    ]
    episodes = [
        Episode(dt.datetime.combine(start + dt.timedelta(i), dt.time(23)))
        for i in range(60)
        if (i % 2 == 0 if i < 30 else i % 4 == 0)
    ]
    stretching = analyze(nights, episodes).patterns.stretching
    assert stretching is not None
    assert stretching["nights_before"] == 24  # the 30 nights before, less the 6 unanswered
