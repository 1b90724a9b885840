"""Time from starting `nightcramp now` to its first instruction on stdout, vs `python -c pass`.

Target (issue #2): at most twice a bare interpreter start. Runs are interleaved, hyperfine-style,
after warm-up runs; the result is written to bench/results/now_startup-<date>.md.

    python bench/now_startup.py [--runs 40] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

FIRST_INSTRUCTION = b"Step 1 of"
RESULTS = Path(__file__).resolve().parent / "results"


def time_to_first_instruction(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `command` until the line with step 1 has arrived on its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    seen = b""
    while FIRST_INSTRUCTION not in seen:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{command} ended before its first instruction")
        seen += line
    elapsed = time.perf_counter() - start
    proc.stdout.read()
    proc.wait()
    return elapsed


def time_to_exit(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
    )
    return time.perf_counter() - start


def summary(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    return {
        "median": statistics.median(ms),
        "mean": statistics.fmean(ms),
        "sd": statistics.stdev(ms) if len(ms) > 1 else 0.0,
        "min": ms[0],
        "p90": ms[int(0.9 * (len(ms) - 1))],
    }


def measure(runs: int, env: dict[str, str], nightcramp: str) -> tuple[dict[str, float], ...]:
    bare = [sys.executable, "-c", "pass"]
    echo = [sys.executable, "-c", f"print({FIRST_INSTRUCTION.decode()!r}, flush=True)"]
    now = [nightcramp, "now"]
    for _ in range(3):  # warm-up: file cache, bytecode, the relief content cache
        time_to_exit(bare, env)
        time_to_first_instruction(echo, env)
        time_to_first_instruction(now, env)
    base: list[float] = []
    printed: list[float] = []
    first: list[float] = []
    for _ in range(runs):
        base.append(time_to_exit(bare, env))
        printed.append(time_to_first_instruction(echo, env))
        first.append(time_to_first_instruction(now, env))
    return summary(base), summary(printed), summary(first)


def _row(name: str, s: dict[str, float]) -> str:
    return (
        f"| {name} | {s['median']:.1f} | {s['mean']:.1f} ± {s['sd']:.1f} | "
        f"{s['min']:.1f} | {s['p90']:.1f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    nightcramp = shutil.which("nightcramp", path=str(Path(sys.executable).parent)) or "nightcramp"
    with_pyc = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    without_pyc = {**with_pyc, "PYTHONDONTWRITEBYTECODE": "1"}
    lines = [
        f"# `nightcramp now`: time to the first instruction ({dt.date.today().isoformat()})",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- Load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
        f"- {options.runs} interleaved runs of each after 3 warm-up runs; times in milliseconds.",
        "- `nightcramp now` is timed until the line `Step 1 of …` arrives on a pipe;",
        "  `python -c pass` is timed to its exit, and a bare `print` to its first line.",
        "",
    ]
    for title, env in (
        ("Bytecode cached (as installed with compiled bytecode)", with_pyc),
        ("PYTHONDONTWRITEBYTECODE=1 (editable checkout, nothing cached)", without_pyc),
    ):
        base, printed, first = measure(options.runs, env, nightcramp)
        ratio = first["median"] / base["median"]
        like = first["median"] / printed["median"]
        verdict = "meets" if ratio <= 1 else "misses"
        lines += [
            f"## {title}",
            "",
            "| command | median | mean ± sd | min | p90 |",
            "| --- | --- | --- | --- | --- |",
            _row("`python -c pass` (to exit)", base),
            _row("`python -c print(…)` → first line", printed),
            _row("`nightcramp now` → step 1", first),
            "",
            f"Ratio of medians to `python -c pass`: **{ratio:.2f}×** ({verdict} the ≤ 1× target);",
            f"to a bare interpreter printing one line: {like:.2f}×.",
            "",
        ]
    report = "\n".join(lines)
    print(report)
    if not options.no_write:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"now_startup-{dt.date.today().isoformat()}.md"
        out.write_text(report, encoding="utf-8")
        print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
