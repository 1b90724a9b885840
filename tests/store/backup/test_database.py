"""Which database a backup is about, how the PostgreSQL programs reach it, and file names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nightcramp.config import Config
from nightcramp.store.backup.database import (
    BackupError,
    Engine,
    database_of,
    default_backup_path,
    temporary_beside,
)


def test_the_default_database_is_sqlite_in_the_data_directory(tmp_path: Path) -> None:
    database = database_of(Config(home_dir=tmp_path))
    assert database.engine is Engine.SQLITE
    assert database.path == tmp_path / "nightcramp.sqlite3"


def test_a_sqlite_url_names_the_file(tmp_path: Path) -> None:
    database = database_of(Config(database_url=f"sqlite:///{tmp_path}/family.db"))
    assert database.engine is Engine.SQLITE
    assert database.path == tmp_path / "family.db"


def test_a_database_in_memory_cannot_be_backed_up() -> None:
    with pytest.raises(BackupError, match="only in memory"):
        database_of(Config(database_url="sqlite://:memory:"))


def test_postgresql_parts_reach_the_client_programs_through_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGSERVICE", "someone-elses")
    monkeypatch.setenv("PGPASSFILE", "/srv/nightcramp/.pgpass")
    url = "postgresql://clinic:s3cret%40night@db.example.org:5433/cramps?sslmode=require"
    database = database_of(Config(database_url=url))
    env = database.client_env()
    assert database.engine is Engine.POSTGRESQL
    assert database.path is None
    assert {k: v for k, v in env.items() if k.startswith("PG")} == {
        "PGHOST": "db.example.org",
        "PGPORT": "5433",
        "PGUSER": "clinic",
        "PGPASSWORD": "s3cret@night",
        "PGDATABASE": "cramps",
        "PGSSLMODE": "require",
        "PGPASSFILE": "/srv/nightcramp/.pgpass",
    }
    assert database.connect_kwargs("postgres")["dbname"] == "postgres"


def test_a_backup_file_is_named_after_the_utc_time_and_never_replaces_one(
    tmp_path: Path,
) -> None:
    at = dt.datetime(2026, 12, 6, 4, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    first = default_backup_path(tmp_path, Engine.SQLITE, at)
    assert first.name == "nightcramp-20261206T031500Z.sqlite3"
    first.touch()
    second = default_backup_path(tmp_path, Engine.SQLITE, at)
    assert second != first and not second.exists()
    labelled = default_backup_path(tmp_path, Engine.POSTGRESQL, at, "before-restore")
    assert labelled.name == "nightcramp-before-restore-20261206T031500Z.dump"


def test_a_temporary_file_is_private_and_new(tmp_path: Path) -> None:
    one, two = temporary_beside(tmp_path / "b.sqlite3"), temporary_beside(tmp_path / "b.sqlite3")
    assert one != two and one.parent == tmp_path
    assert one.stat().st_mode & 0o077 == 0
