"""False alarms of `analyze` on diaries of pure noise, Poisson or clustered.

Each diary: every night logged from 1 Jan 2024; six factors unrelated to cramps, either three
yes/no factors (true on 30% of nights) and three amounts (gamma 2, 1.5) ("mix"), or six normal
amounts ("normal"); cramps a night negative binomial with shape 0.7 (most nights none, a few
nights several: "clustered") or Poisson. The promise (docs/user-guide/analysis.md): at most
7.5% of such diaries get any factor called. Prints and (with --out) writes, per case, the share
of diaries with a call and its 95% Wilson interval, the share of p-values below 0.0125 and 0.05
against the nominal level, and the mean analysis time.

    python bench/analysis_noise.py [--diaries 1500] [--seed-base 20000] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402  # after the thread settings

from nightcramp.core.diary import Episode, Night  # noqa: E402
from nightcramp.core.insights.analyze import analyze  # noqa: E402

START = dt.date(2024, 1, 1)
CALLED = ("likely_trigger", "likely_protective")
# name: (nights, cramps a week, negative binomial shape or inf for Poisson, factors)
CASES = {
    "clustered, 200 nights, 3 a week, mix": (200, 3.0, 0.7, "mix"),
    "clustered, 365 nights, 4 a week, mix": (365, 4.0, 0.7, "mix"),
    "clustered, 200 nights, 3 a week, normal": (200, 3.0, 0.7, "normal"),
    "clustered, 365 nights, 4 a week, normal": (365, 4.0, 0.7, "normal"),
    "Poisson, 200 nights, 3 a week, mix": (200, 3.0, math.inf, "mix"),
    "Poisson, 365 nights, 4 a week, normal": (365, 4.0, math.inf, "normal"),
}


def noise_diary(
    seed: int, nights: int, per_week: float, shape: float, factors: str
) -> tuple[list[Night], list[Episode]]:
    rng = np.random.default_rng(seed)
    mean = per_week / 7
    if math.isinf(shape):
        counts = rng.poisson(mean, nights)
    else:
        counts = rng.negative_binomial(shape, shape / (shape + mean), nights)
    values: dict[str, np.ndarray] = {}
    if factors == "mix":
        for k in range(3):
            values[f"noise_yes_no_{k}"] = rng.random(nights) < 0.3
        for k in range(3):
            values[f"noise_amount_{k}"] = np.round(rng.gamma(2.0, 1.5, nights), 1)
    else:
        for k in range(6):
            values[f"noise_amount_{k}"] = np.round(rng.normal(0.0, 1.0, nights), 2)
    diary, cramps = [], []
    for i in range(nights):
        day = START + dt.timedelta(days=i)
        row = {k: (bool(v[i]) if v.dtype == bool else float(v[i])) for k, v in values.items()}
        diary.append(Night(day, row))
        at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(2, 0))
        cramps.extend(Episode(started_at=at) for _ in range(int(counts[i])))
    return diary, cramps


def one(args: tuple[int, int, float, float, str]) -> tuple[int, list[float], float]:
    seed, nights, per_week, shape, factors = args
    diary, cramps = noise_diary(seed, nights, per_week, shape, factors)
    started = time.perf_counter()
    result = analyze(diary, cramps)
    took = time.perf_counter() - started
    called = sum(1 for f in result.factors if f.verdict in CALLED)
    return called, [f.p_value for f in result.factors if f.p_value is not None], took


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return centre - half, centre + half


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--diaries", type=int, default=1500)
    parser.add_argument("--seed-base", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        for name, (nights, per_week, shape, factors) in CASES.items():
            jobs = [
                (args.seed_base + i, nights, per_week, shape, factors) for i in range(args.diaries)
            ]
            found = list(pool.map(one, jobs, chunksize=10))
            called = sum(1 for r in found if r[0] > 0)
            ps = np.array([p for r in found for p in r[1]])
            low, high = wilson(called, args.diaries)
            strict = float(np.mean(ps < 0.0125)) / 0.0125
            loose = float(np.mean(ps < 0.05)) / 0.05
            ms = 1000 * float(np.mean([r[2] for r in found]))
            row = (
                f"| {name} | {args.diaries} | {called / args.diaries:.3f} | {low:.3f}-{high:.3f} "
                f"| {strict:.2f} | {loose:.2f} | {ms:.0f} |"
            )
            rows.append(row)
            print(row, flush=True)
    took = time.perf_counter() - started
    head = [
        f"# analyze on pure noise, Poisson or clustered ({dt.date.today().isoformat()})",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs; Python {sys.version.split()[0]};"
        f" numpy {np.__version__}.",
        f"- `python bench/analysis_noise.py --diaries {args.diaries} --seed-base {args.seed_base}`"
        f" ({took:.0f} s). Seeds {args.seed_base} to {args.seed_base + args.diaries - 1} in every"
        " case.",
        "- Promise: at most 7.5% of diaries of pure noise get any factor called.",
        "",
        "| case | diaries | share with a call | 95% interval | p < 0.0125 vs nominal "
        "| p < 0.05 vs nominal | ms per diary |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    text = "\n".join([*head, *rows]) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
