"""The joint Poisson model of cramps per night: every testable factor term together, with the
time terms (trend, season, bends for a slowly wandering rate) that earn their place. A term
that is (almost) a combination of those before it is left out, naming its partner.

The fit is a negative binomial (NB2) model by maximum likelihood, each term tested by a
quasi-score test (`nb_score_test`): clustered cramps made quasi-Poisson Wald tests too liberal.
Only when a factor level has (almost) no cramps, which sends an estimate off to infinity, is it
refitted as a Poisson model with Firth's penalty, a quasi-Poisson scale and Wald tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.stats import norm

from nightcramp.core.insights.contrast import PreparedTerm
from nightcramp.core.insights.nights import FactorColumn, NightTable, term_key, time_terms
from nightcramp.core.insights.stats import (
    PoissonFit,
    fit_negbin,
    fit_poisson,
    nb_score_test,
    wald_p_value,
)

__all__ = [
    "COLLINEAR_R2",
    "DRIFT_KNOT_DAYS",
    "MIN_CRAMP_NIGHTS_PER_TERM",
    "MOVED_TOGETHER_R",
    "Estimate",
    "ModelFit",
    "choose_time_terms",
    "fit_terms",
]

FloatArray = npt.NDArray[np.float64]

# A term whose R² on the terms already in the model is above this cannot be told apart.
COLLINEAR_R2 = 0.95
# Two terms whose nights correlate at least this much are named together when neither is
# called (`analyze` keeps only those): a wide interval is then the two sharing one effect,
# not an absence of effect.
MOVED_TOGETHER_R = 0.6
# A log rate ratio beyond this per contrast unit means a level with no cramps (separation).
_SEPARATED = 8.0
# The model needs at least this many nights with cramps per column it estimates: with fewer,
# the fit follows chance (many terms, few events) and its standard errors are far too small,
# so unrelated factors are called by the dozen.
MIN_CRAMP_NIGHTS_PER_TERM = 1.0


@dataclass(frozen=True)
class Estimate:
    """One term's log rate ratio per contrast unit, its standard error and p-value (the
    standard error is the one whose Wald interval agrees with the test)."""

    coef: float
    se: float
    p_value: float


@dataclass(frozen=True)
class ModelFit:
    """Estimates by term key; for a term left out, the reason and the term it went with."""

    estimates: dict[str, Estimate]
    reasons: dict[str, tuple[str, str | None]]
    scale: float = 1.0
    time_terms: tuple[str, ...] = ()
    moved_with: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    """For each estimated term, the other factor terms (name, lag days) that moved with it
    (|correlation| >= MOVED_TOGETHER_R): the diary can hardly tell their effects apart."""
    twins: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    """For each estimated term, the terms (name, lag days) left out as repeating it: its
    estimate is theirs as much as its own."""

    @property
    def left_out_twins(self) -> frozenset[str]:
        """The keys of the terms left out as twins of an estimated one."""
        return frozenset(term_key(*pair) for pairs in self.twins.values() for pair in pairs)


def _log_likelihood(x: FloatArray, y: FloatArray) -> float:
    fit = fit_poisson(x, y, firth=False, quasi=False)
    mu = np.exp(np.clip(x @ fit.coef, -30.0, 30.0))
    return float(np.sum(y * np.log(np.maximum(mu, 1e-300)) - mu))


# Knots of the slow-drift terms: one every this many days of diary (none in its last month).
DRIFT_KNOT_DAYS = 60


def _drift_terms(table: NightTable) -> tuple[FloatArray, list[str]]:
    """Bends in the trend, one every `DRIFT_KNOT_DAYS` days: a cramp rate that wanders slowly
    (weeks of more cramps, then fewer) that a straight trend and a season wave cannot follow."""
    if not table.dates:
        return np.zeros((0, 0)), []
    first = table.dates[0]
    offset = np.array([(d - first).days for d in table.dates], dtype=float)
    knots = np.arange(DRIFT_KNOT_DAYS, offset[-1] - 30, DRIFT_KNOT_DAYS)
    if knots.size == 0:
        return np.zeros((table.n, 0)), []
    cols = [np.maximum(offset - k, 0.0) / 365.25 for k in knots]
    return np.column_stack(cols), [f"drift_{i}" for i in range(1, knots.size + 1)]


def choose_time_terms(table: NightTable) -> tuple[FloatArray, tuple[str, ...]]:
    """The time terms the diary supports: none, a trend, a trend and a season wave, each with or
    without bends for a slowly wandering rate (`_drift_terms`).

    The candidates a diary's span allows (`time_terms`) are compared by Akaike's criterion on
    cramps per night alone, before any factor is looked at. The bar is low on purpose: a time
    pattern that is there is allowed for, so a habit that follows the season, or that lasted
    through weeks of more (or fewer) cramps, is not blamed for them.
    """
    columns, names = time_terms(table.dates)
    y = table.counts.astype(float)
    ones = np.ones((table.n, 1))
    if not names or table.cramp_nights == 0:
        return np.zeros((table.n, 0)), ()
    drift, drift_names = _drift_terms(table)
    best_cols: FloatArray = np.zeros((table.n, 0))
    best_names: list[str] = []
    best_aic = -2 * _log_likelihood(ones, y) + 2
    for k in (1, len(names)) if len(names) > 1 else (1,):
        for bends in (False, True) if drift_names else (False,):
            cols = np.column_stack([columns[:, :k], drift]) if bends else columns[:, :k]
            x = np.column_stack([ones, cols])
            aic = -2 * _log_likelihood(x, y) + 2 * x.shape[1]
            if aic < best_aic:
                best_cols, best_aic = cols, aic
                best_names = [*names[:k], *(drift_names if bends else [])]
    return best_cols, tuple(best_names)


def _fit(x: FloatArray, y: FloatArray, factor_cols: slice) -> tuple[PoissonFit, bool]:
    """The Poisson fit, and whether it needed Firth's penalty (a level with no cramps)."""
    fit = fit_poisson(x, y, firth=False, robust=False)
    largest = float(np.max(np.abs(fit.coef[factor_cols]), initial=0.0))
    if fit.converged and math.isfinite(largest) and largest <= _SEPARATED:
        return fit, False
    return fit_poisson(x, y, firth=True, robust=False), True


def _nb_estimates(
    x: FloatArray, y: FloatArray, start: FloatArray, index: dict[str, int]
) -> tuple[dict[str, Estimate], float] | None:
    """NB2 estimates with quasi-score p-values, and the equivalent dispersion 1 + alpha * mean
    rate; None when the NB2 fit does not settle. Each standard error is the test-based one,
    |coef| / z with z the normal quantile of the test's p-value, so the Wald interval at any
    level excludes 1 exactly when the score test rejects there."""
    nb = fit_negbin(x, y, start=start)
    if not nb.converged:
        return None
    estimates = {}
    for key, j in index.items():
        coef = float(nb.coef[j])
        stat, p = nb_score_test(x, y, j, nb.alpha, nb.coef)
        z = float(norm.isf(p / 2)) if p > 0 else abs(stat)
        se = abs(coef) / z if z > 1e-6 and coef != 0 else nb.se(j)
        estimates[key] = Estimate(coef, se, p)
    mean_rate = float(np.mean(np.exp(np.clip(x @ nb.coef, -30.0, 30.0))))
    return estimates, 1.0 + nb.alpha * mean_rate


def fit_terms(table: NightTable, terms: list[PreparedTerm]) -> ModelFit:
    """Fit the joint model to the testable `terms`.

    Too few nights, or too few nights with cramps, for the number of terms gives no estimates:
    every term is `too_many_factors`; so does a fit that does not settle. A term that repeats
    others is `collinear`, with its closest partner among those in the model.
    """
    time_cols, time_names = choose_time_terms(table)
    cols = [np.ones(table.n), *time_cols.T]
    in_model: list[PreparedTerm] = []
    reasons: dict[str, tuple[str, str | None]] = {}
    twins: dict[str, list[tuple[str, int]]] = {}
    for term in terms:
        assert term.x is not None
        if _fits_in(np.column_stack(cols), term.x):
            partner, r = _partner(term, in_model)
            reasons[term.column.key] = ("collinear", None if partner is None else partner.name)
            # A twin goes up with its partner (r >= +0.6): one that goes opposite (exercise
            # every other day, and the day before) is not the same finding, so it is left
            # as plain collinear.
            if partner is not None and r >= MOVED_TOGETHER_R:
                twins.setdefault(partner.key, []).append((term.column.name, term.column.lag_days))
            continue
        cols.append(term.x)
        in_model.append(term)
    first = len(cols) - len(in_model)
    index = {t.column.key: first + i for i, t in enumerate(in_model)}
    for term in in_model:
        if term.missing is not None and not _fits_in(np.column_stack(cols), term.missing):
            cols.append(term.missing)
    x = np.column_stack(cols)
    too_many = ModelFit({}, {t.column.key: ("too_many_factors", None) for t in terms})
    if table.n < x.shape[1] + 10 or table.cramp_nights < MIN_CRAMP_NIGHTS_PER_TERM * x.shape[1]:
        return too_many
    y = table.counts.astype(float)
    fit, separated = _fit(x, y, slice(first, first + len(in_model)))
    if not fit.converged:
        return too_many
    nb = None if separated else _nb_estimates(x, y, fit.coef, index)
    if nb is not None:
        estimates, scale = nb
    else:
        estimates, scale = {}, fit.scale
        for key, j in index.items():
            coef, se = float(fit.coef[j]), fit.se(j)
            estimates[key] = Estimate(coef, se, wald_p_value(coef, se))
    return ModelFit(
        estimates,
        reasons,
        scale,
        time_names,
        _moved_together(in_model),
        {key: tuple(pairs) for key, pairs in twins.items() if key in estimates},
    )


def _moved_together(terms: list[PreparedTerm]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each term's partners: the other terms whose values correlate with its own at least
    MOVED_TOGETHER_R, most closely first."""
    found: dict[str, tuple[tuple[str, int], ...]] = {}
    for term in terms:
        assert term.x is not None
        close = []
        for other in terms:
            assert other.x is not None
            if other is term or np.var(term.x) == 0 or np.var(other.x) == 0:
                continue
            r = abs(float(np.corrcoef(term.x, other.x)[0, 1]))
            if r >= MOVED_TOGETHER_R:
                close.append((r, other.column.name, other.column.lag_days))
        if close:
            found[term.column.key] = tuple((n, lag) for _, n, lag in sorted(close, reverse=True))
    return found


def _fits_in(base: FloatArray, x: FloatArray) -> bool:
    """True when `x` is (almost) a linear combination of the columns of `base`."""
    coef = np.linalg.lstsq(base, x, rcond=None)[0]
    resid = x - base @ coef
    total = float(np.var(x))
    return total == 0 or 1 - float(np.var(resid)) / total > COLLINEAR_R2


def _partner(term: PreparedTerm, in_model: list[PreparedTerm]) -> tuple[FactorColumn | None, float]:
    """The column in the model that `term` correlates with most (either way), and that
    correlation with its sign (0 with none)."""
    best, best_r = None, 0.0
    for other in in_model:
        assert other.x is not None and term.x is not None
        if np.var(term.x) == 0 or np.var(other.x) == 0:
            continue
        r = float(np.corrcoef(term.x, other.x)[0, 1])
        if best is None or abs(r) > abs(best_r):
            best, best_r = other.column, r
    return best, best_r
