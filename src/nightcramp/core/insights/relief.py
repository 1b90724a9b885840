"""Which relief works: tries, successes, median minutes, ranked by a shrunk success rate.

The rate (worked + 2) / (tried + 4) pulls few tries towards one half, so three lucky tries
(3 of 3: 0.71) do not outrank thirty good ones (24 of 30: 0.76); one try more each way would
put them the other way round (0.80 against 0.78). A method the evidence rules out (graded X in
the knowledge content, such as standing on the toes for a calf cramp) is never ranked above an
advised one, however often it seemed to work, and always carries its warning.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nightcramp.core.diary import Episode, Relief
from nightcramp.core.insights.relief_evidence import ReliefEvidence, relief_evidence
from nightcramp.core.knowledge.grades import Grade

__all__ = ["ReliefSummary", "summarize_relief"]

# Tries that "worked" and "did not" added to every method before its rate is taken.
_PRIOR = 2


def minutes_text(minutes: float | None) -> str | None:
    """A median number of minutes as every screen shows it ("3", "6.5"), or None."""
    return None if minutes is None else f"{minutes:g}"


@dataclass(frozen=True)
class ReliefSummary:
    """One relief method's record in the diary, with how sure the evidence is about it."""

    relief: Relief
    times_tried: int
    times_worked: int
    median_minutes: float | None
    shrunk_rate: float
    rank: int
    evidence_grade: Grade | None = None
    warning: str | None = None

    @property
    def advised(self) -> bool:
        """False for a method the evidence rules out: it is shown only with its warning."""
        return self.evidence_grade is not Grade.X

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "relief": self.relief.value,
            "times_tried": self.times_tried,
            "times_worked": self.times_worked,
            "median_minutes": self.median_minutes,
            "success_rate": round(self.shrunk_rate, 3),
            "rank": self.rank,
            "evidence_grade": None if self.evidence_grade is None else self.evidence_grade.value,
        }
        if self.warning is not None:
            out["warning"] = self.warning
        return out


def summarize_relief(
    episodes: Sequence[Episode], evidence: Mapping[Relief, ReliefEvidence] | None = None
) -> list[ReliefSummary]:
    """Return every relief method tried at least once, best first.

    A method counts as tried when listed in `relief` or named in `relief_worked`. Median minutes
    are over the cramps it ended that have a duration. Methods graded X come after every other
    method, with their warning; ties keep more tries first, then the id. `evidence` defaults to
    the shipped content (`relief_evidence`).
    """
    graded = relief_evidence() if evidence is None else evidence
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
        rows.append((method, n, k, median, (k + _PRIOR) / (n + 2 * _PRIOR)))

    def ruled_out(method: Relief) -> bool:
        known = graded.get(method)
        return known is not None and known.grade is Grade.X

    rows.sort(key=lambda r: (ruled_out(r[0]), -r[4], -r[1], r[0].value))
    out = []
    for rank, (method, n, k, median, rate) in enumerate(rows, start=1):
        known = graded.get(method)
        out.append(
            ReliefSummary(
                method,
                n,
                k,
                median,
                rate,
                rank,
                evidence_grade=None if known is None else known.grade,
                warning=None if known is None else known.warning,
            )
        )
    return out
