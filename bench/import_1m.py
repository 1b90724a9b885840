"""Time and peak memory of `nightcramp import` on 1,000,000-row diary files (SQLite by default).

Runs each case in a fresh data directory, in a child process, and reports wall time and the
child's peak resident memory. Cases: 1M valid episodes, 1M valid nights, and a 1M-row episodes
file with one bad row near the end (must be rejected, naming that row, storing nothing).

    python bench/import_1m.py [--rows 1000000] [--out bench/results/import-YYYY-MM-DD.md]
                              [--quiet-below 0.5]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MUSCLES = ("calf", "foot", "thigh_back", "calf", "calf")
SIDES = ("left", "right", "both", "")
RELIEF = ("stretch", "massage;stretch", "walk", "", "heat")


def write_episodes(path: Path, rows: int, bad_row: int | None = None) -> None:
    """Write an episodes CSV; `bad_row` (spreadsheet numbering) gets severity 11."""
    # 1M cramps 47 minutes apart from 1930 end in 2019: all in the past, none before 1900.
    start = dt.datetime(1930, 1, 1, 22, 0)
    step = dt.timedelta(minutes=47)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "started_at,muscle,side,duration_min,severity,relief,relief_worked,"
            "woke_from_sleep,notes\n"
        )
        for i in range(rows):
            at = (start + i * step).isoformat()
            severity = 11 if bad_row is not None and i + 2 == bad_row else i % 11
            out.write(
                f"{at},{MUSCLES[i % 5]},{SIDES[i % 4]},{1 + i % 7}.5,{severity},"
                f"{RELIEF[i % 5]},,{'yes' if i % 3 else 'no'},note {i % 97}\n"
            )


def write_nights(path: Path, rows: int) -> None:
    """Write a nights CSV with every standard column and one custom column.

    Nights are unique dates from 1900 to yesterday (the diary's rules), so at most about 46,000.
    """
    first = dt.date(1900, 1, 1).toordinal()
    rows = min(rows, dt.date.today().toordinal() - 1 - first)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "date,water_glasses,alcohol_drinks,caffeine_drinks,exercise_minutes,"
            "new_or_harder_exercise,standing_hours,sitting_hours,heavy_sweating,bedtime_stretch,"
            "magnesium_mg,potassium_servings,tight_bedding,feet_pointed,warm_bath,cold_room,"
            "pickle_juice\n"
        )
        for i in range(rows):
            day = dt.date.fromordinal(first + i).isoformat()
            b = "yes" if i % 2 else "no"
            out.write(
                f"{day},{i % 9},{i % 4},{i % 5},{i % 90},{b},{i % 12}.5,{i % 10},{b},{b},"
                f"{(i % 4) * 100},{i % 6},{b},{b},{b},{b},{i % 3}\n"
            )


def measure(command: list[str]) -> int:
    """Run `command`; print its peak RSS in KiB on stderr's last line; return its exit code."""
    done = subprocess.run(command, check=False)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"PEAK_KIB={usage.ru_maxrss} CPU_S={usage.ru_utime + usage.ru_stime:.2f}", file=sys.stderr
    )
    return done.returncode


@contextlib.contextmanager
def fresh_database(url: str | None) -> Iterator[str | None]:
    """For a PostgreSQL URL, yield the URL of a new throw-away database, dropped afterwards."""
    if not url or not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    name = f"nightcramp_bench_{os.getpid()}_{time.monotonic_ns()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_import(path: Path, keep_db_url: bool) -> tuple[float, float, float, int, str]:
    """Run `nightcramp import` in a fresh home (and a fresh PostgreSQL database, if used).

    Return wall seconds, CPU seconds, peak MiB, exit code and the output.
    """
    url = os.environ.get("NIGHTCRAMP_DATABASE_URL") if keep_db_url else None
    with fresh_database(url) as fresh_url:
        return _run_import(path, fresh_url)


def _run_import(path: Path, url: str | None) -> tuple[float, float, float, int, str]:
    home = tempfile.mkdtemp(prefix="nightcramp-bench-")
    env = {**os.environ, "NIGHTCRAMP_HOME": home}
    env.pop("NIGHTCRAMP_DATABASE_URL", None)
    if url:
        env["NIGHTCRAMP_DATABASE_URL"] = url
    # Migrate first, so the timing is the import alone.
    subprocess.run(
        [sys.executable, "-m", "nightcramp", "export", "--format", "json"],
        env=env,
        check=True,
        capture_output=True,
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--measure", "-m", "nightcramp", "import", str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    peak_text, cpu_text = lines[-1].split()
    peak = int(peak_text.removeprefix("PEAK_KIB=")) / 1024
    cpu = float(cpu_text.removeprefix("CPU_S="))
    output = "\n".join(lines[:-1]) or done.stdout
    return seconds, cpu, peak, done.returncode, output.strip()


def wait_for_quiet(below: float | None, at_most: float) -> float:
    """Wait (up to `at_most` seconds) for the 1-minute load average to fall below `below`;
    return the load average when the case starts."""
    deadline = time.monotonic() + at_most
    while below is not None and os.getloadavg()[0] >= below and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def main() -> int:
    if sys.argv[1:2] == ["--measure"]:
        return measure([sys.executable, *sys.argv[2:]])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--keep-db-url",
        action="store_true",
        help="use the PostgreSQL server of NIGHTCRAMP_DATABASE_URL (a fresh database per case)",
    )
    parser.add_argument(
        "--quiet-below",
        type=float,
        default=None,
        metavar="LOAD",
        help="before each case, wait until the 1-minute load average is below LOAD",
    )
    parser.add_argument(
        "--wait-at-most",
        type=float,
        default=1800,
        metavar="SECONDS",
        help="with --quiet-below, run anyway after this long (the load is recorded either way)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nightcramp-bench-files-"))
    bad_row = args.rows - 8
    cases = []
    for name, writer in (
        ("valid episodes", lambda p: write_episodes(p, args.rows)),
        ("every valid night since 1900", lambda p: write_nights(p, args.rows)),
        ("episodes, bad row near the end", lambda p: write_episodes(p, args.rows, bad_row)),
    ):
        path = work / f"{name.replace(' ', '_').replace(',', '')}.csv"
        writer(path)
        size = path.stat().st_size / 1024 / 1024
        load = wait_for_quiet(args.quiet_below, args.wait_at_most)
        seconds, cpu, peak, code, tail = run_import(path, args.keep_db_url)
        cases.append((name, size, seconds, cpu, load, peak, code, tail.splitlines()[:3]))
        print(
            f"{name}: {seconds:.1f} s wall, {cpu:.1f} s CPU, peak {peak:.0f} MiB, exit {code}",
            file=sys.stderr,
        )
        path.unlink()
    lines = [
        f"# Import benchmark, {dt.date.today().isoformat()}",
        "",
        f"- machine: {platform.node()} ({os.cpu_count()} CPUs), {platform.platform()}",
        f"- Python {platform.python_version()}; database: "
        + (
            "PostgreSQL (a fresh database per case)"
            if args.keep_db_url
            else "embedded SQLite (WAL)"
        ),
        f"- rows per file: {args.rows:,}; bad row (for the rejected case): row {bad_row:,}",
        "- command: `nightcramp import FILE --json` in a fresh, already migrated data directory",
        "- peak memory: the child's maximum resident set size (ru_maxrss)",
        "- CPU: user + system seconds of the import process; load: 1-minute load average at start",
        "",
        "| case | file MiB | wall s | CPU s | load | peak RSS MiB | exit | first lines of output |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, size, seconds, cpu, load, peak, code, tail in cases:
        shown = " / ".join(t.strip().replace("|", "\\|") for t in tail)
        lines.append(
            f"| {name} | {size:.0f} | {seconds:.1f} | {cpu:.1f} | {load:.1f} | {peak:.0f} "
            f"| {code} | {shown} |"
        )
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
