"""`analyze`: personal trigger analysis, relief ranking and patterns from a diary.

All factors (custom ones too, and previous-day exercise) are estimated jointly in one Poisson
rate model of cramps per night with season and trend terms. Exploratory tests are controlled
by Benjamini–Hochberg (false discovery rate 5%); up to three named suspects form a separate
confirmatory family under Holm (5%).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from nightcramp.core.diary import Episode, FactorKind, Night
from nightcramp.core.errors import InputError
from nightcramp.core.insights.contrast import PreparedTerm, prepare_term
from nightcramp.core.insights.fdr import bh_adjust, holm_adjust
from nightcramp.core.insights.nights import NightTable, build_table, time_terms
from nightcramp.core.insights.patterns import Patterns, find_patterns
from nightcramp.core.insights.relief import ReliefSummary, summarize_relief
from nightcramp.core.insights.stats import fit_poisson, wald_p_value, z_quantile
from nightcramp.core.insights.wording import describe, label

__all__ = [
    "CONFIRMATORY_ALPHA",
    "EXPLORATORY_Q",
    "MAX_SUSPECTS",
    "MIN_CRAMP_NIGHTS",
    "Analysis",
    "FactorResult",
    "Verdict",
    "analyze",
    "nights_for_power",
]

EXPLORATORY_Q = 0.05
CONFIRMATORY_ALPHA = 0.05
MIN_CRAMP_NIGHTS = 10
MAX_SUSPECTS = 3
_COLLINEAR_R2 = 0.95
_Z95 = 1.959963984540054

FloatArray = npt.NDArray[np.float64]


class Verdict(StrEnum):
    LIKELY_TRIGGER = "likely_trigger"
    LIKELY_PROTECTIVE = "likely_protective"
    NO_CLEAR_EFFECT = "no_clear_effect"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class FactorResult:
    """One factor term's result (`lag_days` 1 for the previous day's value)."""

    factor: str
    lag_days: int
    kind: FactorKind
    verdict: Verdict
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    adjusted_p: float | None
    family: str
    contrast: str
    nights_with: int
    nights_recorded: int
    nights_needed: int | None
    explanation: str

    def to_json(self) -> dict[str, object]:
        doc: dict[str, object] = {
            "factor": self.factor,
            "verdict": self.verdict.value,
            "rate_ratio": _round(self.rate_ratio, 3),
            "ci_low": _round(self.ci_low, 3),
            "ci_high": _round(self.ci_high, 3),
            "nights_with": self.nights_with,
            "nights_recorded": self.nights_recorded,
            "contrast": self.contrast,
            "family": self.family,
            "p_value": _round(self.p_value, 3),
            "adjusted_p": _round(self.adjusted_p, 3),
            "nights_needed": self.nights_needed,
            "explanation": self.explanation,
        }
        if self.lag_days:
            doc["lag_days"] = self.lag_days
        return doc


@dataclass(frozen=True)
class Analysis:
    """Everything `analyze` found; `to_json()` is the contract's document."""

    nights: int
    cramp_nights: int
    cramps: int
    factors: list[FactorResult]
    relief: list[ReliefSummary]
    patterns: Patterns
    suspects: list[str]
    warnings: list[str]
    data_quality: dict[str, object]
    nights_needed: dict[str, object]
    summary: list[str]
    method: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "nights": self.nights,
            "cramp_nights": self.cramp_nights,
            "cramps": self.cramps,
            "factors": [f.to_json() for f in self.factors],
            "relief": [r.to_json() for r in self.relief],
            "suspects": self.suspects,
            "summary": self.summary,
            "warnings": self.warnings,
            "data_quality": self.data_quality,
            "nights_needed": self.nights_needed,
            "patterns": self.patterns.to_json(),
            "method": self.method,
        }


def _round(value: float | None, digits: int) -> float | None:
    """Round to `digits` significant figures (never to 0 for a small positive ratio)."""
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.{digits}g}")


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


@dataclass
class _Estimate:
    coef: float
    se: float
    p_value: float


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


def _partner(term: PreparedTerm, in_model: list[PreparedTerm]) -> str | None:
    best, best_r = None, -1.0
    for other in in_model:
        assert other.x is not None and term.x is not None
        r = abs(float(np.corrcoef(term.x, other.x)[0, 1]))
        if r > best_r:
            best, best_r = other.column.name, r
    return best


def _fits_in(base: FloatArray, x: FloatArray) -> bool:
    """True when `x` is (almost) a linear combination of the columns of `base`."""
    coef = np.linalg.lstsq(base, x, rcond=None)[0]
    resid = x - base @ coef
    total = float(np.var(x))
    return total == 0 or 1 - float(np.var(resid)) / total > _COLLINEAR_R2


def _fit_terms(
    table: NightTable, terms: list[PreparedTerm]
) -> tuple[dict[str, _Estimate], dict[str, tuple[str, str | None]], float]:
    """Fit the joint model; return estimates per key, reasons for the untested, and the scale."""
    season, _ = time_terms(table.dates)
    cols = [np.ones(table.n), *season.T]
    in_model: list[PreparedTerm] = []
    reasons: dict[str, tuple[str, str | None]] = {}
    for term in terms:
        assert term.x is not None
        if _fits_in(np.column_stack(cols), term.x):
            reasons[term.column.key] = ("collinear", _partner(term, in_model))
            continue
        cols.append(term.x)
        in_model.append(term)
    index = {t.column.key: len(cols) - len(in_model) + i for i, t in enumerate(in_model)}
    for term in in_model:
        if term.missing is not None and not _fits_in(np.column_stack(cols), term.missing):
            cols.append(term.missing)
    x = np.column_stack(cols)
    if table.n < x.shape[1] + 10:
        return {}, {t.column.key: ("too_many_factors", None) for t in terms}, 1.0
    fit = fit_poisson(x, table.counts.astype(float))
    out = {}
    for key, j in index.items():
        coef, se = float(fit.coef[j]), fit.se(j)
        out[key] = _Estimate(coef, se, wald_p_value(coef, se))
    return out, reasons, fit.scale


def _data_quality(table: NightTable) -> tuple[dict[str, object], list[str], bool]:
    n, cramp_nights = table.n, table.cramp_nights
    span = table.span_days
    quiet = n - cramp_nights
    biased = n >= 5 and quiet < 0.1 * n
    warnings = []
    if biased:
        warnings.append(
            f"{cramp_nights} of your {n} logged nights had a cramp. If you log only on nights "
            "with cramps, the diary has no quiet nights to compare with, so any pattern would be "
            "biased. Please log every evening, including quiet nights."
        )
    if n and n < 0.5 * span:
        warnings.append(
            f"You logged {n} of the {span} nights from your first entry to your last. Nights you "
            "did not log are left out, never counted as cramp-free."
        )
    if table.unlogged_cramps:
        warnings.append(
            f"{table.unlogged_cramps} cramps were on {table.unlogged_cramp_nights} nights with no "
            "evening entry. They count for relief and patterns, but not for triggers, because we "
            "do not know that day's factors."
        )
    quality: dict[str, object] = {
        "span_days": span,
        "logged_share": round(n / span, 3) if span else None,
        "quiet_nights": quiet,
        "unlogged_cramps": table.unlogged_cramps,
        "unlogged_cramp_nights": table.unlogged_cramp_nights,
        "only_cramp_nights": biased,
        "first_night": table.dates[0].isoformat() if n else None,
        "last_night": table.dates[-1].isoformat() if n else None,
    }
    return quality, warnings, biased


def _verdict(est: _Estimate, adjusted: float, level: float) -> Verdict:
    if adjusted <= level:
        return Verdict.LIKELY_TRIGGER if est.coef > 0 else Verdict.LIKELY_PROTECTIVE
    return Verdict.NO_CLEAR_EFFECT


def analyze(
    nights: Sequence[Night],
    episodes: Sequence[Episode],
    *,
    suspects: Sequence[str] = (),
    since: dt.date | None = None,
) -> Analysis:
    """Analyse a diary. Raises `InputError` (field `suspect`) for an unknown or fourth suspect."""
    table = build_table(nights, episodes, since=since)
    chosen = _check_suspects(table, suspects)
    kept = [ep for ep in episodes if since is None or ep.night >= since]
    quality, warnings, biased = _data_quality(table)
    terms = [prepare_term(c) for c in table.columns]
    testable = [t for t in terms if t.reason is None]
    blocked = None
    if table.n == 0:
        blocked = "no_nights"
    elif biased:
        blocked = "only_cramp_nights"
    elif table.cramp_nights < MIN_CRAMP_NIGHTS:
        blocked = "few_cramp_nights"
    estimates: dict[str, _Estimate] = {}
    reasons: dict[str, tuple[str, str | None]] = {}
    scale = 1.0
    if blocked is None and testable:
        estimates, reasons, scale = _fit_terms(table, testable)
    is_suspect = {t.column.key: t.column.name in chosen for t in terms}
    adjusted: dict[str, float] = {}
    for suspect_family in (False, True):
        keys = [k for k in estimates if is_suspect[k] == suspect_family]
        p = [estimates[k].p_value for k in keys]
        adj = holm_adjust(p) if suspect_family else bh_adjust(p)
        adjusted.update(zip(keys, adj, strict=True))
    rate = float(table.counts.mean()) if table.n else 0.0
    m_suspect = sum(1 for t in terms if is_suspect[t.column.key])
    m_explore = max(1, len(estimates) - sum(1 for k in estimates if is_suspect[k]))
    if not estimates:
        m_explore = max(1, len(testable) - m_suspect)
    results = [
        _result(
            t,
            estimates,
            adjusted,
            reasons,
            blocked,
            is_suspect,
            table,
            rate,
            scale,
            m_explore,
            max(1, m_suspect),
        )
        for t in terms
    ]
    needed_total = nights_for_power(rate, 0.21, EXPLORATORY_Q / m_explore)
    needed: dict[str, object] = {
        "rate_ratio": 2.0,
        "share_of_nights": 0.3,
        "power": 0.8,
        "total_nights": needed_total,
        "more_nights": max(0, needed_total - table.n),
    }
    return Analysis(
        nights=table.n,
        cramp_nights=table.cramp_nights,
        cramps=int(table.counts.sum()),
        factors=results,
        relief=summarize_relief(kept),
        patterns=find_patterns(table, kept),
        suspects=chosen,
        warnings=warnings,
        data_quality=quality,
        nights_needed=needed,
        summary=_summary(table, results, blocked, needed_total, chosen),
        method=_method(table, scale, m_explore, m_suspect),
    )


def _result(
    term: PreparedTerm,
    estimates: dict[str, _Estimate],
    adjusted: dict[str, float],
    reasons: dict[str, tuple[str, str | None]],
    blocked: str | None,
    is_suspect: dict[str, bool],
    table: NightTable,
    rate: float,
    scale: float,
    m_explore: int,
    m_suspect: int,
) -> FactorResult:
    col = term.column
    suspect = is_suspect[col.key]
    alpha = CONFIRMATORY_ALPHA / m_suspect if suspect else EXPLORATORY_Q / m_explore
    total = nights_for_power(rate / scale, term.variance, alpha)
    nights_needed = max(0, total - term.nights_recorded)
    est = estimates.get(col.key)
    reason, partner = reasons.get(col.key, (term.reason or blocked, None))
    rr = ci = p = adj = None
    verdict = Verdict.NOT_ENOUGH_DATA
    if est is not None:
        rr = math.exp(est.coef)
        ci = (math.exp(est.coef - _Z95 * est.se), math.exp(est.coef + _Z95 * est.se))
        p, adj = est.p_value, adjusted[col.key]
        level = CONFIRMATORY_ALPHA if suspect else EXPLORATORY_Q
        verdict = _verdict(est, adj, level)
        reason = None
    if blocked is not None:
        reason = blocked
    text = describe(
        name=col.name, kind=col.kind, lag_days=col.lag_days, verdict=verdict.value,
        contrast=term.contrast, rate_ratio=rr, ci=ci, nights_recorded=term.nights_recorded,
        nights_needed=nights_needed, reason=reason, cramp_nights=table.cramp_nights,
        partner=partner,
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
        family="suspect" if suspect else "exploratory",
        contrast=term.contrast,
        nights_with=term.nights_with,
        nights_recorded=term.nights_recorded,
        nights_needed=nights_needed,
        explanation=text,
    )


def _summary(
    table: NightTable,
    results: list[FactorResult],
    blocked: str | None,
    needed_total: int,
    suspects: list[str],
) -> list[str]:
    lines = [f"You logged {table.n} nights; {table.cramp_nights} had at least one cramp."]
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
        lines.append(f"You tend to have {kind} cramps with {label(r.factor, r.lag_days)}.")
    if not found:
        lines.append(
            "Nothing stands out clearly yet. That is common: a diary rarely gives a clear answer "
            f"quickly. Something that doubled your cramps on 3 nights in 10 would take about "
            f"{needed_total} logged nights in all to show up reliably."
        )
    if not suspects:
        lines.append(
            "If you suspect one thing, name it as a suspect: it is then checked on its own, "
            "which needs fewer nights. A planned experiment (a few weeks with it, a few weeks "
            "without) gives a clearer answer still."
        )
    lines.append("These are patterns worth discussing with your doctor, not proof of a cause.")
    return lines


def _method(table: NightTable, scale: float, m_explore: int, m_suspect: int) -> dict[str, object]:
    _, time_names = time_terms(table.dates)
    return {
        "model": "Poisson rate of cramps per logged night, Firth penalty, Wald tests",
        "time_terms": time_names,
        "dispersion": round(scale, 3),
        "exploratory_tests": m_explore,
        "exploratory_fdr": EXPLORATORY_Q,
        "suspect_tests": m_suspect,
        "suspect_alpha": CONFIRMATORY_ALPHA,
        "min_cramp_nights": MIN_CRAMP_NIGHTS,
    }
