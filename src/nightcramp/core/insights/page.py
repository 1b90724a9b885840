"""What the Insights page shows, built once from an analysis: plain rows, one chart per finding,
what is worth a closer look (nights still needed, an experiment to try), relief and patterns.

The result holds only JSON values (the charts as SVG text), so it can be kept in a cache.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from nightcramp.core.insights.charts import finding_chart, hours_chart, weekly_chart
from nightcramp.core.insights.relief import minutes_text
from nightcramp.core.insights.results import Analysis, FactorResult, Verdict
from nightcramp.core.insights.wording import (
    allowed_text,
    experiment_line,
    headline,
    interval_note,
    label,
    load_insight_wording,
    nights_left,
    relief_label,
)
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.meds import check_names

__all__ = [
    "CLOSER_LOOK",
    "SupplementChange",
    "build_page",
    "offers_to_withhold",
    "verdict_words",
    "withhold_in_analysis",
    "withhold_offers",
]

# Unsettled factors shown before the details, with how long until we know.
CLOSER_LOOK = 2
_CALLED = (Verdict.LIKELY_TRIGGER, Verdict.LIKELY_PROTECTIVE)
_ORDER = {"likely_trigger": 0, "likely_protective": 1, "no_clear_effect": 2, "not_enough_data": 3}


def verdict_words(verdict: str) -> str:
    """The verdict in two or three words ("No clear link")."""
    return load_insight_wording().verdict_words.get(verdict, verdict.replace("_", " "))


def _row(f: FactorResult, *, chart: bool) -> dict[str, object]:
    offer = None
    # An experiment is offered when it answers sooner than logging on would: "13 more nights
    # could show whether ..." beside "test it: about 16 weeks" would send the person the long way.
    if f.experiment is not None and not 0 < (f.nights_needed or 0) <= f.experiment.nights:
        offer = experiment_line(f.experiment.name, f.experiment.weeks)
    settled = f.verdict in _CALLED
    short = None
    if f.rate_ratio is not None and f.ci_low is not None and f.ci_high is not None:
        short = headline(
            name=f.factor, kind=f.kind, lag_days=f.lag_days, contrast=f.contrast,
            rate_ratio=f.rate_ratio, ci=(f.ci_low, f.ci_high),
        )  # fmt: skip
    return {
        "key": f.factor + (f"@lag{f.lag_days}" if f.lag_days else ""),
        "name": label(f.factor, f.lag_days),
        "verdict": f.verdict.value,
        "verdict_words": verdict_words(f.verdict.value),
        "explanation": f.explanation,
        "headline": short,
        "suspect": f.family == "suspect",
        "nights_left": None if settled or not f.nights_needed else nights_left(f.nights_needed),
        "offer": offer,
        "experiment": None if f.experiment is None else f.experiment.change,
        "chart": finding_chart(f) if chart else None,
    }


def _closer_look(factors: list[FactorResult]) -> list[FactorResult]:
    """Unsettled factors most worth watching, with something to do about them (more nights or
    an experiment): those with an experiment first, then the smallest p-values."""
    open_ = [
        f
        for f in factors
        if f.verdict == Verdict.NO_CLEAR_EFFECT
        and f.p_value is not None
        and (f.experiment is not None or f.nights_needed)
    ]
    open_.sort(key=lambda f: (f.experiment is None, f.p_value))
    return [f for f in open_ if f.p_value is not None and f.p_value < 0.5][:CLOSER_LOOK]


def build_page(analysis: Analysis) -> dict[str, object]:
    """The Insights page of `analysis`, as JSON values."""
    factors = sorted(analysis.factors, key=lambda r: (_ORDER[r.verdict.value], r.factor))
    found = [f for f in factors if f.verdict in _CALLED or f.family == "suspect"]
    closer = [f for f in _closer_look(factors) if f not in found]
    shown = {id(f) for f in (*found, *closer)}
    relief = [
        {"id": r.relief.value, "name": relief_label(r.relief.value), "worked": r.times_worked,
         "tried": r.times_tried, "minutes": r.median_minutes,
         "minutes_text": minutes_text(r.median_minutes), "warning": r.warning}
        for r in analysis.relief
    ]  # fmt: skip
    tests = analysis.method.get("exploratory_tests", 0)
    time_terms = analysis.method.get("time_terms")
    time_terms = [str(t) for t in time_terms] if isinstance(time_terms, list) else []
    words = load_insight_wording()
    called = [f for f in found if f.verdict in _CALLED]
    summary = list(analysis.summary)
    if called:
        # Each finding has its own card: say how many, not each one again.
        count = len(called)
        summary = [words.stand_out_one if count == 1 else words.stand_out_many.format(count=count)]
    return {
        "summary": summary,
        "found_note": words.found_note.format(allowed=allowed_text(time_terms)) if called else None,
        "warnings": list(analysis.warnings),
        "found": [_row(f, chart=True) for f in found],
        "closer": [_row(f, chart=False) for f in closer],
        "others": [_row(f, chart=False) for f in factors if id(f) not in shown],
        "interval_note": interval_note(tests),
        "relief": [r for r in relief if not r["warning"]],
        "relief_ruled_out": [r for r in relief if r["warning"]],
        "relief_note": words.relief_note,
        "weekly_svg": weekly_chart(analysis.patterns) if analysis.nights else None,
        "hours_svg": hours_chart(analysis.patterns) if analysis.patterns.hours else None,
        "patterns": list(analysis.patterns.findings),
    }


@dataclass(frozen=True)
class SupplementChange:
    """A supplement experiment as an offer needs it: its change id, the supplement's name (as
    the experiment content writes it) and the evidence grade the content gives it."""

    id: str
    name: str
    grade: Grade


def _generics(names: Sequence[str], *, components: bool) -> set[str]:
    """The generic names `names` resolve to (with each one's components when asked)."""
    found = check_names(names).medications
    return {g for m in found for g in (m.generic, *(m.components if components else ()))}


def offers_to_withhold(
    supplements: Iterable[SupplementChange], medicines: Sequence[str]
) -> frozenset[str]:
    """The ids of the supplement experiments not to offer: those graded X ("does not work or is
    unsafe"), and those whose supplement is already in `medicines` (matched by generic name,
    so "Magnesium 300 mg" withholds the magnesium tablet; a name that resolves to nothing
    withholds nothing)."""
    taken = _generics(medicines, components=True) if medicines else set()
    withheld = set()
    for change in supplements:
        if change.grade is Grade.X or _generics([change.name], components=False) & taken:
            withheld.add(change.id)
    return frozenset(withheld)


def withhold_offers(page: Mapping[str, object], withheld: Collection[str]) -> dict[str, object]:
    """`page` (from `build_page`) with no offer of the experiments in `withheld`. A row keeps
    its experiment id, so a running experiment is still named as running."""
    out = dict(page)
    for key in ("found", "closer", "others"):
        rows = page.get(key)
        if isinstance(rows, list):
            out[key] = [_without_offer(row, withheld) for row in rows]
    return out


def withhold_in_analysis(
    document: Mapping[str, object], withheld: Collection[str]
) -> dict[str, object]:
    """An `analyze --json` document with no experiment offer from `withheld` on its factors."""
    factors = document.get("factors")
    if not withheld or not isinstance(factors, list):
        return dict(document)
    kept = []
    for factor in factors:
        offer = factor.get("experiment") if isinstance(factor, dict) else None
        if isinstance(offer, dict) and offer.get("change") in withheld:
            factor = {k: v for k, v in factor.items() if k != "experiment"}
        kept.append(factor)
    return {**document, "factors": kept}


def _without_offer(row: object, withheld: Collection[str]) -> object:
    if isinstance(row, dict) and row.get("experiment") in withheld:
        return {**row, "offer": None}
    return row
