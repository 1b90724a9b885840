"""The stopping rule: two-sided group-sequential boundaries from the Lan–DeMets spending
function of O'Brien–Fleming type, alpha(t) = 2 - 2 Phi(z_{1-alpha/2} / sqrt(t)).

Looks happen at the end of each pair, at information fraction t_k = k / K (K planned pairs);
the boundary c_k of look k is set so that, for a change with no effect, the chance of crossing
at look k and not before is alpha(t_k) - alpha(t_{k-1}) (Armitage–McPherson–Rowe recursion on
the Brownian-motion scale). Over all looks the chance of a false call is at most alpha.

Schedules have looks at k/K for K of 1 to 8 pairs: those boundaries are kept below, so that an
analysis needs neither numpy nor the recursion (a test recomputes them); other looks are
computed on demand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from nightcramp.core.experiments.stats import normal_cdf, normal_quantile

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ALPHA", "obf_spending", "spending_boundaries"]

ALPHA = 0.05
"""The chance, over all looks, of calling a change with no effect `helps` or `makes_worse`."""

_GRID = 401
_NEVER = 40.0  # a z no data reach: the boundary when a look spends nothing


def obf_spending(t: float, alpha: float = ALPHA) -> float:
    """The alpha spent by information fraction `t` (0 < t <= 1)."""
    if t <= 0:
        return 0.0
    z = -normal_quantile(alpha / 2)
    return 2 * normal_cdf(-z / math.sqrt(min(t, 1.0)))


def _ndtr(x: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    out: np.ndarray = ndtr(x)
    return out


def _pdf(x: np.ndarray) -> np.ndarray:
    import numpy as np

    density: np.ndarray = np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)
    return density


def _root(f: Callable[[float], float], low: float, high: float) -> float:
    """The root of decreasing `f` between `low` (f > 0) and `high` (f < 0), by bisection."""
    for _ in range(60):
        mid = (low + high) / 2
        if f(mid) > 0:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def _simpson(n: int) -> np.ndarray:
    import numpy as np

    w = np.ones(n)
    w[1:-1:2], w[2:-1:2] = 4.0, 2.0
    return w / 3.0


def _crossing(b: float, grid: np.ndarray, dens: np.ndarray, sd: float) -> float:
    """The chance of moving from the continuation region beyond +-b in one step of sd."""
    cross = _ndtr((-b - grid) / sd) + _ndtr((grid - b) / sd)
    return float(dens @ cross)


@cache
def _boundaries(fractions: tuple[float, ...], alpha: float) -> tuple[float, ...]:
    import numpy as np

    out: list[float] = []
    grid: np.ndarray | None = None  # B(t) values of the continuation region
    dens: np.ndarray | None = None  # their density (times Simpson weights)
    t_prev, spent = 0.0, 0.0
    for t in fractions:
        target = obf_spending(t, alpha) - spent
        delta = t - t_prev
        if target <= 1e-12 or delta <= 0:
            out.append(_NEVER)
            continue
        if grid is None or dens is None:
            c = -normal_quantile(target / 2)
        else:
            g, d, sd = grid, dens, np.sqrt(delta)

            def excess(b: float, g: np.ndarray = g, d: np.ndarray = d, sd: float = sd) -> float:
                return _crossing(b, g, d, sd) - target  # noqa: B023  # used before the loop moves on

            hi = 12.0 * np.sqrt(t)
            b = _root(excess, 1e-9, hi) if excess(1e-9) > 0 > excess(hi) else hi
            c = b / np.sqrt(t)
        b_new = c * np.sqrt(t)
        new_grid = np.linspace(-b_new, b_new, _GRID)
        if grid is None or dens is None:
            f = _pdf(new_grid / np.sqrt(t)) / np.sqrt(t)
        else:
            sd = np.sqrt(delta)
            f = _pdf((new_grid[:, None] - grid[None, :]) / sd) @ dens / sd
        step = new_grid[1] - new_grid[0]
        grid, dens = new_grid, f * _simpson(_GRID) * step
        out.append(float(c))
        spent += target
        t_prev = t
    return tuple(out)


def spending_boundaries(fractions: Sequence[float], alpha: float = ALPHA) -> tuple[float, ...]:
    """The |z| each look must reach, for looks at increasing information `fractions` (the last
    is 1 for the end of the schedule). Cached per set of fractions."""
    key = tuple(round(float(t), 12) for t in fractions)
    if alpha == ALPHA and key == _equal_looks(len(key)) and len(key) in EQUAL_LOOKS:
        return EQUAL_LOOKS[len(key)]
    return _boundaries(key, alpha)


def _equal_looks(looks: int) -> tuple[float, ...]:
    return tuple(round(k / looks, 12) for k in range(1, looks + 1))


EQUAL_LOOKS: dict[int, tuple[float, ...]] = {
    1: (1.9599639845,),
    2: (
        2.7718076487,
        1.9793113427,
    ),
    3: (
        3.3947572022,
        2.4067326125,
        2.0152467215,
    ),
    4: (
        3.9199279691,
        2.7739525451,
        2.2982425009,
        2.0426384855,
    ),
    5: (
        4.3826127029,
        3.0997274774,
        2.5533549728,
        2.2538478987,
        2.0635011040,
    ),
    6: (
        4.8009116764,
        3.3950251886,
        2.7872873928,
        2.4489195426,
        2.2319551362,
        2.0799106641,
    ),
    7: (
        5.1855772817,
        3.6668533123,
        3.0044363669,
        2.6309839642,
        2.3898675436,
        2.2200057206,
        2.0932078875,
    ),
    8: (
        5.5436152974,
        3.9199629446,
        3.2078580866,
        2.8022870692,
        2.5389492794,
        2.3526705777,
        2.2131187881,
        2.1042506674,
    ),
}
"""The boundaries at alpha = ALPHA for K equally spaced looks, K = 1 to 8 (a test checks them
against the recursion)."""
