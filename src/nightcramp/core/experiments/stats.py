"""The normal and Student t distributions the analysis needs, in pure Python.

`nightcramp experiment analyze` must answer in well under a second, and importing
scipy costs a quarter of that; these few functions are all it used.
"""

from __future__ import annotations

import math
from statistics import NormalDist

__all__ = ["normal_cdf", "normal_quantile", "t_cdf", "t_quantile"]

_NORMAL = NormalDist()
_EPS = 1e-15
_TINY = 1e-300


def normal_cdf(z: float) -> float:
    """P(Z <= z) for a standard normal Z, accurate far into the tails."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def normal_quantile(p: float) -> float:
    """The z with P(Z <= z) = p, for 0 < p < 1."""
    return _NORMAL.inv_cdf(p)


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularised incomplete beta function (modified Lentz)."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) < _EPS:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b), 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(df: float, t: float) -> float:
    """P(T <= t) for Student's t with `df` > 0 degrees of freedom (infinite: the normal)."""
    if math.isinf(df):
        return normal_cdf(t)
    tail = 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return tail if t < 0 else 1.0 - tail


def _t_density(df: float, t: float) -> float:
    log_norm = math.lgamma((df + 1.0) / 2.0) - math.lgamma(df / 2.0) - 0.5 * math.log(df * math.pi)
    return math.exp(log_norm - (df + 1.0) / 2.0 * math.log1p(t * t / df))


def t_quantile(df: float, p: float) -> float:
    """The t with P(T <= t) = p, for 0 < p < 1 and `df` > 0 (infinite: the normal)."""
    if math.isinf(df):
        return normal_quantile(p)
    if p > 0.5:
        return -t_quantile(df, 1.0 - p)
    low, high = normal_quantile(p) - 1.0, 0.0
    while t_cdf(df, low) > p:
        low *= 2.0
    t = normal_quantile(p)
    t = t if low < t < high else (low + high) / 2.0
    for _ in range(200):  # Newton's steps, kept inside the bracket by bisection
        gap = t_cdf(df, t) - p
        if gap > 0:
            high = t
        else:
            low = t
        step = gap / max(_t_density(df, t), _TINY)
        nxt = t - step
        if not low < nxt < high:
            nxt = (low + high) / 2.0
        if abs(nxt - t) <= 1e-12 * max(1.0, abs(t)):
            return nxt
        t = nxt
    return t
