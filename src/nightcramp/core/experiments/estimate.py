"""The rate ratio on vs off, within pairs, with a period term and over-dispersion.

Model: cramps in period j of pair k ~ nights x exp(pair_k + beta*on + gamma*second), with a
quasi-Poisson dispersion phi >= 1 estimated from the nights. Conditioning on each pair's total
removes the pair terms exactly: the cramps of the `on` period are binomial with
logit p_k = log(nights_on/nights_off) + beta + gamma*d_k (d_k = +1 when `on` came second, -1
when first). beta is fitted with Firth's penalty (finite when an arm has no cramps), and its
standard error is widened by sqrt(phi).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, stdtr, stdtrit  # far faster to load than scipy.stats

__all__ = ["PairCounts", "RateEstimate", "estimate_rate_ratio"]

_MAX_STEPS = 60


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
        return float(np.exp(self.log_ratio))

    def critical(self, z: float) -> float:
        """The |z| this estimate must reach where a normal statistic would need `z`: the
        t quantile with the dispersion's degrees of freedom, at the same tail chance."""
        if math.isinf(self.df):
            return z
        return float(-stdtrit(self.df, ndtr(-z)))

    def crosses(self, z: float) -> bool:
        """True when the estimate is beyond the boundary `z` (on the normal scale)."""
        return abs(self.z) >= self.critical(z)

    def interval(self, z: float) -> tuple[float, float]:
        """exp(log ratio -/+ critical(z) se): excludes 1 exactly when `crosses(z)`."""
        half = self.critical(z) * self.interval_se
        return float(np.exp(self.log_ratio - half)), float(np.exp(self.log_ratio + half))

    @property
    def probability_helps(self) -> float:
        """P(rate ratio < 1) under a flat prior on the log ratio."""
        if math.isinf(self.df):
            return float(ndtr(-self.z))
        return float(stdtr(self.df, -self.z))


def _firth(
    y: np.ndarray, n: np.ndarray, x: np.ndarray, offset: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Firth-penalised binomial logistic fit; returns (coefficients, inverse information)."""
    beta = np.zeros(x.shape[1])
    for _ in range(_MAX_STEPS):
        p = 1.0 / (1.0 + np.exp(-(offset + x @ beta)))
        w = n * p * (1.0 - p)
        info = x.T @ (x * w[:, None])
        cov = np.linalg.pinv(info)
        h = w * np.einsum("ij,jk,ik->i", x, cov, x)
        score = x.T @ (y - n * p + h * (0.5 - p))
        step = cov @ score
        step_size = float(np.max(np.abs(step)))
        if step_size > 2.0:
            step *= 2.0 / step_size
        beta = beta + step
        if step_size < 1e-9:
            break
    p = 1.0 / (1.0 + np.exp(-(offset + x @ beta)))
    w = n * p * (1.0 - p)
    return beta, np.linalg.pinv(x.T @ (x * w[:, None]))


def _dispersion(pairs: Sequence[PairCounts], p: np.ndarray, params: int) -> tuple[float, float]:
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
    r2 = np.array(squares)
    phi = float(r2.sum()) / df
    if phi <= 1.0:
        return 1.0, math.inf
    spread = float(r2.var()) * len(r2) / df**2
    return phi, (2 * phi**2 / spread if spread > 0 else math.inf)


def estimate_rate_ratio(pairs: Sequence[PairCounts]) -> RateEstimate | None:
    """The within-pair rate ratio on vs off; None when no pair has nights in both arms and a
    cramp in either. The period term is kept when both orders occur among 3 or more pairs."""
    used = [
        p for p in pairs if p.nights_on > 0 and p.nights_off > 0 and p.cramps_on + p.cramps_off > 0
    ]
    if not used:
        return None
    y = np.array([p.cramps_on for p in used], dtype=float)
    n = np.array([p.cramps_on + p.cramps_off for p in used], dtype=float)
    offset = np.log([p.nights_on / p.nights_off for p in used])
    d = np.array([1.0 if p.on_second else -1.0 for p in used])
    with_period = len(used) >= 3 and bool(np.any(d > 0)) and bool(np.any(d < 0))
    x = np.column_stack([np.ones(len(used)), d]) if with_period else np.ones((len(used), 1))
    beta, cov = _firth(y, n, x, offset)
    p_on = 1.0 / (1.0 + np.exp(-(offset + x @ beta)))
    phi, df = _dispersion(used, p_on, x.shape[1])
    return RateEstimate(
        log_ratio=float(beta[0]),
        se=float(np.sqrt(phi * cov[0, 0])),
        dispersion=phi,
        df=df,
        score_z=_score_z(y, n, offset, d if with_period else None, max(phi, _spread(used))),
    )


def _spread(pairs: Sequence[PairCounts]) -> float:
    """A second over-dispersion estimate for the test: the within-pair permutation variance of
    the `on` cramps over its binomial value (robust when a few nights hold many cramps)."""
    permuted = binomial = 0.0
    for p in pairs:
        counts = np.array(p.night_counts_on + p.night_counts_off, dtype=float)
        total, nights = float(counts.sum()), len(counts)
        if nights < 2 or total <= 0:
            continue
        share = p.nights_on / nights
        permuted += (
            p.nights_on
            * p.nights_off
            / (nights * (nights - 1))
            * float(((counts - counts.mean()) ** 2).sum())
        )
        binomial += total * share * (1 - share)
    return permuted / binomial if binomial > 0 else 1.0


def _score_z(
    y: np.ndarray, n: np.ndarray, offset: np.ndarray, d: np.ndarray | None, phi: float
) -> float | None:
    """The efficient score statistic for the arm at no effect, the period term fitted."""
    gamma = 0.0
    if d is not None:
        for _ in range(_MAX_STEPS):
            p = 1.0 / (1.0 + np.exp(-(offset + gamma * d)))
            w = n * p * (1.0 - p)
            step = float(np.dot(d, y - n * p) / max(float(np.dot(w, d * d)), 1e-12))
            gamma += max(-2.0, min(2.0, step))
            if abs(step) < 1e-10:
                break
    p = 1.0 / (1.0 + np.exp(-(offset + (0.0 if d is None else gamma * d))))
    w = n * p * (1.0 - p)
    info = float(w.sum())
    if d is not None:
        info -= float(np.dot(w, d)) ** 2 / max(float(np.dot(w, d * d)), 1e-12)
    if info <= 1e-12:
        return None
    return float((y - n * p).sum()) / math.sqrt(phi * info)
