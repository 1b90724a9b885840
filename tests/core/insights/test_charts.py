"""Charts: inline SVG that a strict Content-Security-Policy allows, no pyplot state."""

from __future__ import annotations

import re
import sys

from nightcramp.core.insights.analyze import analyze
from nightcramp.core.insights.charts import factor_chart, hours_chart, weekly_chart
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary


def test_charts_are_inline_svg_without_style_attributes() -> None:
    sim = simulate_diary(3, 120, truth=(TrueEffect("warm_bath", 3.0),), base_rate=0.4)
    result = analyze(sim.nights, sim.episodes)
    forest = factor_chart(result.factors)
    assert forest is not None
    for svg in (weekly_chart(result.patterns), hours_chart(result.patterns), forest):
        assert svg.startswith("<svg ")
        assert 'role="img"' in svg and "aria-label=" in svg
        assert not re.search(r"\sstyle=", svg)
        assert "<style" not in svg and "<script" not in svg
    assert "the bedtime stretch" in forest
    assert "matplotlib.pyplot" not in sys.modules


def test_factor_chart_is_none_when_nothing_was_estimated() -> None:
    assert factor_chart(analyze([], []).factors) is None


def test_custom_factor_names_are_escaped_in_the_svg() -> None:
    sim = simulate_diary(4, 150, base_rate=0.4)
    nights = [
        type(n)(n.date, {**n.factors, "<b>odd</b>": i % 2 == 0}) for i, n in enumerate(sim.nights)
    ]
    forest = factor_chart(analyze(nights, sim.episodes).factors)
    assert forest is not None
    assert "<b>" not in forest
