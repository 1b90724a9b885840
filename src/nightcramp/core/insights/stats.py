"""Poisson rate model for cramps per night, with Firth's small penalty and Wald tests.

Firth's penalty keeps estimates finite when a level had no cramps (no absurd rate ratios) and
Wald tests on the penalised fit hold their error rate with few cramp nights. Over-dispersion is
allowed for with a quasi-Poisson scale (never below 1) or, when wider, a sandwich variance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

__all__ = ["PoissonFit", "fit_poisson", "wald_p_value", "z_quantile"]

FloatArray = npt.NDArray[np.float64]

_MAX_ITER = 60
_TOL = 1e-8
_NORMAL = NormalDist()


@dataclass(frozen=True)
class PoissonFit:
    """Coefficients, their covariance (scale included) and fit facts."""

    coef: FloatArray
    cov: FloatArray
    scale: float
    converged: bool
    iterations: int

    def se(self, j: int) -> float:
        return math.sqrt(max(float(self.cov[j, j]), 0.0))


def _hat_diagonal(x: FloatArray, mu: FloatArray, info_inv: FloatArray) -> FloatArray:
    # h_i = w_i x_i' (X'WX)^-1 x_i with w = mu for the log link.
    return np.asarray(mu * np.einsum("ij,jk,ik->i", x, info_inv, x), dtype=float)


def fit_poisson(
    x: FloatArray,
    y: FloatArray,
    *,
    firth: bool = True,
    quasi: bool = True,
    robust: bool = True,
) -> PoissonFit:
    """Fit log E[y] = x @ coef by (penalised) maximum likelihood with Newton steps.

    `x` must include the intercept column. With `firth`, the score is Firth's modified score
    X'(y + h/2 - mu); without it this is the ordinary Poisson GLM (as statsmodels fits it).
    With `quasi`, variances are scaled by the Pearson dispersion (never below 1) and, with
    `robust` too, widened to the HC3 sandwich where that is wider.

    A fit the arithmetic cannot carry (a factor of 1e-300 beside 1e15: no eigenvalues) comes
    back not converged, with no estimates, as one that does not settle.
    """
    try:
        with np.errstate(all="ignore"):
            return _fit_poisson(x, y, firth=firth, quasi=quasi, robust=robust)
    except (np.linalg.LinAlgError, FloatingPointError, ValueError):
        p = x.shape[1]
        nothing = np.full(p, math.nan)
        return PoissonFit(nothing, np.full((p, p), math.nan), 1.0, False, 0)


def _fit_poisson(
    x: FloatArray, y: FloatArray, *, firth: bool, quasi: bool, robust: bool
) -> PoissonFit:
    n, p = x.shape
    mean_y = max(float(np.mean(y)), 1e-3)
    coef = np.zeros(p)
    coef[0] = math.log(mean_y)
    converged = False
    info_inv: FloatArray = np.eye(p)
    iterations = 0
    for step_number in range(1, _MAX_ITER + 1):
        iterations = step_number
        eta = np.clip(x @ coef, -30.0, 30.0)
        mu = np.exp(eta)
        info = (x * mu[:, None]).T @ x
        info_inv = np.asarray(np.linalg.pinv(info, hermitian=True), dtype=float)
        target = y + (_hat_diagonal(x, mu, info_inv) / 2 if firth else 0.0)
        step = info_inv @ (x.T @ (target - mu))
        # Halve long steps: Newton on a Poisson likelihood can overshoot from a poor start.
        longest = float(np.max(np.abs(step))) if p else 0.0
        if longest > 5.0:
            step *= 5.0 / longest
        coef = coef + step
        if longest < _TOL:
            converged = True
            break
    mu = np.exp(np.clip(x @ coef, -30.0, 30.0))
    info_inv = np.asarray(np.linalg.pinv((x * mu[:, None]).T @ x, hermitian=True), dtype=float)
    scale = 1.0
    cov = info_inv
    if quasi and n > p:
        pearson = float(np.sum((y - mu) ** 2 / np.maximum(mu, 1e-12)))
        scale = max(1.0, pearson / (n - p))
        cov = info_inv * scale
    if quasi and robust and n > p:
        # Whichever is wider per coefficient: the quasi-Poisson variance or the sandwich
        # (HC3: robust to nights whose spread the model misses, even when they are few).
        lever = np.minimum(_hat_diagonal(x, mu, info_inv), 0.9)
        meat = (x * (((y - mu) / (1 - lever)) ** 2)[:, None]).T @ x
        sandwich = info_inv @ meat @ info_inv
        sd = np.sqrt(np.maximum(np.maximum(np.diag(info_inv) * scale, np.diag(sandwich)), 0.0))
        base_sd = np.sqrt(np.maximum(np.diag(info_inv), 1e-300))
        cov = info_inv * np.outer(sd / base_sd, sd / base_sd)
    return PoissonFit(coef, np.asarray(cov, dtype=float), scale, converged, iterations)


def wald_p_value(estimate: float, se: float) -> float:
    """Two-sided Wald p-value; 1.0 when the standard error is not usable."""
    if not (se > 0 and math.isfinite(se) and math.isfinite(estimate)):
        return 1.0
    return math.erfc(abs(estimate) / se / math.sqrt(2))


def z_quantile(prob: float) -> float:
    """The standard normal quantile at `prob` (0 < prob < 1)."""
    return _NORMAL.inv_cdf(prob)
