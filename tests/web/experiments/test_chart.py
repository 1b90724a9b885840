"""The looks chart's geometry: 1 in the middle, fewer cramps lower, the scale grows to fit."""

from __future__ import annotations

from nightcramp.web.experiments.chart import looks_chart


def _look(pair: int, ratio: float, low: float, high: float) -> dict[str, object]:
    return {"pair": pair, "rate_ratio": ratio, "ci_low": low, "ci_high": high, "final": False}


def test_one_is_in_the_middle_and_fewer_cramps_are_lower() -> None:
    chart = looks_chart([_look(1, 0.5, 0.25, 1.5)], 4)
    assert abs(chart.one - (chart.top + chart.bottom) / 2) < 0.11
    mark = chart.marks[0]
    assert mark.y is not None and mark.low is not None and mark.high is not None
    assert mark.high < chart.one < mark.low  # y grows downwards
    assert mark.y > chart.one


def test_the_scale_widens_for_a_wide_interval_and_keeps_every_mark_inside() -> None:
    narrow = looks_chart([_look(1, 1.0, 0.6, 1.6)], 8)
    wide = looks_chart([_look(1, 0.1, 0.01, 0.9)], 8)
    assert len(wide.ticks) >= len(narrow.ticks) or wide.ticks[0][1] != narrow.ticks[0][1]
    for mark in wide.marks:
        for y in (mark.y, mark.low, mark.high):
            assert y is not None and wide.top <= y <= wide.bottom


def test_each_look_sits_in_its_pairs_slot() -> None:
    chart = looks_chart([_look(1, 1.0, 0.5, 2.0), _look(2, 1.0, 0.7, 1.4)], 4)
    first, second = chart.marks
    assert chart.left < first.x < second.x < chart.right
    assert [m.label for m in chart.marks] == ["1", "2"]


def test_a_look_without_an_estimate_has_no_dot() -> None:
    look = {"pair": 1, "rate_ratio": None, "ci_low": None, "ci_high": None, "final": False}
    assert looks_chart([look], 4).marks[0].y is None


def test_the_answer_is_ringed_and_later_looks_come_after_a_line() -> None:
    looks = [
        {**_look(1, 0.5, 0.1, 2.0), "final": False, "after_answer": False},
        {**_look(2, 0.3, 0.1, 0.8), "final": True, "after_answer": False},
        {**_look(3, 0.6, 0.2, 1.6), "final": True, "after_answer": True},
    ]
    chart = looks_chart(looks, 4)
    assert [(m.answer, m.after) for m in chart.marks] == [
        (False, False),
        (True, False),
        (False, True),
    ]
    assert chart.divider is not None and chart.marks[1].x < chart.divider < chart.marks[2].x


def test_with_no_look_after_the_answer_there_is_no_line() -> None:
    looks = [{**_look(1, 0.3, 0.1, 0.8), "final": True, "after_answer": False}]
    chart = looks_chart(looks, 4)
    assert chart.marks[0].answer and chart.divider is None
