"""The shared page's weekly chart: inline SVG, big labels, the page's colours."""

from __future__ import annotations

import datetime as dt
import re

from nightcramp.web.sharing.chart import LABEL_PX, VIEW_WIDTH, weekly_svg


def _weeks(n: int, start: dt.date = dt.date(2026, 1, 5)) -> list[tuple[dt.date, int, int]]:
    return [(start + dt.timedelta(weeks=i), i % 4, 7 - i % 2) for i in range(n)]


def test_no_weeks_no_chart() -> None:
    assert weekly_svg([]) == ""


def test_labels_are_at_least_12_px_when_the_chart_is_shown_340_px_wide() -> None:
    svg = str(weekly_svg(_weeks(8)))
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    assert width == VIEW_WIDTH
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) * 340 / width >= 12
    assert LABEL_PX * 340 / VIEW_WIDTH >= 12


def test_at_most_four_dates_so_they_never_overlap() -> None:
    for n in (1, 8, 30, 520):
        svg = str(weekly_svg(_weeks(n)))
        assert 1 <= len(re.findall(r'class="wc-date"', svg)) <= 4


def test_a_long_diary_names_month_and_year() -> None:
    svg = str(weekly_svg(_weeks(60)))
    assert "Jan 2026" in svg


def test_one_shape_per_series_however_long_the_diary() -> None:
    svg = str(weekly_svg(_weeks(520)))
    assert svg.count("<path") == 2
    assert len(svg) < 40_000


def test_colours_come_from_classes_not_fixed_fills() -> None:
    svg = str(weekly_svg(_weeks(8)))
    assert 'fill="#' not in svg and "style=" not in svg
    assert 'class="wc-cramps"' in svg and 'class="wc-logged"' in svg
    assert 'role="img"' in svg and "<title" in svg
