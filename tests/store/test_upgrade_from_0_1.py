"""A database written by nightcramp 0.1 upgrades with no data change.

`tests/data/db/nightcramp-0.1.sql` is the SQL dump of a 0.1 database with rows in every table
(two people, nights with custom factors, cramps, medicines, profiles, triage results, tokens).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

DUMP = Path(__file__).parents[1] / "data" / "db" / "nightcramp-0.1.sql"

Rows = dict[str, list[dict[str, object]]]


def _tables(db: Path) -> Rows:
    """Every row of every table, as column -> value, in a stable order."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(
                (dict(row) for row in conn.execute(f'SELECT * FROM "{name}"')),
                key=lambda row: repr(sorted(row.items())),
            )
            for name in names
        }


def _only(rows: list[dict[str, object]], columns: set[str]) -> list[dict[str, object]]:
    kept = [{k: v for k, v in row.items() if k in columns} for row in rows]
    return sorted(kept, key=lambda row: repr(sorted(row.items())))


def _run(home: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env["NIGHTCRAMP_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_a_0_1_database_upgrades_and_keeps_every_row(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    db = home / "nightcramp.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.executescript(DUMP.read_text(encoding="utf-8"))
    before = _tables(db)
    assert sum(len(rows) for name, rows in before.items() if name.startswith("diary_")) > 20
    assert all(before[t] for t in ("triage_triagerecord", "plan_planfeedback", "account_apitoken"))

    done = _run(home, "from nightcramp.cli.setup import setup_django; setup_django()")
    assert done.returncode == 0, done.stderr

    after = _tables(db)
    for table, rows in before.items():
        if table in {"django_migrations", "django_content_type", "auth_permission"}:
            # Later versions add migrations, models and their permissions; 0.1's stay.
            assert [r for r in rows if r not in after[table]] == [], table
            continue
        columns = set(rows[0]) if rows else set()
        assert _only(after[table], columns) == rows, f"rows of {table} changed"


def test_the_upgraded_diary_reads_back_through_the_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with sqlite3.connect(home / "nightcramp.sqlite3") as conn:
        conn.executescript(DUMP.read_text(encoding="utf-8"))
    code = (
        "from nightcramp.cli.setup import setup_django; setup_django()\n"
        "from django.contrib.auth.models import User\n"
        "from nightcramp.store.diary.convert import load_diary\n"
        "nights, episodes = load_diary(User.objects.get(username='alice'))\n"
        "print(len(nights), len(episodes), sorted(nights[0].factors))\n"
        "print(episodes[0].notes)\n"
    )
    done = _run(home, code)
    assert done.returncode == 0, done.stderr
    counts, notes = done.stdout.splitlines()[:2]
    assert counts.startswith("6 3 ")
    assert "ginger_tea" in counts and "steps_k" in counts and "water_glasses" in counts
    assert notes == '=SUM(A1) "quoted", ünïcode'
