"""Charts: inline SVG that a strict Content-Security-Policy allows, no pyplot state, type big
enough to read on a phone."""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from nightcramp.core.insights.analyze import Verdict, analyze
from nightcramp.core.insights.charts import finding_chart, hours_chart, weekly_chart
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary

PHONE_WIDTH = 358  # CSS px: a 390 px screen less the page's side padding


def _charts() -> tuple[str, str, str]:
    sim = simulate_diary(3, 120, truth=(TrueEffect("warm_bath", 3.0),), base_rate=0.4)
    result = analyze(sim.nights, sim.episodes)
    bath = next(f for f in result.factors if f.factor == "warm_bath")
    chart = finding_chart(bath)
    assert chart is not None
    return weekly_chart(result.patterns), hours_chart(result.patterns), chart


def test_charts_are_inline_svg_without_style_attributes() -> None:
    for svg in _charts():
        assert svg.startswith("<svg ")
        assert 'role="img"' in svg and "aria-label=" in svg
        assert not re.search(r"\sstyle=", svg)
        assert "<style" not in svg and "<script" not in svg
    assert "a warm bath before bed" in _charts()[2]
    assert "matplotlib.pyplot" not in sys.modules


def test_every_chart_text_is_at_least_14_px_when_shown_full_width_on_a_phone() -> None:
    for svg in _charts():
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)(?:px)?"', svg)]
        assert sizes
        assert min(sizes) * min(1.0, PHONE_WIDTH / width) >= 14, (min(sizes), width)


def test_finding_chart_is_none_when_nothing_was_estimated() -> None:
    result = analyze([], [])
    assert all(f.verdict == Verdict.NOT_ENOUGH_DATA for f in result.factors)
    assert finding_chart(result.factors[0]) is None


def test_custom_factor_names_are_escaped_in_the_svg() -> None:
    sim = simulate_diary(4, 150, base_rate=0.4)
    nights = [
        type(n)(n.date, {**n.factors, "<b>odd</b>": i % 2 == 0}) for i, n in enumerate(sim.nights)
    ]
    odd = next(f for f in analyze(nights, sim.episodes).factors if f.factor == "<b>odd</b>")
    chart = finding_chart(odd)
    assert chart is not None
    assert "<b>" not in chart


def test_a_wide_range_gets_at_most_five_axis_labels() -> None:
    sim = simulate_diary(3, 120, truth=(TrueEffect("warm_bath", 3.0),), base_rate=0.4)
    bath = next(f for f in analyze(sim.nights, sim.episodes).factors if f.factor == "warm_bath")
    wide = finding_chart(replace(bath, rate_ratio=0.5, ci_low=0.1, ci_high=9.0))
    assert wide is not None
    labels = re.findall(r">([\d.]+×)<", wide)
    assert 2 <= len(labels) <= 5, labels


def test_the_hours_chart_covers_the_whole_day_so_a_daytime_cramp_is_drawn() -> None:
    sim = simulate_diary(3, 40, truth=(), base_rate=0.4)
    patterns = replace(analyze(sim.nights, sim.episodes).patterns, hours={15: 2, 3: 1})
    svg = hours_chart(patterns)
    assert [t for t in re.findall(r">(\d\d:00)<", svg)] == ["12:00", "18:00", "00:00", "06:00"]
    assert 'aria-label="Cramps by time of night or day"' in svg
