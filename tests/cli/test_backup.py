"""`nightcramp backup` and `nightcramp restore`: one JSON document, exit codes 0/1/2, and
nothing changed on a refusal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app

DUMP_0_1 = Path(__file__).parents[1] / "data" / "db" / "nightcramp-0.1.sql"


def run(home: Path, *args: str) -> Result:
    env: dict[str, str | None] = {"NIGHTCRAMP_HOME": str(home), "NIGHTCRAMP_DATABASE_URL": None}
    return CliRunner().invoke(build_app(), list(args), env=env)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A data directory whose database holds two people's diaries (written by 0.1)."""
    folder = tmp_path / "home"
    folder.mkdir()
    with sqlite3.connect(folder / "nightcramp.sqlite3") as conn:
        conn.executescript(DUMP_0_1.read_text(encoding="utf-8"))
    conn.close()
    return folder


def _cramps(home: Path) -> int:
    with sqlite3.connect(home / "nightcramp.sqlite3") as conn:
        count = int(conn.execute("SELECT count(*) FROM diary_episode").fetchone()[0])
    conn.close()
    return count


def test_backup_json_names_the_file_its_size_and_engine(home: Path) -> None:
    result = run(home, "backup", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"file", "bytes", "engine"}
    made = Path(document["file"])
    assert made.parent == home / "backups"
    assert document["bytes"] == made.stat().st_size
    assert document["engine"] == "sqlite"


def test_backup_out_writes_that_file_and_says_where(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "nightly.sqlite3"
    result = run(home, "backup", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert str(out) in result.stdout
    assert out.is_file()


def test_backup_into_a_missing_folder_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    result = run(home, "backup", "--out", str(tmp_path / "usb" / "nightly.sqlite3"), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "does not exist" in result.stderr


def test_backup_with_no_database_reports_it(tmp_path: Path) -> None:
    result = run(tmp_path / "empty-home", "backup", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no database" in result.stderr


def test_restore_into_a_new_home_then_refuses_to_overwrite_without_force(
    home: Path, tmp_path: Path
) -> None:
    backup = Path(json.loads(run(home, "backup", "--json").stdout)["file"])
    fresh = tmp_path / "fresh"

    first = run(fresh, "restore", str(backup), "--json")
    assert first.exit_code == 0, first.stderr
    document = json.loads(first.stdout)
    assert document["file"] == str(backup)
    assert document["engine"] == "sqlite"
    assert document["previous"] is None
    assert _cramps(fresh) == _cramps(home) > 0

    again = run(fresh, "restore", str(backup))
    assert again.exit_code == 1
    assert "--force" in again.stderr
    assert again.stdout == ""

    forced = run(fresh, "restore", str(backup), "--force")
    assert forced.exit_code == 0, forced.stderr
    kept = next((fresh / "backups").glob("nightcramp-before-restore-*.sqlite3"))
    assert str(kept) in forced.stdout


def test_restore_of_a_file_that_is_not_a_backup_exits_1_and_changes_nothing(
    home: Path, tmp_path: Path
) -> None:
    before = _cramps(home)
    notes = tmp_path / "notes.txt"
    notes.write_text("stretch the calf\n", encoding="utf-8")
    result = run(home, "restore", str(notes), "--force", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "not a nightcramp backup" in result.stderr
    assert _cramps(home) == before


def test_restore_of_a_missing_file_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    result = run(home, "restore", str(tmp_path / "nope.sqlite3"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr


@pytest.fixture
def pg_urls(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two throw-away PostgreSQL databases: one with a (one-cramp) nightcramp diary, one empty."""
    base = os.environ.get("NIGHTCRAMP_TEST_POSTGRES_URL") or PG_DEFAULT
    try:
        import psycopg

        with psycopg.connect(base, connect_timeout=3, autocommit=True) as conn:
            names = [f"nightcramp_cli_backup_{uuid.uuid4().hex[:12]}" for _ in range(2)]
            for name in names:
                conn.execute(f'CREATE DATABASE "{name}"'.encode())
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable (set NIGHTCRAMP_TEST_POSTGRES_URL)")
    urls = [base.rsplit("/", 1)[0] + "/" + name for name in names]
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env.update(NIGHTCRAMP_HOME=str(tmp_path / "writer"), NIGHTCRAMP_DATABASE_URL=urls[0])
    logged = subprocess.run(
        [sys.executable, "-m", "nightcramp", "log", "--at", "2026-11-30T03:00", "--notes", NOTE],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert logged.returncode == 0, logged.stderr
    try:
        yield urls[0], urls[1]
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
NOTE = 'calf, 3 a.m.\tafter a long walk \\ a "new" shoe'


def run_on(url: str, home: Path, *args: str) -> Result:
    env: dict[str, str | None] = {"NIGHTCRAMP_HOME": str(home), "NIGHTCRAMP_DATABASE_URL": url}
    return CliRunner().invoke(build_app(), list(args), env=env)


def test_backup_and_restore_on_postgresql(pg_urls: tuple[str, str], tmp_path: Path) -> None:
    source, target = pg_urls
    made = run_on(source, tmp_path / "home", "backup", "--json")
    assert made.exit_code == 0, made.stderr
    document = json.loads(made.stdout)
    assert document["engine"] == "postgresql"
    assert document["file"].endswith(".dump")

    restored = run_on(target, tmp_path / "home", "restore", document["file"], "--json")
    assert restored.exit_code == 0, restored.stderr
    assert json.loads(restored.stdout)["previous"] is None
    import psycopg

    with psycopg.connect(target) as conn:
        assert conn.execute("SELECT notes FROM diary_episode").fetchall() == [(NOTE,)]

    refused = run_on(target, tmp_path / "home", "restore", document["file"])
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
