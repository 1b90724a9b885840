"""Descriptive patterns: cramp nights per week, time of night, muscle and side, severity trend.

Before/after comparisons are worded honestly: cramps change with the seasons and over time on
their own, so a change alone never proves what caused it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats as sps

from nightcramp.core.diary import Episode, date_text
from nightcramp.core.insights.nights import NightTable

__all__ = ["Patterns", "find_patterns"]

_WINDOW = 28
_CRAMP_DAYS_SHOWN = 30


@dataclass(frozen=True)
class Patterns:
    """What the diary shows, without testing causes."""

    weekly: list[dict[str, object]]
    hours: dict[int, int]
    muscles: dict[str, int]
    sides: dict[str, int]
    severity: dict[str, object] | None
    change: dict[str, object] | None
    stretching: dict[str, object] | None
    cramp_days: list[dict[str, object]]
    findings: list[str]

    def to_json(self) -> dict[str, object]:
        return {
            "weekly": self.weekly,
            "time_of_night": {str(h): c for h, c in sorted(self.hours.items())},
            "muscles": self.muscles,
            "sides": self.sides,
            "severity": self.severity,
            "change": self.change,
            "stretching": self.stretching,
            "cramp_days": self.cramp_days,
            "findings": self.findings,
        }


def _weekly(table: NightTable) -> list[dict[str, object]]:
    weeks: dict[dt.date, list[int]] = {}
    for d, c in zip(table.dates, table.counts, strict=True):
        start = d - dt.timedelta(days=d.weekday())
        row = weeks.setdefault(start, [0, 0])
        row[0] += 1
        row[1] += int(c > 0)
    return [
        {"week_start": start.isoformat(), "nights_logged": r[0], "cramp_nights": r[1]}
        for start, r in sorted(weeks.items())
    ]


def _severity(episodes: Sequence[Episode]) -> dict[str, object] | None:
    rated = [(ep.started_at, ep.severity) for ep in episodes if ep.severity is not None]
    if len(rated) < 8:
        return None
    first = min(t for t, _ in rated)
    days = np.array([(t - first).total_seconds() / 86400 for t, _ in rated])
    if days.max() < _WINDOW:
        return None
    sev = np.array([s for _, s in rated], dtype=float)
    if float(np.ptp(sev)) == 0:
        slope, p_value = 0.0, 1.0
    else:
        fit = sps.linregress(days, sev)
        slope, p_value = float(fit.slope) * 30.4, float(fit.pvalue)
    if p_value < 0.05:
        way = "milder" if slope < 0 else "stronger"
        text = (
            f"Your cramps have been getting {way}: about {abs(slope):.1f} points on the 0 to 10 "
            "scale per month."
        )
    else:
        text = "There is no clear change in how strong your cramps are."
    return {
        "episodes_rated": len(rated),
        "mean": round(float(sev.mean()), 1),
        "change_per_month": round(slope, 2),
        "p_value": round(p_value, 4),
        "text": text,
    }


def _share(counts: npt.NDArray[np.int64]) -> tuple[int, int]:
    return int(np.count_nonzero(counts > 0)), len(counts)


def _change(table: NightTable) -> dict[str, object] | None:
    if table.n < 2 * _WINDOW:
        return None
    first, n_first = _share(table.counts[:_WINDOW])
    last, n_last = _share(table.counts[-_WINDOW:])
    if last < first:
        lead = f"You had cramps on {last} of your last {n_last} logged nights, fewer than"
    elif last > first:
        lead = f"You had cramps on {last} of your last {n_last} logged nights, more than"
    else:
        lead = f"You had cramps on {last} of your last {n_last} logged nights, the same as"
    text = (
        f"{lead} the {first} of your first {n_first}. Cramps come and go on their own and with "
        "the seasons, so this alone does not show what changed them."
    )
    return {"first_nights": n_first, "first_cramp_nights": first, "last_nights": n_last,
            "last_cramp_nights": last, "text": text}  # fmt: skip


def _stretching(table: NightTable) -> dict[str, object] | None:
    col = table.column("bedtime_stretch")
    if col is None:
        return None
    # An unanswered night is unknown, never "no": the nights before are those answered "no".
    answered = ~np.isnan(col.values)
    done = answered & (np.nan_to_num(col.values, nan=0.0) > 0.5)
    starts = np.flatnonzero(done)
    if starts.size == 0:
        return None
    start = int(starts[0])
    before = table.counts[:start][answered[:start]]
    after = table.counts[start:]
    answered_since = int(answered[start:].sum())
    if before.size < 14 or answered_since < 14:
        return None
    if float(done[start:].sum()) / answered_since < 0.7:
        return None
    b, nb = _share(before)
    a, na = _share(after)
    rate_b, rate_a = 10 * b / nb, 10 * a / na
    first = table.dates[start]
    started = first.isoformat()
    if rate_a < rate_b:
        lead = "Fewer cramp nights since you started the bedtime stretch"
    else:
        lead = "Not fewer cramp nights since you started the bedtime stretch, so far"
    text = (
        f"{lead} ({rate_a:.1f} in every 10 nights since {date_text(first)}, {rate_b:.1f} before). "
        "This alone does not prove the stretch caused it: cramps also change with the seasons "
        "and over time."
    )
    return {"started": started, "nights_before": nb, "cramp_nights_before": b,
            "nights_since": na, "cramp_nights_since": a, "text": text}  # fmt: skip


def _values_on(table: NightTable, index: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for col in table.columns:
        if col.lag_days:
            continue
        v = float(col.values[index])
        if math.isnan(v):
            continue
        out[col.name] = bool(v) if col.kind == "bool" else (int(v) if v.is_integer() else v)
    return out


def _cramp_days(table: NightTable) -> list[dict[str, object]]:
    index = {d: i for i, d in enumerate(table.dates)}
    # Only the latest are shown: walk back from the last night and stop there.
    latest = [int(i) for i in np.flatnonzero(table.counts > 0)[-_CRAMP_DAYS_SHOWN:]]
    rows: list[dict[str, object]] = []
    for i in latest:
        d = table.dates[i]
        j = index.get(d - dt.timedelta(days=1))
        rows.append(
            {
                "night": d.isoformat(),
                "cramps": int(table.counts[i]),
                "day_of": _values_on(table, i),
                "day_before": None if j is None else _values_on(table, j),
            }
        )
    return rows


def _hour_text(hours: Counter[int]) -> str | None:
    total = sum(hours.values())
    if total < 5:
        return None
    best = max(range(24), key=lambda h: hours.get(h, 0) + hours.get((h + 1) % 24, 0))
    share = (hours.get(best, 0) + hours.get((best + 1) % 24, 0)) / total
    return (
        f"{round(100 * share)}% of your cramps started between {best:02d}:00 and "
        f"{(best + 2) % 24:02d}:00."
    )


def find_patterns(table: NightTable, episodes: Sequence[Episode]) -> Patterns:
    """Return the descriptive patterns of the logged nights and all `episodes`."""
    hours = Counter(ep.started_at.hour for ep in episodes)
    muscles = Counter(ep.muscle.value for ep in episodes)
    sides = Counter(ep.side.value for ep in episodes if ep.side is not None)
    severity = _severity(episodes)
    change = _change(table)
    stretching = _stretching(table)
    findings = [
        text
        for text in (
            _hour_text(hours),
            None if stretching is None else str(stretching["text"]),
            None if change is None else str(change["text"]),
            None if severity is None else str(severity["text"]),
        )
        if text
    ]
    return Patterns(
        weekly=_weekly(table),
        hours=dict(hours),
        muscles=dict(muscles.most_common()),
        sides=dict(sides.most_common()),
        severity=severity,
        change=change,
        stretching=stretching,
        cramp_days=_cramp_days(table),
        findings=findings,
    )
