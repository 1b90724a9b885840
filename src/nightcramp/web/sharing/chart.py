"""The shared page's chart of cramp nights per week, as inline SVG in the page's colours.

Drawn at `VIEW_WIDTH` user units to be shown about that many CSS px wide, so its labels
(`LABEL_PX`) stay at least 12 px on a 390 px phone. Colours are classes that sharing.css fills
from the theme, so the chart follows day and night colours; no inline style (strict CSP).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

__all__ = ["LABEL_PX", "VIEW_WIDTH", "weekly_svg"]

VIEW_WIDTH = 340
LABEL_PX = 14
_HEIGHT = 190
_LEFT, _RIGHT, _TOP, _BOTTOM = 30, 10, 30, 160  # the plot area
_MAX = 7  # nights in a week
_DATES = 4  # at most this many dates along the bottom, so they never overlap


def _y(nights: int) -> float:
    return _BOTTOM - (_BOTTOM - _TOP) * min(nights, _MAX) / _MAX


def _bars(heights: Sequence[int], step: float) -> str:
    """One path of bars (a sub-path per week with any nights): one shape however many weeks."""
    parts = []
    for i, nights in enumerate(heights):
        if nights > 0:
            x = _LEFT + i * step
            parts.append(f"M{x:.2f} {_BOTTOM}V{_y(nights):.2f}h{step * 0.85:.2f}V{_BOTTOM}z")
    return "".join(parts) or f"M{_LEFT} {_BOTTOM}h0"


def _date(day: dt.date, *, long: bool) -> str:
    return f"{day:%b %Y}" if long else f"{day.day} {day:%b}"


def weekly_svg(weekly: Sequence[tuple[dt.date, int, int]]) -> SafeString | str:
    """`weekly` as (week start, cramp nights, nights logged): bars of cramp nights in front of
    bars of nights logged, with 0 and 7 up the side and a few dates; "" with no weeks."""
    if not weekly:
        return ""
    step = (VIEW_WIDTH - _LEFT - _RIGHT) / len(weekly)
    every = max(1, -(-len(weekly) // _DATES))
    long = len(weekly) > 26
    dates = []
    for i in range(0, len(weekly), every):
        x = _LEFT + i * step
        anchor = "start" if i == 0 else "middle"
        dates.append(
            format_html(
                '<text class="wc-date" x="{}" y="{}" font-size="{}" text-anchor="{}">{}</text>',
                f"{x:.1f}",
                _BOTTOM + LABEL_PX + 4,
                LABEL_PX,
                anchor,
                _date(weekly[i][0], long=long),
            )
        )
    first, last = weekly[0][0], weekly[-1][0]
    title = f"Cramp nights per week, {first:%d %b %Y} to {last:%d %b %Y}"
    svg = format_html(
        '<svg class="week-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="wc-title">'
        '<title id="wc-title">{title}</title>'
        '<text class="wc-key" x="{left}" y="{key}" font-size="{px}">'
        '<tspan class="wc-key-cramps">■</tspan> nights with cramps  '
        '<tspan class="wc-key-logged">■</tspan> nights logged</text>'
        '<path class="wc-logged" d="{logged}"/>'
        '<path class="wc-cramps" d="{cramps}"/>'
        '<line class="wc-axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>'
        '<text class="wc-scale" x="{tick}" y="{top_label}" font-size="{px}" text-anchor="end">'
        "7</text>"
        '<text class="wc-scale" x="{tick}" y="{bottom_label}" font-size="{px}" text-anchor="end">'
        "0</text>"
        "{dates}</svg>",
        w=VIEW_WIDTH,
        h=_HEIGHT,
        title=title,
        left=_LEFT,
        key=LABEL_PX + 2,
        px=LABEL_PX,
        logged=_bars([w[2] for w in weekly], step),
        cramps=_bars([w[1] for w in weekly], step),
        bottom=_BOTTOM,
        right=VIEW_WIDTH - _RIGHT,
        tick=_LEFT - 6,
        top_label=_TOP + 5,
        bottom_label=_BOTTOM,
        dates=mark_safe("".join(str(d) for d in dates)),  # each made with format_html
    )
    return svg
