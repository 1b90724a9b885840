"""Server-side SVG charts of an analysis (matplotlib Agg, no pyplot state).

The SVG uses presentation attributes instead of `style=` so it can be inlined under a strict
Content-Security-Policy. Light ink on a transparent ground; shapes, not colours, carry meaning.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from nightcramp.core.insights.analyze import FactorResult, Verdict
from nightcramp.core.insights.patterns import Patterns
from nightcramp.core.insights.wording import label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["factor_chart", "hours_chart", "weekly_chart"]

_INK = "#d8dee6"
_FAINT = "#6b7785"
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "nightcramp",
    "font.size": 11,
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
    return text.replace("<svg ", f'<svg role="img" aria-label="{title}" class="chart" ', 1)


def _figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(5.2, height), dpi=100)


def weekly_chart(patterns: Patterns) -> str:
    """Bars of cramp nights per week over logged nights per week (outline)."""
    import matplotlib

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys checked at run time
        fig = _figure(2.6)
        ax = fig.add_subplot()
        weeks = patterns.weekly
        xs = list(range(len(weeks)))
        logged = [int(str(w["nights_logged"])) for w in weeks]
        cramps = [int(str(w["cramp_nights"])) for w in weeks]
        ax.bar(xs, logged, color="none", edgecolor=_FAINT, linewidth=0.8, label="nights logged")
        ax.bar(xs, cramps, color=_INK, label="nights with cramps")
        ax.set_ylim(0, 7.5)
        ax.set_yticks([0, 2, 4, 6, 7])
        ax.set_ylabel("nights in the week")
        step = max(1, len(weeks) // 6)
        ax.set_xticks(xs[::step], [str(w["week_start"])[5:] for w in weeks][::step])
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, fontsize=9)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return _svg(fig, "Cramp nights per week")


def hours_chart(patterns: Patterns) -> str:
    """Cramps by the hour they started, from 18:00 to 12:00."""
    import matplotlib

    order = [*range(18, 24), *range(12)]
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys checked at run time
        fig = _figure(2.2)
        ax = fig.add_subplot()
        counts = [patterns.hours.get(h, 0) for h in order]
        ax.bar(range(len(order)), counts, color=_INK)
        ax.set_xticks(range(0, len(order), 3), [f"{h:02d}" for h in order][::3])
        ax.set_xlabel("hour the cramp started")
        ax.set_ylabel("cramps")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return _svg(fig, "Cramps by time of night")


def factor_chart(factors: Sequence[FactorResult]) -> str | None:
    """Rate ratios with 95% intervals on a log scale; None when nothing was estimated."""
    import matplotlib

    shown = [f for f in factors if f.rate_ratio is not None]
    if not shown:
        return None
    marks = {
        Verdict.LIKELY_TRIGGER: "s",
        Verdict.LIKELY_PROTECTIVE: "D",
        Verdict.NO_CLEAR_EFFECT: "o",
    }
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # keys checked at run time
        fig = _figure(0.9 + 0.32 * len(shown))
        ax = fig.add_subplot()
        for i, f in enumerate(reversed(shown)):
            assert f.ci_low is not None and f.ci_high is not None and f.rate_ratio is not None
            strong = f.verdict != Verdict.NO_CLEAR_EFFECT
            colour = _INK if strong else _FAINT
            ax.plot([f.ci_low, f.ci_high], [i, i], color=colour, linewidth=2 if strong else 1)
            ax.plot([f.rate_ratio], [i], marker=marks[f.verdict], color=colour, markersize=7)
        ax.axvline(1.0, color=_FAINT, linestyle="--", linewidth=1)
        ax.set_xscale("log")
        low = min(0.25, min(f.ci_low or 1 for f in shown))
        high = max(4.0, max(f.ci_high or 1 for f in shown))
        ticks = [t for t in (0.125, 0.25, 0.5, 1, 2, 4, 8, 16) if low <= t <= high]
        ax.set_xlim(low / 1.1, high * 1.1)
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.minorticks_off()
        ax.set_yticks(
            range(len(shown)), [label(f.factor, f.lag_days) for f in reversed(shown)], fontsize=9
        )
        ax.set_xlabel("cramp rate ratio (left: fewer cramps, right: more)")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return _svg(fig, "How each factor went with cramps")
