"""Relief ranking: shrunk success rates, never raw counts of successes."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Episode, Relief
from nightcramp.core.insights.relief import summarize_relief


def _ep(i: int, tried: tuple[Relief, ...], worked: Relief | None, minutes: float = 2) -> Episode:
    start = dt.datetime(2026, 1, 1, 2, 0) + dt.timedelta(days=i)
    return Episode(started_at=start, relief=tried, relief_worked=worked, duration_min=minutes)


def test_three_lucky_tries_do_not_outrank_thirty_good_ones() -> None:
    episodes = [_ep(i, (Relief.HEAT,), Relief.HEAT) for i in range(3)]
    episodes += [
        _ep(10 + i, (Relief.STRETCH,), Relief.STRETCH if i < 25 else None) for i in range(30)
    ]
    ranked = summarize_relief(episodes)
    # Shrunk: stretch (25+1)/(30+2) = 0.8125 beats heat (3+1)/(3+2) = 0.8.
    assert [r.relief for r in ranked] == [Relief.STRETCH, Relief.HEAT]
    assert [r.rank for r in ranked] == [1, 2]
    assert abs(ranked[0].shrunk_rate - 26 / 32) < 1e-12


def test_counts_tries_from_both_fields_and_median_minutes_of_successes() -> None:
    episodes = [
        _ep(0, (Relief.MASSAGE,), Relief.WALK, minutes=4),
        _ep(1, (Relief.WALK,), Relief.WALK, minutes=2),
        _ep(2, (Relief.MASSAGE, Relief.WALK), None, minutes=9),
    ]
    by = {r.relief: r for r in summarize_relief(episodes)}
    assert (by[Relief.WALK].times_tried, by[Relief.WALK].times_worked) == (3, 2)
    assert by[Relief.WALK].median_minutes == 3.0
    assert by[Relief.MASSAGE].times_worked == 0
    assert by[Relief.MASSAGE].median_minutes is None


def test_no_episodes_means_no_relief_rows() -> None:
    assert summarize_relief([]) == []
