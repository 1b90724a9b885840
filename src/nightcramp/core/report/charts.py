"""Small vector charts for the report (matplotlib, SVG text, readable in greyscale)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CHART_STYLE", "chart_svg", "hours_chart", "weekly_chart"]

CHART_STYLE = {
    "svg.fonttype": "none",
    "font.size": 8,
    "font.family": "DejaVu Sans",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "nightcramp",
}


def chart_svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    # Drop the XML prolog and DOCTYPE so the SVG can sit inside HTML.
    return re.sub(r"^.*?(<svg)", r"\1", text, count=1, flags=re.S)


def weekly_chart(weekly: Sequence[tuple[dt.date, int, int]], *, width: float = 6.6) -> str:
    """Bars of cramp nights per week; a light bar behind shows nights logged.

    Each series is drawn as one filled step outline, not one bar per week, so a ten-year diary
    (520 weeks) costs the same few shapes as a two-month one.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context(CHART_STYLE):  # type: ignore[arg-type]  # rc keys are Literal-typed
        fig = Figure(figsize=(width, 1.3))
        ax = fig.add_subplot()
        x = list(range(len(weekly)))
        edges = [i - 0.5 for i in range(len(weekly) + 1)]
        logged = [w[2] for w in weekly]
        cramps = [w[1] for w in weekly]
        ax.stairs(logged, edges, fill=True, color="#d9d9d9", label="nights logged")
        ax.stairs(cramps, edges, fill=True, color="#333333", label="cramp nights")
        ax.set_ylim(0, 7)
        ax.set_yticks([0, 3.5, 7], ["0", "", "7"])
        step = max(1, -(-len(weekly) // 7))  # at most 7 labels, so they never overlap
        # Over a year, a label names the month and year ("Jun 2025"), else the day ("03 Jun").
        long = len(weekly) > 53
        label = "%b %Y" if long else "%d %b"
        ax.set_xticks(x[::step], [w[0].strftime(label) for w in weekly][::step])
        ax.set_ylabel("nights / week")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncols=2, fontsize=7)
        return chart_svg(fig)


def hours_chart(hours: Sequence[int], *, width: float = 3.2) -> str:
    """Bars of cramps by hour started, from 18:00 to 11:00, when people are in bed."""
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    order = [*range(18, 24), *range(0, 12)]
    with mpl.rc_context(CHART_STYLE):  # type: ignore[arg-type]  # rc keys are Literal-typed
        fig = Figure(figsize=(width, 1.3))
        ax = fig.add_subplot()
        ax.bar(range(len(order)), [hours[h] for h in order], color="#333333", width=0.85)
        ticks = [i for i, h in enumerate(order) if h % 3 == 0]
        ax.set_xticks(ticks, [f"{order[i]:02d}" for i in ticks])
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.set_ylabel("cramps")
        ax.set_xlabel("hour started")
        return chart_svg(fig)
