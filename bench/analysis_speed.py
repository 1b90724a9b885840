"""How fast the analysis is: `analyze` on 10 years x 40 factors on one core, and the Insights
page for a two-year diary (first view, which computes and stores the analysis, then a view of
the same diary version, read back from the database). Writes a Markdown report.

    python bench/analysis_speed.py [--out bench/results/analysis-speed-DATE.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# One core: a multi-threaded BLAS only fights itself on these small matrices.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"


def _best(run: Callable[[], object], times: int) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def analyze_rows() -> list[str]:
    from nightcramp.core.insights.analyze import analyze
    from nightcramp.core.insights.simulate import simulate_diary

    rows = []
    for label, nights, custom in (
        ("1 year, 15 factors", 365, 0),
        ("2 years, 20 factors", 730, 5),
        ("10 years, 40 factors", 3650, 25),
    ):
        sim = simulate_diary(1, nights, n_custom=custom, base_rate=0.3)
        analyze(sim.nights, sim.episodes)  # warm: imports and content
        secs = _best(lambda sim=sim: analyze(sim.nights, sim.episodes), 5)
        rows.append(f"| `analyze`, {label} ({len(sim.nights)} logged nights) | {secs:.3f} s |")
    return rows


def page_rows() -> list[str]:
    os.environ["NIGHTCRAMP_HOME"] = tempfile.mkdtemp(prefix="nightcramp-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
    from nightcramp.cli.setup import setup_django

    setup_django()
    from django.test import Client

    from nightcramp.core.insights.simulate import TrueEffect, simulate_diary
    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary.episodes import log_episode
    from nightcramp.store.diary.nights import SaveMode, save_night
    from nightcramp.store.insights.models import CachedAnalysis

    user = local_user()
    truth = (TrueEffect("alcohol_drinks", 2.0, unit=2), TrueEffect("bedtime_stretch", 0.5))
    sim = simulate_diary(7, 730, truth=truth, base_rate=0.5)
    for night in sim.nights:
        save_night(user, night.date, night.factors, mode=SaveMode.REPLACE)
    seen = set()
    for episode in sim.episodes:
        key = (episode.started_at, episode.muscle, episode.side)
        if key not in seen:
            seen.add(key)
            log_episode(user, episode)
    client = Client()
    client.force_login(user)

    def cold() -> None:
        CachedAnalysis.objects.all().delete()
        response = client.get("/insights/", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    def warm() -> None:
        response = client.get("/insights/", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    client.get("/insights/", HTTP_HOST="127.0.0.1")  # imports, content, templates
    return [
        f"| `/insights/`, 2 years ({len(sim.nights)} nights, {len(seen)} cramps), first view "
        f"of this diary version | {_best(cold, 3):.3f} s |",
        f"| `/insights/`, same diary version again (stored analysis) | {_best(warm, 5):.3f} s |",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=f"bench/results/analysis-speed-{dt.date.today()}.md")
    args = parser.parse_args(argv)
    import numpy as np

    rows = analyze_rows() + page_rows()
    lines = [
        f"# Analysis speed ({dt.date.today()})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared, under other load); "
        f"Python {platform.python_version()}; numpy {np.__version__}; one BLAS thread; "
        "SQLite. Best of 3-5 runs.",
        "",
        "| what | time |",
        "| --- | --- |",
        *rows,
        "",
        "Targets (issue #13): `analyze` on 3,650 nights x 40 factors under 1 s on one core; "
        "`/insights/` under 0.5 s for two years of diary.",
    ]
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
