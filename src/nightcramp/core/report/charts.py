"""Small vector charts for the report (matplotlib, SVG text, readable in greyscale)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from nightcramp.core.diary import HOURS_OF_A_NIGHT

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CHART_STYLE", "HOUR_ORDER", "chart_svg", "hour_bars", "hours_chart", "weekly_chart"]

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


def weekly_chart(
    weekly: Sequence[tuple[dt.date, int, int]],
    *,
    width: float = 6.6,
    height: float = 1.3,
    legend_beside: bool = False,
) -> str:
    """Bars of cramp nights per week; a light bar behind shows nights logged.

    Each series is drawn as one filled step outline, not one bar per week, so a ten-year diary
    (520 weeks) costs the same few shapes as a two-month one. The legend sits above the bars,
    or `legend_beside` them (on the right, one entry a line), which saves a line of height.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context(CHART_STYLE):  # type: ignore[arg-type]  # rc keys are Literal-typed
        fig = Figure(figsize=(width, height))
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
        if legend_beside:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7)
        else:
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncols=2, fontsize=7)
        return chart_svg(fig)


# The hours in the order the time chart draws them: the whole day, noon to noon, so the
# night sits in the middle and a cramp at any hour (a daytime one too) has its bar.
HOUR_ORDER = HOURS_OF_A_NIGHT


def hour_bars(hours: Sequence[int]) -> list[tuple[int, int]]:
    """(hour, cramps) for each of the 24 hours, in the order the time chart draws them."""
    if len(hours) != 24:
        raise ValueError(f"expected 24 hourly counts, got {len(hours)}")
    return [(h, hours[h]) for h in HOUR_ORDER]


def hours_chart(hours: Sequence[int], *, width: float = 3.0) -> str:
    """Bars of cramps by the hour they started, over the whole day from noon to noon.

    Each bar's SVG group is named `hour-HH-N` (N cramps at HH:00 to HH:59), so the drawn counts
    can be checked against the diary.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    bars = hour_bars(hours)
    with mpl.rc_context(CHART_STYLE):  # type: ignore[arg-type]  # rc keys are Literal-typed
        fig = Figure(figsize=(width, 1.05))
        ax = fig.add_subplot()
        drawn = ax.bar(range(len(bars)), [n for _, n in bars], color="#333333", width=0.85)
        for patch, (hour, count) in zip(drawn.patches, bars, strict=True):
            patch.set_gid(f"hour-{hour:02d}-{count}")
        ticks = [i for i, (h, _) in enumerate(bars) if h % 3 == 0]
        ax.set_xticks(ticks, [f"{bars[i][0]:02d}" for i in ticks])
        ax.set_xlim(-0.6, len(bars) - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.set_ylabel("cramps")
        ax.set_xlabel("hour started (24 hours, noon to noon)")
        return chart_svg(fig)
