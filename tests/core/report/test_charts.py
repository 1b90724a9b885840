"""The report's charts: a ten-year diary draws as few shapes as a short one, labels read."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from nightcramp.core.report.charts import hour_bars, hours_chart, weekly_chart


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


def test_the_hours_chart_has_a_bar_for_every_hour_of_the_day_noon_to_noon() -> None:
    hours = [0] * 24
    hours[3], hours[14], hours[16], hours[23] = 5, 1, 2, 1  # two afternoon cramps
    bars = hour_bars(hours)
    assert [h for h, _ in bars] == [*range(12, 24), *range(12)]
    assert sum(n for _, n in bars) == sum(hours) == 9
    svg = hours_chart(hours)
    drawn = {int(h): int(n) for h, n in re.findall(r'id="hour-(\d\d)-(\d+)"', svg)}
    assert drawn == dict(enumerate(hours))
    assert "hour started" in svg


def test_the_hours_chart_needs_all_24_hours() -> None:
    with pytest.raises(ValueError, match="24"):
        hour_bars([1] * 18)
