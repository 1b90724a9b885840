"""The rate ratio on vs off, within pairs, with a period term and over-dispersion.

Model: cramps in period j of pair k ~ nights x exp(pair_k + beta*on + gamma*second), with a
quasi-Poisson dispersion phi >= 1 estimated from the nights, or from whole periods when they
vary more than their nights show. Conditioning on each pair's total removes the pair terms
exactly: the cramps of the `on` period are binomial with logit p_k = log(nights_on/nights_off)
+ beta + gamma*d_k (d_k = +1 when `on` came second, -1 when first). beta is fitted with
Firth's penalty (finite when an arm has no cramps), and its standard error is widened by
sqrt(phi).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from nightcramp.core.experiments.stats import normal_cdf, t_cdf, t_quantile

__all__ = ["SHOWN_LIMIT", "PairCounts", "RateEstimate", "estimate_rate_ratio", "range_known"]

_MAX_STEPS = 60
_HALVINGS = 30
SHOWN_LIMIT = 1000.0
"""Intervals are shown within 1/SHOWN_LIMIT to SHOWN_LIMIT; an end there means not known yet."""
_LOG_SHOWN = math.log(SHOWN_LIMIT)


def range_known(low: float, high: float) -> bool:
    """False for an interval that reaches the shown limits: it says only that the ratio is not
    known yet, and a screen says so in words."""
    return low > 1.0 / SHOWN_LIMIT and high < SHOWN_LIMIT


@dataclass(frozen=True, slots=True)
class PairCounts:
    """One pair's logged nights and cramps by arm; `on_second`: the on period came second.
    `night_counts_*` are the cramps of each logged night (for the dispersion)."""

    nights_on: int
    nights_off: int
    cramps_on: int
    cramps_off: int
    on_second: bool
    night_counts_on: tuple[int, ...] = ()
    night_counts_off: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RateEstimate:
    """log rate ratio, its standard error (dispersion included), the dispersion, and the
    degrees of freedom of the dispersion (infinite when it is not over 1)."""

    log_ratio: float
    se: float
    dispersion: float
    df: float = math.inf
    score_z: float | None = None
    """The score statistic at no effect (dispersion included); None: use log_ratio / se."""

    @property
    def z(self) -> float:
        """The test statistic: the score z when there is one (reliable with few cramps)."""
        return self.log_ratio / self.se if self.score_z is None else self.score_z

    @property
    def interval_se(self) -> float:
        """The standard error the interval uses: test-based (|log ratio| / |z|, Miettinen),
        so that the interval excludes 1 exactly when the test crosses; else the Wald one."""
        if self.score_z is None or abs(self.score_z) < 1e-9 or abs(self.log_ratio) < 1e-9:
            return self.se
        return abs(self.log_ratio / self.score_z)

    @property
    def rate_ratio(self) -> float:
        return math.exp(self.log_ratio)

    def critical(self, z: float) -> float:
        """The |z| this estimate must reach where a normal statistic would need `z`: the
        t quantile with the dispersion's degrees of freedom, at the same tail chance."""
        if math.isinf(self.df):
            return z
        return -t_quantile(self.df, normal_cdf(-z))

    def crosses(self, z: float) -> bool:
        """True when the estimate is beyond the boundary `z` (on the normal scale)."""
        return abs(self.z) >= self.critical(z)

    def interval(self, z: float) -> tuple[float, float]:
        """exp(log ratio -/+ critical(z) se): excludes 1 exactly when `crosses(z)`. An end
        beyond 1/1000 or 1000 is shown there (such an interval says only that the ratio is not
        known yet), unless the estimate itself lies beyond: it always holds the estimate."""
        half = self.critical(z) * self.interval_se
        low = max(self.log_ratio - half, min(self.log_ratio, -_LOG_SHOWN))
        high = min(self.log_ratio + half, max(self.log_ratio, _LOG_SHOWN))
        return math.exp(low), math.exp(high)

    @property
    def probability_helps(self) -> float:
        """P(rate ratio < 1) under a flat prior on the log ratio."""
        return t_cdf(self.df, -self.z)


@dataclass(frozen=True, slots=True)
class _Data:
    """The pairs in the conditional model: `on` cramps y of n in the pair, the log ratio of
    logged nights (offset), and the period code d (+1: `on` second; 0 when not modelled)."""

    y: tuple[float, ...]
    n: tuple[float, ...]
    offset: tuple[float, ...]
    d: tuple[float, ...]


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def _shares(data: _Data, beta: float, gamma: float) -> list[float]:
    return [_expit(o + beta + gamma * d) for o, d in zip(data.offset, data.d, strict=True)]


def _information(data: _Data, p: Sequence[float]) -> tuple[float, float, float]:
    """The entries (beta-beta, beta-gamma, gamma-gamma) of the binomial information."""
    w = [n * q * (1.0 - q) for n, q in zip(data.n, p, strict=True)]
    return (
        sum(w),
        sum(wi * d for wi, d in zip(w, data.d, strict=True)),
        sum(wi * d * d for wi, d in zip(w, data.d, strict=True)),
    )


def _inverse(a: float, b: float, c: float, with_period: bool) -> tuple[float, float, float]:
    """The inverse of [[a, b], [b, c]] (or of [[a]] without the period term)."""
    if not with_period:
        return (1.0 / a if a > 0 else math.inf), 0.0, 0.0
    det = a * c - b * b
    if det <= 1e-300:
        return math.inf, 0.0, 0.0
    return c / det, -b / det, a / det


def _penalised_fit(data: _Data, beta: float, gamma: float, with_period: bool) -> float:
    """The Firth-penalised log-likelihood: binomial log-likelihood + log det(information)/2."""
    p = _shares(data, beta, gamma)
    fit = 0.0
    for y, n, q in zip(data.y, data.n, p, strict=True):
        q = min(max(q, 1e-300), 1.0 - 1e-16)
        fit += y * math.log(q) + (n - y) * math.log(1.0 - q)
    a, b, c = _information(data, p)
    det = a * c - b * b if with_period else a
    return fit + 0.5 * math.log(det) if det > 1e-300 else -math.inf


def _firth(data: _Data, with_period: bool) -> tuple[float, float, list[float]]:
    """Firth-penalised fit of (beta, gamma); returns beta, its variance and the fitted shares.

    Newton steps on the penalised score, each halved until the penalised log-likelihood does
    not fall (as logistf does): with few cramps, plain steps can swing between two points
    for ever and stop at an arbitrary one."""
    beta = gamma = 0.0
    current = _penalised_fit(data, beta, gamma, with_period)
    for _ in range(_MAX_STEPS):
        p = _shares(data, beta, gamma)
        a, b, c = _information(data, p)
        ia, ib, ic = _inverse(a, b, c, with_period)
        if math.isinf(ia):
            break
        score_b = score_g = 0.0
        for y, n, q, d in zip(data.y, data.n, p, data.d, strict=True):
            w = n * q * (1.0 - q)
            h = w * (ia + 2.0 * ib * d + ic * d * d)  # the leverage of this pair
            u = y - n * q + h * (0.5 - q)
            score_b += u
            score_g += u * d
        step_b = ia * score_b + ib * score_g
        step_g = ib * score_b + ic * score_g
        size = max(abs(step_b), abs(step_g))
        if size > 2.0:
            step_b, step_g = 2.0 * step_b / size, 2.0 * step_g / size
            size = 2.0
        for _ in range(_HALVINGS):
            trial = _penalised_fit(data, beta + step_b, gamma + step_g, with_period)
            if trial >= current - 1e-12:
                break
            step_b, step_g, size = step_b / 2.0, step_g / 2.0, size / 2.0
        else:
            break  # no step up the penalised likelihood: at its top
        beta, gamma, current = beta + step_b, gamma + step_g, trial
        if size < 1e-9:
            break
    p = _shares(data, beta, gamma)
    return beta, _inverse(*_information(data, p), with_period)[0], p


def _dispersion(
    pairs: Sequence[PairCounts], p: Sequence[float], params: int
) -> tuple[float, float]:
    """Pearson chi-square over nights / its degrees of freedom (at least 1), and the degrees of
    freedom that estimate is worth (Satterthwaite: 2 phi^2 / its variance; infinite at 1)."""
    squares: list[float] = []
    for pair, p_on in zip(pairs, p, strict=True):
        total = pair.cramps_on + pair.cramps_off
        for counts, share, n in (
            (pair.night_counts_on, p_on, pair.nights_on),
            (pair.night_counts_off, 1.0 - p_on, pair.nights_off),
        ):
            rate = total * share / n
            squares += [(c - rate) ** 2 / rate if rate > 0 else 0.0 for c in counts]
    df = len(squares) - len(pairs) - params
    if df <= 0:
        return 1.0, math.inf
    phi = sum(squares) / df
    if phi <= 1.0:
        return 1.0, math.inf
    mean = sum(squares) / len(squares)
    spread = sum((r - mean) ** 2 for r in squares) / df**2
    return phi, (2 * phi**2 / spread if spread > 0 else math.inf)


def estimate_rate_ratio(pairs: Sequence[PairCounts]) -> RateEstimate | None:
    """The within-pair rate ratio on vs off; None when no pair has nights in both arms and a
    cramp in either. The period term is kept when both orders occur among 3 or more pairs."""
    used = [
        p for p in pairs if p.nights_on > 0 and p.nights_off > 0 and p.cramps_on + p.cramps_off > 0
    ]
    if not used:
        return None
    orders = {p.on_second for p in used}
    with_period = len(used) >= 3 and len(orders) == 2
    data = _Data(
        y=tuple(float(p.cramps_on) for p in used),
        n=tuple(float(p.cramps_on + p.cramps_off) for p in used),
        offset=tuple(math.log(p.nights_on / p.nights_off) for p in used),
        d=tuple((1.0 if p.on_second else -1.0) if with_period else 0.0 for p in used),
    )
    beta, variance, p_on = _firth(data, with_period)
    params = 2 if with_period else 1
    phi, df = _dispersion(used, p_on, params)
    test_phi = max(phi, _spread(used))
    weeks, weeks_df = _between_periods(data, p_on, params)
    if weeks > test_phi:  # whole periods vary more than their nights show: that decides
        phi = test_phi = weeks
        df = weeks_df
    return RateEstimate(
        log_ratio=beta,
        se=math.sqrt(phi * variance),
        dispersion=phi,
        df=df,
        score_z=_score_z(data, with_period, test_phi),
    )


def _between_periods(data: _Data, p: Sequence[float], params: int) -> tuple[float, float]:
    """A third over-dispersion estimate, from whole periods: the Pearson chi-square of each
    pair's `on` cramps about the fitted share, over its degrees of freedom (pairs - params).
    Weeks that run high or low together (a busy week, a hot spell) spread the pairs more than
    the nights inside them show; the test must allow for that or it calls effects that are not
    there. (1.0, inf) with fewer than three pairs."""
    dof = len(data.y) - params
    if len(data.y) < 3 or dof < 1:
        return 1.0, math.inf
    chi2 = 0.0
    for y, n, q in zip(data.y, data.n, p, strict=True):
        binomial = n * q * (1.0 - q)
        if binomial > 1e-9:
            chi2 += (y - n * q) ** 2 / binomial
    return chi2 / dof, float(dof)


def _spread(pairs: Sequence[PairCounts]) -> float:
    """A second over-dispersion estimate for the test: the within-pair permutation variance of
    the `on` cramps over its binomial value (robust when a few nights hold many cramps)."""
    permuted = binomial = 0.0
    for p in pairs:
        counts = p.night_counts_on + p.night_counts_off
        total, nights = sum(counts), len(counts)
        if nights < 2 or total <= 0:
            continue
        share = p.nights_on / nights
        mean = total / nights
        permuted += (
            p.nights_on
            * p.nights_off
            / (nights * (nights - 1))
            * sum((c - mean) ** 2 for c in counts)
        )
        binomial += total * share * (1 - share)
    return permuted / binomial if binomial > 0 else 1.0


def _score_z(data: _Data, with_period: bool, phi: float) -> float | None:
    """The efficient score statistic for the arm at no effect, the period term fitted."""
    gamma = 0.0
    if with_period:
        for _ in range(_MAX_STEPS):
            p = _shares(data, 0.0, gamma)
            _, b, c = _information(data, p)
            residual = sum(
                d * (y - n * q) for y, n, q, d in zip(data.y, data.n, p, data.d, strict=True)
            )
            step = residual / max(c, 1e-12)
            gamma += max(-2.0, min(2.0, step))
            if abs(step) < 1e-10:
                break
    p = _shares(data, 0.0, gamma)
    a, b, c = _information(data, p)
    info = a - (b * b / max(c, 1e-12) if with_period else 0.0)
    if info <= 1e-12:
        return None
    return sum(y - n * q for y, n, q in zip(data.y, data.n, p, strict=True)) / math.sqrt(phi * info)
