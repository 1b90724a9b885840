"""Simulation study of `nightcramp analyze`: sensitivity and false discoveries, by diary length.

One run scores three analysers on the same simulated people:
- `true_model`: knows the simulator's form (season wave, doses levelling off at the 95th
  percentile, previous-day exercise), a joint quasi-Poisson fit of every factor term,
  Benjamini-Hochberg at q 0.10;
- `good_practice`: a joint Poisson fit of cramps per night on the raw values (missing cells
  filled with the mean) plus previous-day exercise terms, Benjamini-Hochberg at q 0.10;
- `ours`: `nightcramp.core.insights.analyze.analyze` as shipped.
Writes a Markdown report.

    python bench/simulate_analysis.py [--people 100] [--seed-base 50000] [--out FILE]

Seeds: the analyser's settings were chosen on `--seed-base 10000` (the tuning set); the
recorded table uses `--seed-base 50000` (the report set), never looked at while tuning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# One core per worker: a multi-threaded BLAS only fights itself on these small matrices.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402  # after the thread settings
from scipy import stats as sps  # noqa: E402

from nightcramp.core.insights.analyze import analyze  # noqa: E402
from nightcramp.core.insights.fdr import bh_adjust  # noqa: E402
from nightcramp.core.insights.nights import NightTable, build_table  # noqa: E402
from nightcramp.core.insights.simulate import (  # noqa: E402
    RELIEF_SUCCESS,
    SimulatedDiary,
    TrueEffect,
    simulate_diary,
)
from nightcramp.core.insights.stats import fit_poisson, wald_p_value  # noqa: E402

LENGTHS = (60, 90, 180, 365, 730)
METHODS = ("true_model", "good_practice", "ours")
Q = 0.10
# Candidate real effects: (factor, unit, lag_days). Rate ratios are drawn per person.
CANDIDATES = [
    ("alcohol_drinks", 2.0, 0),
    ("bedtime_stretch", 1.0, 0),
    ("standing_hours", 4.0, 0),
    ("heavy_sweating", 1.0, 0),
    ("exercise_minutes", 25.0, 1),
    ("feet_pointed", 1.0, 0),
    ("custom_1", 3.0, 0),
    ("tight_bedding", 1.0, 0),
]


@dataclass
class Outcome:
    nights: int
    true_effects: int
    hits: dict[str, int]
    calls: dict[str, int]
    false_calls: dict[str, int]


def person(seed: int) -> tuple[tuple[TrueEffect, ...], float, dt.date]:
    """The truth, base rate and first night of the person with this seed."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 4))
    picks = rng.choice(len(CANDIDATES), size=k, replace=False)
    truth = []
    for i in picks:
        name, unit, lag = CANDIDATES[int(i)]
        rr = float(rng.uniform(1.5, 3.0))
        if name == "bedtime_stretch" or rng.random() < 0.25:
            rr = 1 / rr
        truth.append(TrueEffect(name, rr, unit=unit, lag_days=lag))
    start = dt.date(2024, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
    return tuple(truth), float(rng.uniform(0.12, 0.4)), start


def _filled(values: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    seen = ~np.isnan(values)
    if seen.sum() < 10 or np.ptp(values[seen]) == 0:
        return np.zeros(0)
    return np.where(seen, values, float(np.mean(values[seen])))


def _joint_bh(
    table: NightTable, base: list[np.ndarray], terms: dict[str, np.ndarray]
) -> dict[str, int]:  # type: ignore[type-arg]
    """Joint quasi-Poisson fit of `terms` on top of `base`; BH at q over the terms."""
    keys = [k for k, x in terms.items() if x.size and np.std(x) > 0]
    cols = [*base, *(terms[k] for k in keys)]
    x = np.column_stack(cols)
    if table.n < x.shape[1] + 10 or table.cramp_nights < 1:
        return {}
    # Standardise for a well-conditioned Newton fit (tests are scale-free).
    sd = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
    sd[0] = 1.0
    fit = fit_poisson(x / sd, table.counts.astype(float), firth=False, robust=False)
    first = len(base)
    p = [wald_p_value(float(fit.coef[first + i]), fit.se(first + i)) for i in range(len(keys))]
    return {
        k: (1 if fit.coef[first + i] > 0 else -1)
        for i, (k, adj) in enumerate(zip(keys, bh_adjust(p), strict=True))
        if adj <= Q
    }


def true_model(sim: SimulatedDiary, table: NightTable) -> dict[str, int]:
    """The analyser that knows the simulator's form."""
    doy = np.array([d.timetuple().tm_yday for d in table.dates], dtype=float)
    angle = 2 * math.pi * doy / 365.25
    terms = {}
    for col in table.columns:
        x = _filled(col.values)
        if x.size and col.kind != "bool":
            # The simulator's doses level off at their 95th percentile.
            full = sim.all_values.get(col.name)
            cap = float(np.percentile(full, 95)) if full is not None else np.inf
            x = np.minimum(x, cap)
        terms[col.key] = x
    return _joint_bh(table, [np.ones(table.n), np.sin(angle), np.cos(angle)], terms)


def good_practice(table: NightTable) -> dict[str, int]:
    """Joint Poisson on raw values with previous-day exercise terms, no time terms."""
    return _joint_bh(table, [np.ones(table.n)], {c.key: _filled(c.values) for c in table.columns})


def _ours(sim: SimulatedDiary) -> dict[str, int]:
    result = analyze(sim.nights, sim.episodes)
    return {
        f.factor + (f"@lag{f.lag_days}" if f.lag_days else ""): 1
        if f.verdict == "likely_trigger"
        else -1
        for f in result.factors
        if f.verdict in ("likely_trigger", "likely_protective")
    }


def _score(calls: dict[str, int], truth: tuple[TrueEffect, ...]) -> tuple[int, int, int]:
    signs = {t.key: (1 if t.rate_ratio > 1 else -1) for t in truth}
    hits = sum(1 for k, s in calls.items() if signs.get(k) == s)
    false = sum(1 for k, s in calls.items() if signs.get(k) != s)
    return hits, len(calls), false


def run_person(args: tuple[int, int]) -> Outcome:
    seed, nights = args
    truth, base, start = person(seed)
    sim = simulate_diary(
        seed, nights, truth=truth, base_rate=base, n_custom=4, dispersion=0.3, start=start
    )
    table = build_table(sim.nights, sim.episodes)
    methods = {
        "true_model": true_model(sim, table),
        "good_practice": good_practice(table),
        "ours": _ours(sim),
    }
    out = Outcome(nights, len(truth), {}, {}, {})
    for name, calls in methods.items():
        out.hits[name], out.calls[name], out.false_calls[name] = _score(calls, truth)
    return out


def relief_person(seed: int) -> tuple[float, bool]:
    sim = simulate_diary(seed, 365, base_rate=0.4)
    ranked = [r.relief for r in analyze(sim.nights, sim.episodes).relief]
    truth = sorted(RELIEF_SUCCESS, key=lambda r: -RELIEF_SUCCESS[r])
    tau = sps.kendalltau([truth.index(r) for r in ranked], range(len(ranked))).statistic
    return float(tau), ranked == truth[: len(ranked)]


def _row(label: str, name: str, outs: Sequence[Outcome]) -> tuple[str, float]:
    total = sum(o.true_effects for o in outs)
    sens = sum(o.hits[name] for o in outs) / max(1, total)
    fdp = float(np.mean([o.false_calls[name] / max(1, o.calls[name]) for o in outs]))
    anyf = float(np.mean([o.false_calls[name] > 0 for o in outs]))
    return f"| {label} | {name} | {sens:.2f} | {fdp:.3f} | {anyf:.2f} |", sens


def table_lines(outs: Sequence[Outcome]) -> list[str]:
    """The Markdown table: each length, then all lengths, with ours ÷ true model."""
    lines = [
        "| nights | method | sensitivity | mean FDP | people with a false call |",
        "| --- | --- | --- | --- | --- |",
    ]
    ratios = []
    groups = [(str(n), [o for o in outs if o.nights == n]) for n in LENGTHS]
    for label, group in [*groups, ("all", list(outs))]:
        sens = {}
        for name in METHODS:
            line, sens[name] = _row(label, name, group)
            lines.append(line)
        ratios.append(f"- {label} nights: {sens['ours'] / max(1e-9, sens['true_model']):.3f}")
    return [*lines, "", "Sensitivity of ours ÷ that of the true-model analyser:", "", *ratios]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100, help="people per diary length")
    parser.add_argument("--seed-base", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--out", default=f"bench/results/analysis-{dt.date.today()}.md")
    args = parser.parse_args(argv)
    jobs = [(args.seed_base + i, n) for n in LENGTHS for i in range(args.people)]
    with ProcessPoolExecutor(args.workers) as pool:
        outs = list(pool.map(run_person, jobs, chunksize=8))
        print("panels done", file=sys.stderr)
        taus = list(pool.map(relief_person, range(args.seed_base, args.seed_base + args.people)))
    lines = [
        f"# analyze: simulation study ({dt.date.today()})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; numpy {np.__version__}. People per diary length: "
        f"{args.people}; seeds {args.seed_base} to {args.seed_base + args.people - 1} (the same "
        "people at every length).",
        "",
        "## Sensitivity and false discoveries",
        "",
        "Each person: 1-3 real effects (rate ratio 1.5-3 per contrast, some protective, one on "
        "the previous day's exercise), 15 standard + 4 custom factors that travel together, "
        "weekends, a summer peak, a random first night in the year, 5% missing cells, 10% "
        "unlogged nights, over-dispersed counts.",
        "",
        *table_lines(outs),
        "",
        "## Relief ranking (1 year, true success 0.8/0.7/0.6/0.45/0.3)",
        "",
        f"- mean Kendall tau with the true order: {np.mean([t for t, _ in taus]):.2f}",
        f"- people whose ranking is exactly the true order: {np.mean([e for _, e in taus]):.2f}",
    ]
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
