"""Server-side SVG charts of an analysis (matplotlib Agg, no pyplot state).

The SVG uses presentation attributes instead of `style=` so it can be inlined under a strict
Content-Security-Policy. Light ink on a transparent ground; shapes, not colours, carry meaning.
Figures are drawn narrow (`_WIDTH` inches) with large type, so that shown full width on a
390 px phone every text is at least 14 CSS px.
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING

from nightcramp.core.diary import HOURS_OF_A_NIGHT
from nightcramp.core.insights.analyze import FactorResult, Verdict
from nightcramp.core.insights.patterns import Patterns
from nightcramp.core.insights.wording import label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["finding_chart", "hours_chart", "weekly_chart"]

_INK = "#d8dee6"
_FAINT = "#6b7785"
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "nightcramp",
    "font.size": 15,
    "text.color": _INK,
    "axes.labelcolor": _INK,
    "axes.edgecolor": _FAINT,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
}
_STYLE_ATTR = re.compile(r'style="([^"]*)"')
_PRESENTATION = {
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-size", "font-family", "font-weight", "font-style", "text-anchor", "clip-path",
}  # fmt: skip


def _attrs(match: re.Match[str]) -> str:
    out: list[str] = []
    for decl in match.group(1).split(";"):
        if ":" not in decl:
            continue
        name, value = (part.strip() for part in decl.split(":", 1))
        if name == "font":
            size, _, family = value.partition(" ")
            out.append(f'font-size="{size}" font-family="{family.replace(chr(39), "")}"')
        elif name in _PRESENTATION:
            out.append(f'{name}="{value}"')
    return " ".join(out)


def _svg(fig: Figure, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<style[^>]*>.*?</style>", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = _STYLE_ATTR.sub(_attrs, text)
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", text, count=1)
    label_text = html.escape(title, quote=True)
    return text.replace("<svg ", f'<svg role="img" aria-label="{label_text}" class="chart" ', 1)


_WIDTH = 4.0


def _figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(_WIDTH, height), dpi=100)


def weekly_chart(patterns: Patterns) -> str:
    """Bars of cramp nights per week over logged nights per week (outline)."""
    import matplotlib

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys checked at run time
        fig = _figure(3.0)
        ax = fig.add_subplot()
        weeks = patterns.weekly
        xs = list(range(len(weeks)))
        logged = [int(str(w["nights_logged"])) for w in weeks]
        cramps = [int(str(w["cramp_nights"])) for w in weeks]
        # One path per series (not a patch per week): a two-year diary draws in milliseconds.
        edges = [x - 0.5 for x in [*xs, len(xs)]]
        ax.stairs(logged, edges, color=_FAINT, linewidth=0.8, label="nights logged")
        ax.stairs(cramps, edges, fill=True, color=_INK, label="nights with cramps")
        ax.set_ylim(0, 7.5)
        ax.set_yticks([0, 7])
        ax.set_ylabel("nights")
        step = max(1, -(-len(weeks) // 3))
        long = len(weeks) > 26
        names = [_day(str(w["week_start"]), with_year=long) for w in weeks]
        ax.set_xticks(xs[::step], names[::step])
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return _svg(fig, "Cramp nights per week")


def hours_chart(patterns: Patterns) -> str:
    """Cramps by the hour they started, over the whole diary day from noon to noon (a daytime
    cramp counts too)."""
    import matplotlib

    order = HOURS_OF_A_NIGHT
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys checked at run time
        fig = _figure(2.6)
        ax = fig.add_subplot()
        counts = [patterns.hours.get(h, 0) for h in order]
        ax.bar(range(len(order)), counts, color=_INK)
        ax.set_xticks(range(0, len(order), 6), [f"{h:02d}:00" for h in order[::6]])
        ax.set_xlabel("hour the cramp started")
        ax.set_ylabel("cramps")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return _svg(fig, "Cramps by time of night or day")


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _day(iso: str, *, with_year: bool = False) -> str:
    """`2026-03-09` as `9 Mar`, or as `Mar 2026` `with_year`."""
    month = _MONTHS[int(iso[5:7]) - 1]
    return f"{month} {iso[:4]}" if with_year else f"{int(iso[8:10])} {month}"


def finding_chart(finding: FactorResult) -> str | None:
    """One factor's rate ratio and likely range on a log scale; None when not estimated."""
    import matplotlib

    f = finding
    if f.rate_ratio is None or f.ci_low is None or f.ci_high is None:
        return None
    strong = f.verdict in (Verdict.LIKELY_TRIGGER, Verdict.LIKELY_PROTECTIVE)
    mark = {Verdict.LIKELY_TRIGGER: "s", Verdict.LIKELY_PROTECTIVE: "D"}.get(f.verdict, "o")
    low = min(0.25, f.ci_low)
    high = max(4.0, f.ci_high)
    ticks = [t for t in (0.125, 0.25, 0.5, 1, 2, 4, 8, 16) if low <= t <= high]
    if len(ticks) > 5:  # a wide range: every other step, so the labels never touch
        ticks = [t for t in (0.0625, 0.25, 1, 4, 16) if low <= t <= high]
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys checked at run time
        fig = _figure(1.05)
        ax = fig.add_subplot()
        colour = _INK if strong else _FAINT
        ax.plot([f.ci_low, f.ci_high], [0, 0], color=colour, linewidth=3 if strong else 2)
        ax.plot([f.rate_ratio], [0], marker=mark, color=colour, markersize=11)
        ax.axvline(1.0, color=_FAINT, linestyle="--", linewidth=1)
        ax.set_xscale("log")
        ax.set_xlim(low / 1.15, high * 1.15)
        ax.set_xticks(ticks, [f"{t:g}×" for t in ticks])
        ax.minorticks_off()
        ax.set_yticks([])
        ax.set_ylim(-0.6, 1.0)
        ax.text(low / 1.1, 0.45, "fewer", color=_FAINT, ha="left")
        ax.text(high * 1.1, 0.45, "more", color=_FAINT, ha="right")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        return _svg(fig, f"{label(f.factor, f.lag_days)}: cramp rate ratio and likely range")
