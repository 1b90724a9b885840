"""Relief ranking: shrunk success rates, never raw counts of successes."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import Episode, Relief
from nightcramp.core.insights.relief import minutes_text, summarize_relief
from nightcramp.core.insights.relief_evidence import relief_evidence
from nightcramp.core.knowledge.grades import Grade


def _ep(i: int, tried: tuple[Relief, ...], worked: Relief | None, minutes: float = 2) -> Episode:
    start = dt.datetime(2026, 1, 1, 2, 0) + dt.timedelta(days=i)
    return Episode(started_at=start, relief=tried, relief_worked=worked, duration_min=minutes)


@pytest.mark.parametrize("good", [24, 25])
def test_three_lucky_tries_do_not_outrank_thirty_good_ones(good: int) -> None:
    episodes = [_ep(i, (Relief.HEAT,), Relief.HEAT) for i in range(3)]
    episodes += [
        _ep(10 + i, (Relief.STRETCH,), Relief.STRETCH if i < good else None) for i in range(30)
    ]
    ranked = summarize_relief(episodes)
    # Shrunk: stretch (24+2)/(30+4) = 0.76 beats heat (3+2)/(3+4) = 0.71.
    assert [r.relief for r in ranked] == [Relief.STRETCH, Relief.HEAT]
    assert [r.rank for r in ranked] == [1, 2]
    assert abs(ranked[0].shrunk_rate - (good + 2) / 34) < 1e-12


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


def test_a_method_graded_x_is_never_ranked_first_even_when_it_worked_every_time() -> None:
    episodes = [_ep(i, (Relief.STAND_ON_TOES,), Relief.STAND_ON_TOES) for i in range(20)]
    episodes += [
        _ep(30 + i, (Relief.MASSAGE,), Relief.MASSAGE if i < 2 else None) for i in range(6)
    ]
    ranked = summarize_relief(episodes)
    assert [r.relief for r in ranked] == [Relief.MASSAGE, Relief.STAND_ON_TOES]
    toes = ranked[-1]
    assert toes.shrunk_rate > ranked[0].shrunk_rate  # it "worked" more often, yet comes last
    assert toes.evidence_grade is Grade.X
    assert not toes.advised
    assert toes.warning
    assert toes.warning == relief_evidence()[Relief.STAND_ON_TOES].warning
    assert toes.to_json()["warning"] == toes.warning
    assert [r.rank for r in ranked] == [1, 2]


def test_advised_methods_carry_their_grade_and_no_warning() -> None:
    ranked = summarize_relief([_ep(0, (Relief.STRETCH,), Relief.STRETCH)])
    assert ranked[0].advised
    assert ranked[0].evidence_grade is Grade.C
    assert "warning" not in ranked[0].to_json()
    assert ranked[0].to_json()["evidence_grade"] == "C"


def test_a_method_with_no_graded_entry_is_ranked_by_its_rate_alone() -> None:
    episodes = [_ep(i, (Relief.OTHER,), Relief.OTHER) for i in range(5)]
    episodes.append(_ep(9, (Relief.HEAT,), None))
    ranked = summarize_relief(episodes)
    assert [r.relief for r in ranked] == [Relief.OTHER, Relief.HEAT]
    assert ranked[0].evidence_grade is None and ranked[0].advised


def test_minutes_are_written_without_a_trailing_point_zero() -> None:
    assert [minutes_text(m) for m in (3.0, 6.5, 0.25, None)] == ["3", "6.5", "0.25", None]
