"""The plain-language summary at the top of an analysis: what was logged, what stands out, and
what to do next. Patterns to discuss with a doctor, never proof of a cause.
"""

from __future__ import annotations

from collections.abc import Sequence

from nightcramp.core.insights.data_quality import MIN_CRAMP_NIGHTS
from nightcramp.core.insights.nights import NightTable
from nightcramp.core.insights.results import FactorResult, Verdict
from nightcramp.core.insights.wording import label, nothing_stands_out, twins_sentence

__all__ = ["summarize"]


def summarize(
    table: NightTable,
    results: Sequence[FactorResult],
    blocked: str | None,
    needed_total: int,
    suspects: Sequence[str],
) -> list[str]:
    """Return the summary lines for the factor `results` of the diary in `table`.

    `blocked` is why triggers were not looked for (None if they were); `needed_total` the logged
    nights needed to find a factor that doubles cramps on 3 nights in 10.
    """
    # How much was logged is said by the diary summary (core.diary_summary), the same on every
    # screen; these lines say what the analysis found.
    lines: list[str] = []
    if blocked == "no_nights":
        lines.append(
            "Log your evening check-in every night, quiet nights too, and each cramp when it "
            f"happens. We need about {MIN_CRAMP_NIGHTS} nights with cramps before looking for "
            "triggers."
        )
        return lines
    if blocked == "few_cramp_nights":
        lines.append(
            f"We need about {MIN_CRAMP_NIGHTS} nights with cramps before looking for triggers. "
            "Keep logging every evening, including quiet nights."
        )
        return lines
    if blocked is not None:
        lines.append("We cannot look for triggers yet. The note below says why.")
        return lines
    found = [r for r in results if r.verdict in (Verdict.LIKELY_TRIGGER, Verdict.LIKELY_PROTECTIVE)]
    for r in found:
        kind = "more" if r.verdict == Verdict.LIKELY_TRIGGER else "fewer"
        line = f"You tend to have {kind} cramps with {label(r.factor, r.lag_days)}."
        # A called factor's `moved_with` holds only its twins (left out as repeating it).
        lines.append(" ".join((line, *twins_sentence(r.moved_with))))
    if not found:
        lines.append(nothing_stands_out(needed_total))
    if not suspects:
        lines.append(
            "If you suspect one thing, name it as a suspect: it is then checked on its own, "
            "which needs fewer nights. A planned experiment (a few weeks with it, a few weeks "
            "without) gives a clearer answer still."
        )
    lines.append("These are patterns worth discussing with your doctor, not proof of a cause.")
    return lines
