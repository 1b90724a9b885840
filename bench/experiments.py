"""Simulation study of self-experiments: false calls, wrong direction, power, time to a verdict,
and the run time of `nightcramp experiment analyze` on a 16-week schedule.

Simulated people have 1, 2 or 4 cramp nights a week, over-dispersed nightly counts (gamma shape
1.5), a slow yearly drift (log-rate amplitude 0.3, random phase), 80-100 % adherence and 5-15 %
unlogged nights; true rate ratios 1.0, 0.7, 0.5 and 1.8. The design is the behaviour default:
8 pairs of 7-night periods (16 weeks), a look after each pair.

Comparators at the end of the schedule use the counts the analysis uses at its last look (logged
nights, no washout, nights in their scheduled arm: intention to treat):
- an exact test at the end: the stratified conditional test on within-pair counts (given each
  pair's total, the `on` count is binomial with the share of logged `on` nights), two-sided 5 %;
  it assumes Poisson counts, so with over-dispersed counts it calls more than 5 % at no effect;
- the randomisation test of the design: all 2^8 = 256 orders the pairs could have fallen in,
  statistic the sum over pairs of cramps per logged night `on` minus `off` (a pair missing an
  arm adds 0), two-sided p = share of orders with |statistic| >= the observed one, 5 %
  (the smallest p is 2/256; exact at no effect whatever the over-dispersion or drift);
- the exact test size-adjusted: for each cramp rate and gamma shape, the p threshold at which it
  calls exactly 5 % of the people at no effect (the 5 % quantile of their p-values; ties at the
  threshold count in the share that makes 5 %), and its power with that threshold;
- a classic group-sequential O'Brien-Fleming design (boundaries C*sqrt(K/k), K = 8) applied to
  the same z statistic at the same looks.

A stress row repeats 4 cramp nights a week with heavier clustering (gamma shape 0.7); three
more add weeks that run high or low together (every night of a period shares one gamma
multiplier, shape 4: a coefficient of variation of 0.5 from week to week), which the nightly
over-dispersion the analysis estimates does not see. Rows at
no effect get `--null-runs` people (2000: enough to tell 5 % from 6 %), rows at rate ratio 0.7
`--wrong-way-runs` (3000: a tight bound on wrong-way calls with few cramps), the others
`--runs`; seeds start at `--seed` (person i of a row uses seed + i). The false-call column
carries a one-sided 95 % upper confidence bound (Clopper-Pearson).

    python bench/experiments.py [--runs 1000] [--null-runs 2000] [--wrong-way-runs 3000]
                                [--seed 1000000] [--out bench/results/experiments-DATE.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402  # after the thread settings
from scipy import stats  # noqa: E402

from nightcramp.core.experiments.analysis import Verdict, analyze_experiment  # noqa: E402
from nightcramp.core.experiments.schedule import Arm, design_schedule, schedule_csv  # noqa: E402
from nightcramp.core.experiments.simulate import (  # noqa: E402
    Person,
    SimulatedExperiment,
    simulate_experiment,
)
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv  # noqa: E402

PAIRS, NIGHTS = 8, 7
RATES = (1.0, 2.0, 4.0)
RATIOS = (1.0, 0.7, 0.5, 1.8)
SHAPE, STRESS_SHAPE, WEEKS_SHAPE = 1.5, 0.7, 4.0
# (cramp nights a week, true rate ratio, nightly gamma shape, weekly gamma shape or None)
ROWS: list[tuple[float, float, float, float | None]] = [
    (rate, ratio, SHAPE, None) for rate in RATES for ratio in RATIOS
] + [
    (4.0, 1.0, STRESS_SHAPE, None),
    (4.0, 0.5, STRESS_SHAPE, None),
    (2.0, 1.0, SHAPE, WEEKS_SHAPE),
    (4.0, 1.0, SHAPE, WEEKS_SHAPE),
    (4.0, 0.5, SHAPE, WEEKS_SHAPE),
]
ALPHA = 0.05
SIGNS = np.array(list(itertools.product((1, -1), repeat=PAIRS)), dtype=np.int64)
"""Every order the pairs could have fallen in: +1 as scheduled, -1 with `on` and `off` swapped."""
Row = tuple[int, int, int, int]


def classic_obf_constant(looks: int, alpha: float = 0.05, paths: int = 400_000) -> float:
    """C with P(|Z_k| >= C sqrt(K/k) for some k) = alpha under no effect (by simulation)."""
    rng = np.random.default_rng(0)
    steps = rng.normal(scale=np.sqrt(1 / looks), size=(paths, looks)).cumsum(axis=1)
    t = np.arange(1, looks + 1) / looks
    worst = (np.abs(steps / np.sqrt(t)) / np.sqrt(1 / t)).max(axis=1)  # |Z_k| / sqrt(K/k)
    return float(np.quantile(worst, 1 - alpha))


def exact_end_test(on: Sequence[Row]) -> tuple[float, bool]:
    """Two-sided p of the stratified conditional exact test, and whether `on` had fewer cramps
    than expected. Rows: (nights_on, nights_off, cramps_on, cramps_off)."""
    dist = np.array([1.0])
    observed = expected = 0.0
    for n_on, n_off, y_on, y_off in on:
        total = y_on + y_off
        if not n_on or not n_off or not total:
            continue
        q = n_on / (n_on + n_off)
        dist = np.convolve(dist, stats.binom.pmf(np.arange(total + 1), total, q))
        observed += y_on
        expected += total * q
    s = int(observed)
    low, high = dist[: s + 1].sum(), dist[s:].sum()
    return min(1.0, 2 * min(low, high)), observed < expected


def randomisation_test(on: Sequence[Row]) -> tuple[float, bool]:
    """Two-sided p of the randomisation test of the design, and whether `on` had fewer cramps per
    night. Statistic: the sum over pairs of cramps per logged night `on` minus `off` (0 for a pair
    with no logged night in an arm); reference: all 2^pairs orders the pairs could have fallen in.
    Rows: (nights_on, nights_off, cramps_on, cramps_off)."""
    scale = math.lcm(*range(1, NIGHTS + 1))  # whole numbers: ties are exact
    diff = np.array(
        [y_on * scale // n_on - y_off * scale // n_off if n_on and n_off else 0
         for n_on, n_off, y_on, y_off in on],
        dtype=np.int64,
    )  # fmt: skip
    if len(diff) != SIGNS.shape[1]:
        raise ValueError(f"expected {SIGNS.shape[1]} pairs, got {len(diff)}")
    observed = int(diff.sum())
    p = float(np.mean(np.abs(SIGNS @ diff) >= abs(observed)))
    return p, observed < 0


def size_adjustment(null_p: Sequence[float], alpha: float = ALPHA) -> tuple[float, float]:
    """The p threshold c and the share g of p-values equal to c to count as calls so that exactly
    `alpha` of `null_p` are called (c is their `alpha` quantile)."""
    p = np.sort(np.asarray(null_p, dtype=float))
    target = alpha * len(p)
    c = float(p[max(math.ceil(target), 1) - 1])
    below, at = _below_at(p, c)
    return c, float((target - below.sum()) / at.sum())


def _below_at(p: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    at = np.isclose(p, c, rtol=1e-9, atol=0.0)
    return (p < c) & ~at, at


def adjusted_power(p: Sequence[float], fewer: Sequence[bool], c: float, g: float) -> float:
    """Share of people the size-adjusted test calls `helps` (ties at c count g each)."""
    below, at = _below_at(np.asarray(p, dtype=float), c)
    right = np.asarray(fewer, dtype=bool)
    return float(((below & right).sum() + g * (at & right).sum()) / len(right))


def pair_rows(sim: SimulatedExperiment) -> list[Row]:
    """(nights_on, nights_off, cramps_on, cramps_off) of each pair: logged nights in their
    scheduled arm, no washout, as the analysis counts them."""
    logged = {n.date for n in sim.nights}
    counts: dict[dt.date, int] = {}
    for e in sim.episodes:
        counts[e.night] = counts.get(e.night, 0) + 1
    logged |= set(counts)
    rows = []
    for pair in range(1, PAIRS + 1):
        cells = {Arm.ON: [0, 0], Arm.OFF: [0, 0]}
        for n in sim.schedule.nights:
            if n.pair == pair and n.date in logged:
                cells[n.arm][0] += 1
                cells[n.arm][1] += counts.get(n.date, 0)
        rows.append((cells[Arm.ON][0], cells[Arm.OFF][0], cells[Arm.ON][1], cells[Arm.OFF][1]))
    return rows


def simulated_run(
    rate: float, ratio: float, seed: int, shape: float = SHAPE, weeks: float | None = None
) -> SimulatedExperiment:
    """Person `seed` of a row: adherence 80-100 % and 5-15 % unlogged nights drawn from the
    seed, on the default design (the same people for every comparison)."""
    rng = np.random.default_rng(seed + 7)
    person = Person(
        rate,
        ratio,
        rng.uniform(0.8, 1.0),
        rng.uniform(0.05, 0.15),
        shape=shape,
        period_shape=weeks,
    )
    schedule = design_schedule(dt.date(2027, 1, 4), NIGHTS, PAIRS, seed)
    return simulate_experiment(schedule, person, seed)


def one_run(
    rate: float,
    ratio: float,
    seed: int,
    c_obf: float,
    shape: float = SHAPE,
    weeks: float | None = None,
) -> dict[str, object]:
    sim = simulated_run(rate, ratio, seed, shape, weeks)
    result = analyze_experiment(sim.schedule, sim.nights, sim.episodes)
    ours_nights = None
    first = next((lk for lk in result.looks if lk.final), None)
    if first is not None and first.verdict is Verdict.HELPS:
        ours_nights = 2 * NIGHTS * first.pair
    obf_verdict, obf_nights = None, None
    for look in result.looks:
        est = look.itt.estimate
        if est is None:
            continue
        if est.crosses(c_obf * np.sqrt(PAIRS / look.pair)):
            obf_verdict = "helps" if est.z < 0 else "makes_worse"
            obf_nights = 2 * NIGHTS * look.pair if obf_verdict == "helps" else None
            break
    rows = pair_rows(sim)
    last = result.looks[-1].itt
    totals = tuple(sum(column) for column in zip(*rows, strict=True))
    if totals != (last.nights_on, last.nights_off, last.cramps_on, last.cramps_off):
        raise RuntimeError(f"seed {seed}: end-of-schedule counts differ from the analysis'")
    p, fewer = exact_end_test(rows)
    p_rand, fewer_rand = randomisation_test(rows)
    return {
        "verdict": result.verdict.value,
        "ours_nights": ours_nights,
        "obf_verdict": obf_verdict,
        "obf_nights": obf_nights,
        "exact_helps": p <= ALPHA and fewer,
        "exact_call": p <= ALPHA,
        "exact_p": p,
        "exact_fewer": fewer,
        "rand_helps": p_rand <= ALPHA and fewer_rand,
        "rand_call": p_rand <= ALPHA,
    }


def timing(runs: int = 7) -> tuple[float, float, float]:
    """Median seconds of `experiment analyze --json` (whole command: wall, then CPU) and of the
    analysis alone."""
    schedule = design_schedule(dt.date(2027, 1, 4), NIGHTS, PAIRS, 1)
    sim = simulate_experiment(schedule, Person(4, 0.7, 0.9, 0.1), 1)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "s.csv").write_text(schedule_csv(sim.schedule), encoding="utf-8")
        write_nights_csv(list(sim.nights), d / "n.csv")
        write_episodes_csv(list(sim.episodes), d / "e.csv")
        cmd = [sys.executable, "-m", "nightcramp", "experiment", "analyze", "--schedule",
               str(d / "s.csv"), "--nights", str(d / "n.csv"), "--episodes", str(d / "e.csv"),
               "--json"]  # fmt: skip
        env = dict(os.environ, NIGHTCRAMP_HOME=tmp)
        whole, cpu = [], []
        for _ in range(runs):
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            whole.append(time.perf_counter() - start)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    inner = []
    for _ in range(runs):
        start = time.perf_counter()
        analyze_experiment(sim.schedule, sim.nights, sim.episodes)
        inner.append(time.perf_counter() - start)
    return statistics.median(whole), statistics.median(cpu), statistics.median(inner)


def upper_bound(hits: int, n: int) -> float:
    """One-sided 95 % Clopper-Pearson upper bound of a rate seen `hits` times in `n`."""
    return 1.0 if hits >= n else float(stats.beta.ppf(0.95, hits + 1, n - hits))


HEADER = (
    "| cramp nights/week | clustering (gamma shape) | true RR | people | helps | makes_worse |"
    " false or wrong-way call (95 % upper bound) | power: ours | exact test at end:"
    " power, or false calls at RR 1 | ratio | randomisation test at end: power (false calls"
    " at RR 1) | ratio | size-adjusted exact test: power (false calls 5 % by construction) |"
    " ratio | median nights to helps: ours | same: classic OBF |"
)


def _share(rows: Sequence[dict[str, object]], key: str) -> float:
    return sum(bool(r[key]) for r in rows) / len(rows)


def _ratio(power: float, other: float, ratio: float) -> str:
    return f"{power / other:.2f}" if ratio < 1 and other else "-"


def table_row(
    rate: float,
    ratio: float,
    shape: str,
    rows: Sequence[dict[str, object]],
    adjustment: tuple[float, float],
) -> str:
    """One line of the table; `adjustment`: the size-adjusted threshold and tie share."""
    runs = len(rows)
    n_helps = sum(r["verdict"] == "helps" for r in rows)
    n_worse = sum(r["verdict"] == "makes_worse" for r in rows)
    n_wrong = n_helps + n_worse if ratio == 1.0 else (n_worse if ratio < 1 else n_helps)
    helps, worse, wrong = n_helps / runs, n_worse / runs, n_wrong / runs
    power = helps if ratio < 1 else (worse if ratio > 1 else float("nan"))
    nan = float("nan")
    exact = _share(rows, "exact_helps" if ratio < 1 else "exact_call") if ratio <= 1 else nan
    rand = _share(rows, "rand_helps" if ratio < 1 else "rand_call") if ratio <= 1 else nan
    c, g = adjustment
    if ratio < 1:
        p = [float(str(r["exact_p"])) for r in rows]
        fewer = [bool(r["exact_fewer"]) for r in rows]
        adjusted = adjusted_power(p, fewer, c, g)
        adjusted_text = f"{adjusted:.3f}"
    else:
        adjusted = nan
        adjusted_text = f"{ALPHA:.3f} (p <= {c:.4f})" if ratio == 1 else "nan"
    ours = [int(str(r["ours_nights"])) for r in rows if r["ours_nights"] is not None]
    obf = [int(str(r["obf_nights"])) for r in rows if r["obf_nights"] is not None]
    return (
        f"| {rate:g} | {shape} | {ratio:g} | {runs} | {helps:.3f} | {worse:.3f} | "
        f"{wrong:.3f} ({upper_bound(n_wrong, runs):.3f}) | "
        f"{power:.3f} | {exact:.3f} | {_ratio(power, exact, ratio)} | "
        f"{rand:.3f} | {_ratio(power, rand, ratio)} | "
        f"{adjusted_text} | {_ratio(power, adjusted, ratio)} | "
        f"{statistics.median(ours) if ours else '-'} | "
        f"{statistics.median(obf) if obf else '-'} |"
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--null-runs", type=int, default=2000)
    parser.add_argument("--wrong-way-runs", type=int, default=3000, help="people at RR 0.7")
    parser.add_argument("--seed", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path)
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    c_obf = classic_obf_constant(PAIRS)
    load_before = os.getloadavg()
    most = max(args.runs, args.null_runs, args.wrong_way_runs)
    lines = [
        f"# Self-experiments: simulation study ({dt.date.today().isoformat()})",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        f"- Python {platform.python_version()}; {args.null_runs} simulated people per row at no"
        f" effect, {args.wrong_way_runs} at RR 0.7, {args.runs} per other row; seeds"
        f" {args.seed} to {args.seed + most - 1} (person i of each row: seed + i)",
        f"- Design: {PAIRS} pairs of {NIGHTS}-night periods (16 weeks), a look after each pair;",
        f"  gamma shape {SHAPE} (over-dispersion; {STRESS_SHAPE} in the stress rows; `weeks"
        f" {WEEKS_SHAPE:g}`: a multiplier shared by each period's nights, gamma shape"
        f" {WEEKS_SHAPE:g}), yearly drift 0.3, adherence 80-100 %,",
        f"  5-15 % unlogged nights. Classic O'Brien-Fleming constant for 8 looks: C = {c_obf:.3f}.",
        "",
        HEADER,
        "| --- " * HEADER.count(" | ") + "| --- |",
    ]
    adjustments: dict[tuple[float, str], tuple[float, float, float]] = {}
    started = time.perf_counter()
    for rate, ratio, shape, weeks in ROWS:
        runs = {1.0: args.null_runs, 0.7: args.wrong_way_runs}.get(ratio, args.runs)
        rows = [one_run(rate, ratio, args.seed + i, c_obf, shape, weeks) for i in range(runs)]
        clustering = f"{shape:g}" if weeks is None else f"{shape:g}, weeks {weeks:g}"
        if ratio == 1.0:
            null_p = [float(str(r["exact_p"])) for r in rows]
            c, g = size_adjustment(null_p)
            adjustments[rate, clustering] = (c, g, _share(rows, "exact_call"))
        c, g, _ = adjustments[rate, clustering]
        lines.append(table_row(rate, ratio, clustering, rows, (c, g)))
        print(lines[-1], file=sys.stderr, flush=True)
    simulated = time.perf_counter() - started
    whole, cpu, inner = timing()
    load_after = os.getloadavg()
    lines += [
        "",
        f"Full schedule: {2 * PAIRS * NIGHTS} nights. Simulation took {simulated:.0f} s; load"
        f" average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end"
        f" ({os.cpu_count()} CPUs, shared).",
        "",
        f"`nightcramp experiment analyze --json` on a 16-week schedule: median {whole:.2f} s wall"
        f" and {cpu:.2f} s CPU for the whole command (interpreter start included, 7 runs);"
        f" {1000 * inner:.0f} ms for the analysis.",
        "",
        *_comparator_notes(adjustments),
    ]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


def _comparator_notes(
    adjustments: dict[tuple[float, str], tuple[float, float, float]],
) -> list[str]:
    notes = [
        "End-of-schedule comparators, on the counts the analysis uses at its last look (logged",
        "nights in their scheduled arm, no washout). Randomisation test: all 256 orders the 8",
        "pairs could have fallen in; statistic the sum over pairs of cramps per logged night `on`",
        "minus `off`; two-sided p <= 0.05 (the smallest p is 2/256). Size-adjusted exact test:",
        "the exact test called at the p threshold that gives exactly 5 % calls among the people",
        "at RR 1 of the same cramp rate and gamma shape (people whose p equals the threshold",
        "count in the share that makes 5 %). Each ratio is our power over that comparator's.",
        "",
        "| cramp nights/week | clustering (gamma shape) | exact test's false calls at p <= 0.05 |"
        " size-adjusted threshold | share of ties at it counted |",
        "| --- | --- | --- | --- | --- |",
    ]
    for (rate, shape), (c, g, raw) in adjustments.items():
        notes.append(f"| {rate:g} | {shape} | {raw:.3f} | p <= {c:.4f} | {g:.2f} |")
    return notes


if __name__ == "__main__":
    main()
