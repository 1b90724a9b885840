"""Rate models for cramps per night: Poisson with Firth's small penalty and Wald tests, and
the negative binomial (NB2) with quasi-score tests.

Firth's penalty keeps estimates finite when a level had no cramps (no absurd rate ratios) and
Wald tests on the penalised fit hold their error rate with few cramp nights. Over-dispersion is
allowed for with a quasi-Poisson scale (never below 1) or, when wider, a sandwich variance.

Clustered cramps (most nights none, a few nights many) have a variance that grows with the
square of the rate, which a quasi-Poisson scale misplaces and which makes Wald tests of a log
rate too liberal. `nb_score_test` tests with the NB2 variance mu (1 + alpha mu), alpha by
maximum likelihood, scores taken under the null (no Wald curvature), a Pearson scale (never
below 1) for what the NB2 form misses, and a t reference on n - p degrees of freedom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
from scipy import optimize, special
from scipy import stats as sps

__all__ = [
    "NegBinFit",
    "PoissonFit",
    "fit_negbin",
    "fit_poisson",
    "nb_score_test",
    "wald_p_value",
    "z_quantile",
]

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


# The NB2 over-dispersion alpha is searched between these (the low end is Poisson).
_MIN_ALPHA = 1e-8
_MAX_ALPHA = 1e3


@dataclass(frozen=True)
class NegBinFit:
    """NB2 coefficients, their model covariance, the over-dispersion alpha (variance
    mu + alpha mu^2) and the log-likelihood (without its log y! term)."""

    coef: FloatArray
    cov: FloatArray
    alpha: float
    loglik: float
    converged: bool

    def se(self, j: int) -> float:
        return math.sqrt(max(float(self.cov[j, j]), 0.0))


def _nb_loglik(y: FloatArray, mu: FloatArray, alpha: float) -> float:
    mu = np.maximum(mu, 1e-300)
    if alpha <= _MIN_ALPHA:
        return float(np.sum(y * np.log(mu) - mu))
    k = 1.0 / alpha
    return float(
        np.sum(
            special.gammaln(y + k)
            - special.gammaln(k)
            + k * np.log(k / (k + mu))
            + y * np.log(mu / (k + mu))
        )
    )


def _ml_alpha(y: FloatArray, mu: FloatArray) -> float:
    """The alpha of greatest likelihood for the rates `mu` (the Poisson end when that is best)."""

    def neg(log_alpha: float) -> float:
        return -_nb_loglik(y, mu, math.exp(log_alpha))

    low, high = math.log(_MIN_ALPHA), math.log(_MAX_ALPHA)
    best = optimize.minimize_scalar(neg, bounds=(low, high), method="bounded")
    return _MIN_ALPHA if neg(low) <= best.fun else math.exp(float(best.x))


def fit_negbin(
    x: FloatArray,
    y: FloatArray,
    *,
    start: FloatArray | None = None,
    alpha: float | None = None,
    fixed_alpha: bool = False,
) -> NegBinFit:
    """Fit the NB2 model log E[y] = x @ coef, Var y = mu + alpha mu^2, by maximum likelihood:
    Fisher scoring for coef, alternating with a line search for alpha (held at `alpha` when
    `fixed_alpha`). `x` must include the intercept column. A fit that does not settle, or that
    the arithmetic cannot carry, comes back not converged."""
    try:
        with np.errstate(all="ignore"):
            return _fit_negbin(x, y, start, alpha, fixed_alpha)
    except (np.linalg.LinAlgError, FloatingPointError, ValueError):
        p = x.shape[1]
        return NegBinFit(np.full(p, math.nan), np.full((p, p), math.nan), 1.0, math.nan, False)


def _fit_negbin(
    x: FloatArray, y: FloatArray, start: FloatArray | None, alpha: float | None, fixed: bool
) -> NegBinFit:
    n, p = x.shape
    coef = np.zeros(p)
    if start is None:
        coef[0] = math.log(max(float(np.mean(y)), 1e-3))
    else:
        coef = np.array(start, dtype=float)
    mu = np.exp(np.clip(x @ coef, -30.0, 30.0))
    if alpha is None:  # the moment estimate to start from
        pearson = float(np.sum((y - mu) ** 2 / np.maximum(mu, 1e-12))) / max(1, n - p)
        alpha = max(_MIN_ALPHA, (pearson - 1) / max(float(np.mean(mu)), 1e-3))
    converged = False
    for _ in range(40):
        longest = math.inf
        for _ in range(_MAX_ITER):
            mu = np.exp(np.clip(x @ coef, -30.0, 30.0))
            info = (x * (mu / (1 + alpha * mu))[:, None]).T @ x
            step = np.linalg.solve(info, x.T @ ((y - mu) / (1 + alpha * mu)))
            longest = float(np.max(np.abs(step)))
            if longest > 5.0:
                step *= 5.0 / longest
            coef = coef + step
            if longest < _TOL:
                break
        mu = np.exp(np.clip(x @ coef, -30.0, 30.0))
        if fixed:
            converged = longest < 1e-6
            break
        new_alpha = _ml_alpha(y, mu)
        change = abs(math.log(new_alpha) - math.log(alpha))
        alpha = new_alpha
        if change < 1e-5 and longest < 1e-6:
            converged = True
            break
    mu = np.exp(np.clip(x @ coef, -30.0, 30.0))
    info = (x * (mu / (1 + alpha * mu))[:, None]).T @ x
    cov = np.asarray(np.linalg.pinv(info, hermitian=True), dtype=float)
    converged = converged and bool(np.all(np.isfinite(coef)))
    return NegBinFit(coef, cov, alpha, _nb_loglik(y, mu, alpha), converged)


def nb_score_test(
    x: FloatArray, y: FloatArray, j: int, alpha: float, start: FloatArray | None = None
) -> tuple[float, float]:
    """Signed quasi-score statistic for coef `j` = 0 in the NB2 model with `alpha` held, and its
    two-sided p-value: (statistic, p).

    The model without column `j` is fitted; the score of column `j` there (taken free of the
    other columns) is compared with its variance under the NB2 form, times that model's
    Pearson scale (never below 1), on a t reference with n - p degrees of freedom. Nothing is
    evaluated at the estimate being tested, so a few heavy nights cannot shrink its own
    standard error as they do a Wald test's.
    """
    n, p = x.shape
    keep = [i for i in range(p) if i != j]
    x0 = x[:, keep]
    null = fit_negbin(x0, y, start=None if start is None else start[keep], alpha=alpha,
                      fixed_alpha=True)  # fmt: skip
    if not null.converged:
        return 0.0, 1.0
    with np.errstate(all="ignore"):
        mu = np.exp(np.clip(x0 @ null.coef, -30.0, 30.0))
        var = np.maximum(mu * (1 + alpha * mu), 1e-12)
        w = mu**2 / var
        xj = x[:, j]
        info0 = np.linalg.pinv((x0 * w[:, None]).T @ x0, hermitian=True)
        free = xj - x0 @ (info0 @ (x0.T @ (w * xj)))
        a = free * np.sqrt(w)
        resid = (y - mu) / np.sqrt(var)
        info = float(a @ a)
        scale = max(1.0, float(resid @ resid) / max(1, n - p + 1))
        score = float(a @ resid)
        if not (info > 0 and math.isfinite(info) and math.isfinite(score)):
            return 0.0, 1.0
        t = score / math.sqrt(scale * info)
    return t, float(2 * sps.t.sf(abs(t), max(1, n - p)))


def wald_p_value(estimate: float, se: float) -> float:
    """Two-sided Wald p-value; 1.0 when the standard error is not usable."""
    if not (se > 0 and math.isfinite(se) and math.isfinite(estimate)):
        return 1.0
    return math.erfc(abs(estimate) / se / math.sqrt(2))


def z_quantile(prob: float) -> float:
    """The standard normal quantile at `prob` (0 < prob < 1)."""
    return _NORMAL.inv_cdf(prob)
