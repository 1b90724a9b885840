"""`analyze`: personal trigger analysis, relief ranking and patterns from a diary.

All factors (custom ones too, and previous-day exercise) are estimated jointly in one rate
model of cramps per night (negative binomial, quasi-score tests: cramps cluster), with trend
and season terms when the diary supports them.
Exploratory tests are controlled by Benjamini–Hochberg (false discovery rate 7.5%, chosen so
that about one person in ten gets one wrong suspicion; bench/results/analysis-2026-12-06.md);
up to three named suspects form a separate confirmatory family under Holm (5%). Each interval
is at the level its factor's test needed, so it excludes 1 exactly when the factor is called.

A finding must not rest on one night with many cramps: each call is checked again with the
night of the most cramps counted as the next heaviest night, and stands only if that analysis
still calls it the same way at `ROBUST_SLACK` times its family's level. One night of six cramps
during rare heavy sweating made sweating a "likely trigger" before. A factor the check does not
confirm is shown with the checked estimate, whose interval then includes 1. The check costs no
sensitivity in the simulation study (bench/results/analysis-2026-12-07.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nightcramp.core.diary import Episode, Night
from nightcramp.core.diary_summary import summarize as summarize_diary
from nightcramp.core.errors import InputError
from nightcramp.core.insights.contrast import PreparedTerm, prepare_term
from nightcramp.core.insights.data_quality import MIN_CRAMP_NIGHTS, check_data_quality
from nightcramp.core.insights.fdr import bh_adjust, holm_adjust
from nightcramp.core.insights.joint_model import Estimate, ModelFit, fit_terms
from nightcramp.core.insights.nights import NightTable, build_table, term_key
from nightcramp.core.insights.patterns import find_patterns
from nightcramp.core.insights.relief import summarize_relief
from nightcramp.core.insights.results import Analysis, ExperimentOffer, FactorResult, Verdict
from nightcramp.core.insights.stats import z_quantile
from nightcramp.core.insights.summary import summarize
from nightcramp.core.insights.wording import describe

__all__ = [
    "CONFIRMATORY_ALPHA",
    "EXPLORATORY_Q",
    "MAX_SUSPECTS",
    "MIN_CRAMP_NIGHTS",
    "ROBUST_SLACK",
    "Analysis",
    "ExperimentOffer",
    "FactorResult",
    "Verdict",
    "analyze",
    "matching_level",
    "nights_for_power",
    "nights_to_double",
]

EXPLORATORY_Q = 0.075
# A call stands if, with the night of the most cramps counted as the next heaviest, the factor
# is still called the same way at this many times its family's level.
ROBUST_SLACK = 2.0
CONFIRMATORY_ALPHA = 0.05
MAX_SUSPECTS = 3
_POWER = 0.8
_DOUBLING = math.log(2.0)


def nights_for_power(
    rate: float, variance: float, alpha: float, rate_ratio: float = 2.0, power: float = 0.8
) -> int:
    """Total logged nights for `power` to detect `rate_ratio` per contrast at level `alpha`.

    `rate` is cramps per night; `variance` that of the factor in contrast units (0.21 for a
    yes/no factor true on 30% of nights). Uses the Poisson Wald approximation.
    """
    r = rate if rate > 0 else 1 / 7
    v = variance if variance > 0 else 0.21
    z = z_quantile(1 - alpha / 2) + z_quantile(power)
    return math.ceil(z**2 / (r * v * math.log(rate_ratio) ** 2))


def matching_level(p_value: float, adjusted: float, level: float, tests: int) -> float:
    """The error level of the interval that agrees with an adjusted test.

    A factor is called when its adjusted p-value is at most `level`; an interval at error level
    `level * p / adjusted` excludes 1 exactly then (the test's own threshold for this factor).
    The ratio is never below 1/`tests` (Bonferroni), so an underflowing p-value stays usable.
    """
    ratio = p_value / adjusted if adjusted > 0 else 0.0
    return level * min(1.0, max(ratio, 1.0 / max(1, tests)))


def nights_to_double(se: float, nights: int, alpha: float, power: float = _POWER) -> int:
    """Total nights for `power` to show a doubling at level `alpha`, from the standard error
    `se` of a log rate ratio estimated on `nights` (the error shrinks as 1/sqrt(nights)).
    """
    z = z_quantile(1 - alpha / 2) + z_quantile(power)
    return math.ceil(nights * (z * se / _DOUBLING) ** 2)


def _check_suspects(table: NightTable, suspects: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(s.strip() for s in suspects if s.strip()))
    if len(chosen) > MAX_SUSPECTS:
        raise InputError(f"name at most {MAX_SUSPECTS} suspects", field="suspect")
    known = {c.name for c in table.columns}
    for name in chosen:
        if name not in known:
            raise InputError(
                f"unknown factor {name!r}; use a diary column such as alcohol_drinks",
                field="suspect",
            )
    return chosen


def _verdict(est: Estimate, adjusted: float, level: float) -> Verdict:
    way = _called(est, adjusted, level)
    if way:
        return Verdict.LIKELY_TRIGGER if way > 0 else Verdict.LIKELY_PROTECTIVE
    return Verdict.NO_CLEAR_EFFECT


def analyze(
    nights: Sequence[Night],
    episodes: Sequence[Episode],
    *,
    suspects: Sequence[str] = (),
    since: dt.date | None = None,
    experiments: Mapping[str, ExperimentOffer] | None = None,
    columns: Sequence[str] = (),
) -> Analysis:
    """Analyse a diary. Raises `InputError` (field `suspect`) for an unknown or fourth suspect.

    `columns`: the factor columns a diary file declares; each appears in the result even when
    it was never answered (as not enough data).

    `experiments` maps a diary factor to the planned experiment that tests it; a factor with
    one carries the offer (nothing is offered for a previous-day term).
    """
    table = build_table(nights, episodes, since=since, declared=columns)
    chosen = _check_suspects(table, suspects)
    kept = [ep for ep in episodes if since is None or ep.night >= since]
    quality = check_data_quality(table)
    blocked = quality.blocked
    terms = [prepare_term(c) for c in table.columns]
    testable = [t for t in terms if t.reason is None]
    fit = ModelFit({}, {})
    if blocked is None and testable:
        # A suspect goes in first: of two factors that always went together, the one the person
        # named is the one estimated (the other is named beside it as its twin).
        fit = fit_terms(table, sorted(testable, key=lambda t: t.column.name not in chosen))
    estimates = fit.estimates
    is_suspect = {t.column.key: t.column.name in chosen for t in terms}
    adjusted = _adjusted(estimates, is_suspect)
    rate = float(table.counts.mean()) if table.n else 0.0
    m_suspect = sum(1 for t in terms if is_suspect[t.column.key])
    m_explore = max(1, len(estimates) - sum(1 for k in estimates if is_suspect[k]))
    if not estimates:
        m_explore = max(1, len(testable) - m_suspect)
    families = _Families(m_explore, max(1, m_suspect), is_suspect)
    fit, adjusted = _confirmed(table, testable, fit, adjusted, families)
    offers = experiments or {}
    results = [
        _result(t, fit, adjusted, blocked, families, table, rate, offers.get(t.column.key))
        for t in terms
    ]
    # Factors that went together are named only among those with no clear link: a factor the
    # analysis called stands on its own, and is not said to be inseparable from another. A
    # factor left out as repeating another (its twin) is named beside it, called or not: the
    # estimate belongs to both.
    unclear = {r.key for r in results if r.verdict is Verdict.NO_CLEAR_EFFECT}

    def moved(r: FactorResult) -> tuple[tuple[str, int], ...]:
        together = fit.moved_with.get(r.key, ()) if r.key in unclear else ()
        return (*fit.twins.get(r.key, ()), *(p for p in together if term_key(*p) in unclear))

    results = [
        _result(t, fit, adjusted, blocked, families, table, rate, offers.get(t.column.key), pairs)
        if (pairs := moved(r))
        else r
        for t, r in zip(terms, results, strict=True)
    ]
    needed_total = nights_for_power(rate, 0.21, EXPLORATORY_Q / m_explore)
    needed: dict[str, object] = {
        "rate_ratio": 2.0,
        "share_of_nights": 0.3,
        "power": 0.8,
        "total_nights": needed_total,
        "more_nights": max(0, needed_total - table.n),
    }
    diary = summarize_diary(
        (n.date for n in nights),
        (e.night for e in kept),
        today=max(table.dates[-1:] or [since or dt.date.min]),
        since=since,
    )
    return Analysis(
        nights=diary.nights_logged,
        cramp_nights=diary.cramp_nights,
        cramps=diary.cramps,
        factors=results,
        relief=summarize_relief(kept),
        patterns=find_patterns(table, kept),
        suspects=chosen,
        warnings=quality.warnings,
        data_quality=quality.document,
        nights_needed=needed,
        summary=summarize(table, results, blocked, needed_total, chosen),
        method=_method(fit, m_explore, m_suspect),
    )


def _adjusted(
    estimates: Mapping[str, Estimate], is_suspect: Mapping[str, bool]
) -> dict[str, float]:
    """Each estimate's p value adjusted in its family: Holm for suspects, else BH."""
    adjusted: dict[str, float] = {}
    for suspect_family in (False, True):
        keys = [k for k in estimates if is_suspect[k] == suspect_family]
        p = [estimates[k].p_value for k in keys]
        adj = holm_adjust(p) if suspect_family else bh_adjust(p)
        adjusted.update(zip(keys, adj, strict=True))
    return adjusted


def _called(est: Estimate | None, adjusted: float | None, level: float) -> int:
    """+1 for a trigger, -1 for a protective factor, 0 for no call."""
    if est is None or adjusted is None or adjusted > level:
        return 0
    return 1 if est.coef > 0 else -1


def _confirmed(
    table: NightTable,
    testable: list[PreparedTerm],
    fit: ModelFit,
    adjusted: dict[str, float],
    families: _Families,
) -> tuple[ModelFit, dict[str, float]]:
    """The fit and adjusted p values, with each call that the check (the heaviest night
    counted as the next heaviest) does not make the same way replaced by the check's estimate
    (so its interval shows why)."""
    called = {
        k: way
        for k, est in fit.estimates.items()
        if (way := _called(est, adjusted[k], families.level(k)[0]))
    }
    if not called or table.n < 2:
        return fit, adjusted
    counts = table.counts.copy()
    heaviest = int(np.argmax(counts))
    counts[heaviest] = np.partition(counts, -2)[-2]  # counted as the next heaviest night
    if counts[heaviest] == table.counts[heaviest]:
        return fit, adjusted
    check = fit_terms(dataclasses.replace(table, counts=counts), testable)
    check_adjusted = _adjusted(check.estimates, families.is_suspect)
    estimates, adjusted = dict(fit.estimates), dict(adjusted)
    for key, way in called.items():
        est = check.estimates.get(key)
        level = families.level(key)[0]
        if _called(est, check_adjusted.get(key), ROBUST_SLACK * level) == way:
            continue
        if est is not None:
            estimates[key] = est
            adjusted[key] = max(check_adjusted[key], adjusted[key])
        else:
            adjusted[key] = 1.0
        if adjusted[key] <= level:  # the other way round: no call either
            adjusted[key] = 1.0
    return dataclasses.replace(fit, estimates=estimates), adjusted


@dataclass(frozen=True)
class _Families:
    """How many tests each family holds, and which terms are named suspects."""

    explore: int
    suspect: int
    is_suspect: dict[str, bool]

    def level(self, key: str) -> tuple[float, int]:
        """The family's error level and its number of tests, for the term `key`."""
        if self.is_suspect[key]:
            return CONFIRMATORY_ALPHA, self.suspect
        return EXPLORATORY_Q, self.explore


def _result(
    term: PreparedTerm,
    fit: ModelFit,
    adjusted: dict[str, float],
    blocked: str | None,
    families: _Families,
    table: NightTable,
    rate: float,
    offer: ExperimentOffer | None,
    moved: tuple[tuple[str, int], ...] = (),
) -> FactorResult:
    """One factor's result; `moved`: the factors with no clear link that went with it."""
    col = term.column
    level, tests = families.level(col.key)
    single = level / tests
    total = nights_for_power(rate / fit.scale, term.variance, single)
    est = fit.estimates.get(col.key)
    reason, partner = fit.reasons.get(col.key, (term.reason or blocked, None))
    rr = ci = p = adj = ci_level = None
    verdict = Verdict.NOT_ENOUGH_DATA
    if est is not None:
        rr = math.exp(est.coef)
        p, adj = est.p_value, adjusted[col.key]
        alpha = matching_level(p, adj, level, tests)
        ci_level = 1 - alpha
        half = z_quantile(1 - alpha / 2) * est.se
        ci = (_exp(est.coef - half), _exp(est.coef + half))
        verdict = _verdict(est, adj, level)
        total = nights_to_double(est.se, table.n, single)
        reason = None
    nights_needed = max(0, total - term.nights_recorded)
    if verdict in (Verdict.LIKELY_TRIGGER, Verdict.LIKELY_PROTECTIVE):
        nights_needed = 0
    if blocked == "only_cramp_nights":  # more of the same nights would not help: quiet ones would
        nights_needed = 0
    if col.key in fit.left_out_twins:
        nights_needed = 0  # a twin: more nights of the two together would not tell them apart
    if blocked is not None:
        reason = blocked
    text = describe(
        name=col.name, kind=col.kind, lag_days=col.lag_days, verdict=verdict.value,
        contrast=term.contrast, rate_ratio=rr, ci=ci, nights_recorded=term.nights_recorded,
        nights_needed=nights_needed, reason=reason, cramp_nights=table.cramp_nights,
        partner=partner, time_terms=fit.time_terms, moved_with=moved,
        twins=fit.twins.get(col.key, ()),
    )  # fmt: skip
    return FactorResult(
        factor=col.name,
        lag_days=col.lag_days,
        kind=col.kind,
        verdict=verdict,
        rate_ratio=rr,
        ci_low=None if ci is None else ci[0],
        ci_high=None if ci is None else ci[1],
        p_value=p,
        adjusted_p=adj,
        family="suspect" if families.is_suspect[col.key] else "exploratory",
        contrast=term.contrast,
        nights_with=term.nights_with,
        nights_recorded=term.nights_recorded,
        nights_needed=nights_needed,
        explanation=text,
        ci_level=ci_level,
        experiment=offer if col.lag_days == 0 else None,
        moved_with=moved,
    )


def _exp(value: float) -> float:
    """exp, capped so a separated level's huge bound stays a finite number."""
    return math.exp(min(value, 700.0))


def _method(fit: ModelFit, m_explore: int, m_suspect: int) -> dict[str, object]:
    return {
        "model": "negative binomial (NB2) rate of cramps per logged night, quasi-score tests "
        "(Pearson scale, t reference); Poisson with Firth's penalty, quasi-Poisson scale and "
        "Wald tests when a level has no cramps",
        "time_terms": list(fit.time_terms),
        "time_terms_choice": "Akaike's criterion on cramps per night alone",
        "dispersion": round(fit.scale, 3),
        "exploratory_tests": m_explore,
        "exploratory_fdr": EXPLORATORY_Q,
        "suspect_tests": m_suspect,
        "suspect_alpha": CONFIRMATORY_ALPHA,
        "intervals": "at the level each test needed after the adjustment (agree with the verdict)",
        "min_cramp_nights": MIN_CRAMP_NIGHTS,
    }
