"""The report's charts: a ten-year diary draws as few shapes as a short one, labels read."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.report.charts import hours_chart, weekly_chart


def _weeks(count: int) -> list[tuple[dt.date, int, int]]:
    start = dt.date(2016, 1, 4)
    return [(start + dt.timedelta(weeks=i), i % 4, 7) for i in range(count)]


def test_a_long_diary_draws_one_shape_per_series_not_one_per_week() -> None:
    short, long = weekly_chart(_weeks(8)), weekly_chart(_weeks(520))
    # Matplotlib writes one <path> per bar; the step outlines keep the count flat.
    assert abs(long.count("<path") - short.count("<path")) <= 10
    assert long.count("<path") < 100


def test_labels_name_the_year_once_the_diary_spans_more_than_a_year() -> None:
    assert "Jan 2016" in weekly_chart(_weeks(120))
    short = weekly_chart(_weeks(8))
    assert "04 Jan" in short and "2016" not in short


def test_the_hours_chart_is_an_inline_svg() -> None:
    svg = hours_chart([1] * 24)
    assert svg.startswith("<svg") and "hour started" in svg
