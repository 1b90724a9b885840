"""How long the doctor report PDF (`/report/report.pdf`) takes for a 10-year diary.

Fills a fresh data directory (SQLite, or a throw-away PostgreSQL database with --postgres URL)
with ten years of nights and cramps through `nightcramp import`, then asks the web app for the
PDF in this process (Django's test client, local mode) and prints the median and worst time of
several runs, for the default period and for the whole ten years (`?since=`).

    python bench/report_pdf.py [--years 10] [--runs 5] [--postgres postgresql://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

MUSCLES = ("calf", "foot", "thigh_back", "calf", "calf")
RELIEF = ("stretch", "massage;stretch", "walk", "", "heat")


def write_diary(folder: Path, years: int) -> tuple[Path, Path, dt.date]:
    """A night for every day of `years` years to yesterday, and a cramp on about 3 nights in 7."""
    yesterday = dt.date.today() - dt.timedelta(days=1)
    first = yesterday - dt.timedelta(days=365 * years + years // 4)
    nights, episodes = folder / "nights.csv", folder / "episodes.csv"
    with nights.open("w", encoding="utf-8") as out:
        out.write(
            "date,water_glasses,alcohol_drinks,caffeine_drinks,exercise_minutes,bedtime_stretch\n"
        )
        for i in range((yesterday - first).days + 1):
            day = first + dt.timedelta(days=i)
            out.write(f"{day},{i % 9},{i % 4},{i % 5},{i % 90},{'yes' if i % 2 else 'no'}\n")
    with episodes.open("w", encoding="utf-8") as out:
        out.write("started_at,muscle,side,duration_min,severity,relief,woke_from_sleep\n")
        for i in range((yesterday - first).days + 1):
            if i % 7 not in (1, 3, 4):
                continue
            at = dt.datetime.combine(first + dt.timedelta(days=i), dt.time(2, i % 60))
            out.write(
                f"{at.isoformat()},{MUSCLES[i % 5]},left,{1 + i % 7},{i % 11},{RELIEF[i % 5]},yes\n"
            )
    return nights, episodes, first


def time_pdf(runs: int, since: dt.date) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each run, by period. CPU time is this process's alone: on a busy
    machine it is the better guide to what the same request takes on a quiet one."""
    import django

    django.setup()
    from django.test import Client

    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1")
    times: dict[str, list[tuple[float, float]]] = {}
    for label, query in (("default period", ""), ("whole diary", f"?since={since}")):
        times[label] = []
        for _ in range(runs + 1):  # the first run warms the imports up and is not counted
            started, cpu = time.perf_counter(), time.process_time()
            answer = client.get(f"/report/report.pdf{query}")
            took = (time.perf_counter() - started, time.process_time() - cpu)
            assert answer.status_code == 200, answer.status_code
            assert answer.content.startswith(b"%PDF"), answer.content[:20]
            times[label].append(took)
        times[label] = times[label][1:]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a fresh database is made")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["NIGHTCRAMP_HOME"] = str(home)
        os.environ.pop("NIGHTCRAMP_DATABASE_URL", None)
        database = None
        if args.postgres:
            import psycopg

            database = f"nightcramp_bench_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{database}"')
            os.environ["NIGHTCRAMP_DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + f"/{database}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "nightcramp.web.settings"
        try:
            nights, episodes, first = write_diary(home, args.years)
            subprocess.run(
                [sys.executable, "-m", "nightcramp", "import", str(nights), str(episodes)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times = time_pdf(args.runs, first)
        finally:
            if database:
                import psycopg

                with psycopg.connect(args.postgres, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    print(f"diary: {args.years} years from {first}; load average {os.getloadavg()[0]:.2f}")
    for label, runs in times.items():
        wall, cpu = [w for w, _ in runs], [c for _, c in runs]
        print(
            f"{label}: wall median {statistics.median(wall):.2f} s, worst {max(wall):.2f} s; "
            f"CPU median {statistics.median(cpu):.2f} s ({len(runs)} runs)"
        )


if __name__ == "__main__":
    main()
