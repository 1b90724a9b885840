"""The joint Poisson model of cramps per night: every testable factor term together, with season
terms. A term that is (almost) a combination of those before it is left out, naming its partner.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nightcramp.core.insights.contrast import PreparedTerm
from nightcramp.core.insights.nights import NightTable, time_terms
from nightcramp.core.insights.stats import fit_poisson, wald_p_value

__all__ = ["COLLINEAR_R2", "Estimate", "ModelFit", "fit_terms"]

FloatArray = npt.NDArray[np.float64]

# A term whose R² on the terms already in the model is above this cannot be told apart.
COLLINEAR_R2 = 0.95
ROBUST = True
MISSING = True
FIRTH = True


@dataclass(frozen=True)
class Estimate:
    """One term's log rate ratio per contrast unit, its standard error and Wald p-value."""

    coef: float
    se: float
    p_value: float


@dataclass(frozen=True)
class ModelFit:
    """Estimates by term key; for a term left out, the reason and the term it went with."""

    estimates: dict[str, Estimate]
    reasons: dict[str, tuple[str, str | None]]
    scale: float = 1.0


def fit_terms(table: NightTable, terms: list[PreparedTerm]) -> ModelFit:
    """Fit the joint model to the testable `terms`.

    Too few nights for the number of terms gives no estimates, every term `too_many_factors`;
    a term that repeats others is `collinear`, with its closest partner among those in the model.
    """
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
        if MISSING and term.missing is not None and not _fits_in(np.column_stack(cols), term.missing):
            cols.append(term.missing)
    x = np.column_stack(cols)
    if table.n < x.shape[1] + 10:
        return ModelFit({}, {t.column.key: ("too_many_factors", None) for t in terms})
    y = table.counts.astype(float)
    fit = fit_poisson(x, y, robust=ROBUST, firth=FIRTH)
    if not FIRTH and (not fit.converged or float(np.max(np.abs(fit.coef[1:]), initial=0)) > 8):
        fit = fit_poisson(x, y, robust=ROBUST, firth=True)
    estimates = {}
    for key, j in index.items():
        coef, se = float(fit.coef[j]), fit.se(j)
        estimates[key] = Estimate(coef, se, wald_p_value(coef, se))
    return ModelFit(estimates, reasons, fit.scale)


def _fits_in(base: FloatArray, x: FloatArray) -> bool:
    """True when `x` is (almost) a linear combination of the columns of `base`."""
    coef = np.linalg.lstsq(base, x, rcond=None)[0]
    resid = x - base @ coef
    total = float(np.var(x))
    return total == 0 or 1 - float(np.var(resid)) / total > COLLINEAR_R2


def _partner(term: PreparedTerm, in_model: list[PreparedTerm]) -> str | None:
    best, best_r = None, -1.0
    for other in in_model:
        assert other.x is not None and term.x is not None
        r = abs(float(np.corrcoef(term.x, other.x)[0, 1]))
        if r > best_r:
            best, best_r = other.column.name, r
    return best
