"""Which relief works: tries, successes, median minutes, ranked by a shrunk success rate.

The rate (worked + 1) / (tried + 2) pulls few tries towards one half, so three lucky tries do
not outrank thirty good ones.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from nightcramp.core.diary import Episode, Relief

__all__ = ["ReliefSummary", "summarize_relief"]


@dataclass(frozen=True)
class ReliefSummary:
    """One relief method's record in the diary."""

    relief: Relief
    times_tried: int
    times_worked: int
    median_minutes: float | None
    shrunk_rate: float
    rank: int

    def to_json(self) -> dict[str, object]:
        return {
            "relief": self.relief.value,
            "times_tried": self.times_tried,
            "times_worked": self.times_worked,
            "median_minutes": self.median_minutes,
            "success_rate": round(self.shrunk_rate, 3),
            "rank": self.rank,
        }


def summarize_relief(episodes: Sequence[Episode]) -> list[ReliefSummary]:
    """Return every relief method tried at least once, best first.

    A method counts as tried when listed in `relief` or named in `relief_worked`. Median minutes
    are over the cramps it ended that have a duration. Ties keep more tries first, then the id.
    """
    tried: dict[Relief, int] = {}
    worked: dict[Relief, int] = {}
    minutes: dict[Relief, list[float]] = {}
    for ep in episodes:
        methods = set(ep.relief)
        if ep.relief_worked is not None:
            methods.add(ep.relief_worked)
            worked[ep.relief_worked] = worked.get(ep.relief_worked, 0) + 1
            if ep.duration_min is not None:
                minutes.setdefault(ep.relief_worked, []).append(float(ep.duration_min))
        for method in methods:
            tried[method] = tried.get(method, 0) + 1
    rows = []
    for method, n in tried.items():
        k = worked.get(method, 0)
        spent = minutes.get(method)
        median = round(statistics.median(spent), 1) if spent else None
        rows.append((method, n, k, median, (k + 1) / (n + 2)))
    rows.sort(key=lambda r: (-r[4], -r[1], r[0].value))
    return [
        ReliefSummary(method, n, k, median, rate, rank)
        for rank, (method, n, k, median, rate) in enumerate(rows, start=1)
    ]
