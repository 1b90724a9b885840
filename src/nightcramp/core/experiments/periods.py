"""Each period of an experiment as the doctor report shows it: its arm, dates, nights logged,
cramps, adherence, and a small chart of cramps per logged night by period.

A night is logged when it has a check-in or a cramp; a night not logged is missing, never
cramp-free. The washout nights at the start of a period are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.schedule import Arm, Schedule

__all__ = ["PeriodRow", "period_chart", "period_rows"]


@dataclass(frozen=True)
class PeriodRow:
    """One period up to `through`: counts over its analysed nights (after the washout)."""

    period: int
    arm: Arm
    first: dt.date
    last: dt.date
    nights: int
    logged: int
    cramps: int
    followed: int
    not_followed: int

    @property
    def rate(self) -> float | None:
        """Cramps per logged night, or None with no logged night."""
        return self.cramps / self.logged if self.logged else None


def period_rows(
    schedule: Schedule,
    nights: Iterable[Night],
    episodes: Iterable[Episode],
    *,
    washout: int = 0,
    through: dt.date | None = None,
) -> list[PeriodRow]:
    """The periods that began on or before `through` (default: all), counting only their
    nights after the washout and up to `through`."""
    cramps = Counter(e.night for e in episodes)
    logged = {n.date for n in nights} | set(cramps)
    end = schedule.last if through is None else through
    rows: list[PeriodRow] = []
    periods = sorted({n.period for n in schedule.nights})
    for period in periods:
        all_nights = [n for n in schedule.nights if n.period == period]
        if all_nights[0].date > end:
            break
        kept = [n for n in all_nights[washout:] if n.date <= end]
        rows.append(
            PeriodRow(
                period=period,
                arm=all_nights[0].arm,
                first=all_nights[0].date,
                last=all_nights[-1].date,
                nights=len(kept),
                logged=sum(n.date in logged for n in kept),
                cramps=sum(cramps[n.date] for n in kept if n.date in logged),
                followed=sum(n.followed is True for n in kept),
                not_followed=sum(n.followed is False for n in kept),
            )
        )
    return rows


def period_chart(rows: Sequence[PeriodRow], *, width: float = 6.6) -> str:
    """Bars of cramps per logged night, one per period; ON dark, OFF light (SVG text)."""
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from nightcramp.core.report.charts import CHART_STYLE, chart_svg

    with mpl.rc_context(CHART_STYLE):  # type: ignore[arg-type]  # rc keys are Literal-typed
        fig = Figure(figsize=(width, 1.05))
        ax = fig.add_subplot()
        x = list(range(len(rows)))
        colours = ["#333333" if r.arm is Arm.ON else "#bbbbbb" for r in rows]
        ax.bar(x, [r.rate or 0.0 for r in rows], color=colours, width=0.8, edgecolor="#000000")
        for i, row in enumerate(rows):
            if row.rate is None:
                ax.text(i, 0, "not logged", ha="center", va="bottom", fontsize=6, rotation=90)
        ax.set_xticks(x, [f"{r.period}\n{r.arm.value.upper()}" for r in rows])
        ax.set_ylabel("cramps / logged night")
        ax.set_ylim(bottom=0)
        ax.legend(
            handles=[
                Patch(facecolor="#333333", label="ON (with the change)"),
                Patch(facecolor="#bbbbbb", edgecolor="#000000", label="OFF"),
            ],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            frameon=False,
            ncols=2,
            fontsize=7,
        )
        return chart_svg(fig)
