"""Which test statistic for self-experiments? Candidates compared on the people of
bench/experiments.py (same simulation, same looks, same O'Brien-Fleming spending boundaries).

Every candidate is the within-pair score z of the analysis (conditional logistic, period term)
divided by the square root of an over-dispersion factor phi; they differ only in phi and in the
reference distribution of the boundary (normal, or t with the Pearson factor's Satterthwaite
degrees of freedom):
- `shipped` (what the analysis uses): max(Pearson factor, within-pair permutation factor), t;
  or, when larger, the factor of whole periods (each pair's `on` cramps about the fitted share,
  Pearson, pairs - parameters degrees of freedom), t with those degrees of freedom: it allows
  for weeks that run high or low together;
- `nights_only_t`: the factors from nights alone, t (what the analysis used until 2026-12-06);
- `pearson_t`: the Pearson factor alone, t;
- `within_arm_n`: the permutation factor around each arm's own mean, normal;
- `pooled_t`: the mean of the Pearson and both permutation factors, t;
- `max_within_t`: max(Pearson, permutation around each arm's mean), t;
- `known_phi`: the true factor of the simulated person (1 + mean / gamma shape), normal: a
  ceiling no test that must estimate phi can reach;
- `no_allowance`: phi = 1 (over-confident, like the exact comparator).
The exact comparator is the one of bench/experiments.py.

    python bench/experiment_statistics.py [--null-runs 2000] [--runs 600] [--seed 2000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402  # after the thread settings
from scipy.special import ndtr, stdtrit  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from experiments import NIGHTS, PAIRS, exact_end_test, simulated_run  # noqa: E402

from nightcramp.core.experiments.boundaries import spending_boundaries  # noqa: E402
from nightcramp.core.experiments.schedule import Arm  # noqa: E402

Stats = dict[str, float]
Pair = tuple[np.ndarray, np.ndarray, bool]  # cramps of each logged night on, off; on second
CANDIDATES: dict[str, Callable[[Stats], tuple[float, float]]] = {
    "shipped": lambda s: (
        (s["pair"], s["pair_df"])
        if s["pair"] > max(1.0, s["pearson"], s["perm"])
        else (max(1.0, s["pearson"], s["perm"]), s["df"])
    ),
    "nights_only_t": lambda s: (max(1.0, s["pearson"], s["perm"]), s["df"]),
    "pearson_t": lambda s: (max(1.0, s["pearson"]), s["df"]),
    "within_arm_n": lambda s: (max(1.0, s["perm_within"]), math.inf),
    "pooled_t": lambda s: (max(1.0, (s["pearson"] + s["perm"] + s["perm_within"]) / 3), s["df"]),
    "max_within_t": lambda s: (max(1.0, s["pearson"], s["perm_within"]), s["df"]),
    "known_phi": lambda s: (s["true_phi"], math.inf),
    "no_allowance": lambda s: (1.0, math.inf),
}
# (cramp nights a week, true rate ratio, nightly gamma shape, weekly gamma shape or None)
ROWS: list[tuple[float, float, float, float | None]] = [
    (1.0, 1.0, 1.5, None),
    (2.0, 1.0, 1.5, None),
    (4.0, 1.0, 1.5, None),
    (4.0, 1.0, 0.7, None),
    (2.0, 1.0, 1.5, 4.0),
    (4.0, 1.0, 1.5, 4.0),
    (1.0, 0.5, 1.5, None),
    (2.0, 0.5, 1.5, None),
    (4.0, 0.5, 1.5, None),
    (4.0, 0.5, 1.5, 4.0),
    # About Poisson (gamma shape 1000): the counts the exact comparator assumes, where it keeps
    # its 5 %: how much the allowance for over-dispersion costs when there is none.
    (2.0, 1.0, 1000.0, None),
    (4.0, 1.0, 1000.0, None),
    (2.0, 0.5, 1000.0, None),
    (4.0, 0.5, 1000.0, None),
]


def _expit(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return out


def _fit(y: np.ndarray, n: np.ndarray, off: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Fitted `on` shares of the binomial logistic model (no penalty; capped steps)."""
    beta = np.zeros(x.shape[1])
    for _ in range(40):
        p = _expit(off + x @ beta)
        w = n * p * (1 - p)
        info = x.T @ (x * w[:, None]) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(info, x.T @ (y - n * p))
        size = float(np.max(np.abs(step)))
        beta += step * (2 / size if size > 2 else 1)
        if size < 1e-9:
            break
    return _expit(off + x @ beta)


def look_stats(pairs: list[Pair], true_phi: float) -> Stats | None:
    """The score at no effect, its information and the over-dispersion estimates."""
    used = [p for p in pairs if len(p[0]) and len(p[1]) and p[0].sum() + p[1].sum() > 0]
    if not used:
        return None
    y = np.array([a.sum() for a, _, _ in used], float)
    n = np.array([a.sum() + b.sum() for a, b, _ in used], float)
    off = np.log([len(a) / len(b) for a, b, _ in used])
    d = np.array([1.0 if s else -1.0 for _, _, s in used])
    with_period = len(used) >= 3 and bool((d > 0).any() and (d < 0).any())
    x = np.column_stack([np.ones(len(used)), d]) if with_period else np.ones((len(used), 1))
    p0 = _fit(y, n, off, x[:, 1:]) if with_period else _expit(off)
    w = n * p0 * (1 - p0)
    info = float(w.sum())
    if with_period:
        info -= float(np.dot(w, d)) ** 2 / max(float(np.dot(w, d * d)), 1e-12)
    if info <= 1e-12:
        return None
    p1 = _fit(y, n, off, x)
    squares: list[float] = []
    perm = perm_within = binomial = 0.0
    for (a, b, _), share, total in zip(used, p1, n, strict=True):
        for counts, s, nights in ((a, share, len(a)), (b, 1 - share, len(b))):
            rate = total * s / nights
            squares += list((counts - rate) ** 2 / rate) if rate > 0 else [0.0] * len(counts)
        both = np.concatenate([a, b]).astype(float)
        m = len(both)
        if m >= 2:
            q = len(a) / m
            perm += len(a) * len(b) / (m * (m - 1)) * float(((both - both.mean()) ** 2).sum())
            within = float(((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum())
            perm_within += len(a) * len(b) / (m * (m - 2)) * within if m > 2 else 0.0
            binomial += total * q * (1 - q)
    r2 = np.array(squares)
    dof = len(r2) - len(used) - x.shape[1]
    pearson, df = 1.0, math.inf
    if dof > 0 and float(r2.sum()) / dof > 1:
        pearson = float(r2.sum()) / dof
        spread = float(r2.var()) * len(r2) / dof**2
        df = 2 * pearson**2 / spread if spread > 0 else math.inf
    pair, pair_df = 1.0, math.inf
    if len(used) >= 3 and len(used) > x.shape[1]:
        v = n * p1 * (1 - p1)
        kept = v > 1e-9
        pair_df = float(len(used) - x.shape[1])
        pair = float((((y - n * p1) ** 2)[kept] / v[kept]).sum()) / pair_df
    return {
        "pair": pair,
        "pair_df": pair_df,
        "score": float((y - n * p0).sum()),
        "info": info,
        "pearson": pearson,
        "df": df,
        "perm": perm / binomial if binomial > 0 else 1.0,
        "perm_within": perm_within / binomial if binomial > 0 else 1.0,
        "true_phi": true_phi,
    }


def _critical(z: float, df: float) -> float:
    return z if math.isinf(df) else float(-stdtrit(df, ndtr(-z)))


def one_person(
    rate: float, ratio: float, shape: float, seed: int, weeks: float | None = None
) -> dict[str, object]:
    """Each candidate's first call (+1 helps, -1 makes worse, 0 none) and the exact test's."""
    sim = simulated_run(rate, ratio, seed, shape, weeks)
    logged = {night.date for night in sim.nights}
    counts: dict[dt.date, int] = {}
    for e in sim.episodes:
        counts[e.night] = counts.get(e.night, 0) + 1
    pairs: list[Pair] = []
    for k in range(1, PAIRS + 1):
        nights = [n for n in sim.schedule.nights if n.pair == k and n.date in logged]
        on = np.array([counts.get(n.date, 0) for n in nights if n.arm is Arm.ON])
        off = np.array([counts.get(n.date, 0) for n in nights if n.arm is Arm.OFF])
        first_on = sim.schedule.nights[2 * (k - 1) * NIGHTS].arm is Arm.ON
        pairs.append((on, off, not first_on))
    p = min(rate / 7, 0.95)
    true_phi = (1 - p) ** (-1 / shape)  # 1 + mean / shape: nights only (drift and weeks left aside)
    bounds = spending_boundaries([k / PAIRS for k in range(1, PAIRS + 1)])
    calls: dict[str, object] = dict.fromkeys(CANDIDATES, 0)
    for k in range(1, PAIRS + 1):
        s = look_stats(pairs[:k], true_phi)
        if s is None:
            continue
        for name, rule in CANDIDATES.items():
            phi, df = rule(s)
            z = s["score"] / math.sqrt(phi * s["info"])
            if calls[name] == 0 and abs(z) >= _critical(bounds[k - 1], df):
                calls[name] = 1 if z < 0 else -1
    rows = [(len(a), len(b), int(a.sum()), int(b.sum())) for a, b, _ in pairs]
    p_value, fewer = exact_end_test(rows)
    calls["exact"] = 0 if p_value > 0.05 else (1 if fewer else -1)
    return calls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--null-runs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2_000_000)
    args = parser.parse_args()
    names = [*CANDIDATES, "exact"]
    print(f"Seeds from {args.seed} (person i: seed + i). At RR 1: any call; at RR 0.5: helps.")
    print("| nights/week | clustering (gamma shape) | RR | people | " + " | ".join(names) + " |")
    print("| --- " * (4 + len(names)) + "|")
    for rate, ratio, shape, weeks in ROWS:
        runs = args.null_runs if ratio == 1.0 else args.runs
        results = [one_person(rate, ratio, shape, args.seed + i, weeks) for i in range(runs)]
        cells = []
        for name in names:
            calls = [int(str(r[name])) for r in results]
            share = statistics.mean(c != 0 if ratio == 1.0 else c == 1 for c in calls)
            cells.append(f"{share:.3f}")
        clustering = f"{shape:g}" if weeks is None else f"{shape:g}, weeks {weeks:g}"
        print(f"| {rate:g} | {clustering} | {ratio:g} | {runs} | " + " | ".join(cells) + " |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
