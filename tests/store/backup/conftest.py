"""Fresh, empty databases for backup tests: a SQLite data directory, or a throw-away
PostgreSQL database that is dropped afterwards (skipped when no server answers)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from nightcramp.config import Config

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"

_LOG_ONE_CRAMP = (
    "from nightcramp.cli.app import run_app; import sys; "
    "sys.exit(run_app(['log', '--at', '2026-11-30T02:00', '--json']))"
)


def pg_base_url() -> str | None:
    """The URL of a reachable PostgreSQL server's maintenance database, or None."""
    url = os.environ.get("NIGHTCRAMP_TEST_POSTGRES_URL") or PG_DEFAULT
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return url
    except Exception:
        return None


def run_nightcramp(config: Config, code: str) -> None:
    """Run Python `code` in a new process that uses `config`'s database; it must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment(config),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


class Databases:
    """New databases of one engine: empty, migrated, or migrated with one cramp logged.

    Migrating takes seconds, so it happens once: later databases are restored from a backup.
    """

    def __init__(self, base: str | None, folder: Path) -> None:
        self.base = base
        self.folder = folder
        self.made: list[str] = []
        self._templates: dict[str, Path] = {}

    def new(self) -> Config:
        """Settings for a new data directory with an empty database."""
        name = f"nightcramp_backup_{uuid.uuid4().hex[:12]}"
        home = self.folder / name
        self.made.append(name)
        if self.base is None:
            return Config(home_dir=home, timezone="UTC")
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = self.base.rsplit("/", 1)[0] + "/" + name
        return Config(home_dir=home, database_url=url, timezone="UTC")

    def migrated(self) -> Config:
        """A new database as the app leaves it on first use: migrated, with no records."""
        return self._from_template(
            "migrated", "from nightcramp.cli.setup import setup_django\nsetup_django()"
        )

    def with_records(self) -> Config:
        """A new migrated database with one account and one cramp."""
        return self._from_template("records", _LOG_ONE_CRAMP)

    def _from_template(self, kind: str, code: str) -> Config:
        from nightcramp.store.backup import backup_database, restore_database

        config = self.new()
        now = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
        if kind not in self._templates:
            run_nightcramp(config, code)
            made = backup_database(config, now=now, out=self.folder / f"template-{kind}")
            self._templates[kind] = made.file
        else:
            restore_database(config, self._templates[kind], force=False, now=now)
        return config

    def drop(self) -> None:
        if self.base is None:
            return
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    """New databases of each engine (PostgreSQL: throw-away databases, dropped afterwards)."""
    base = None
    if request.param == "postgresql":
        base = pg_base_url()
        if base is None:
            pytest.skip("PostgreSQL is not reachable (set NIGHTCRAMP_TEST_POSTGRES_URL)")
    made = Databases(base, tmp_path_factory.mktemp(request.param))
    yield made
    made.drop()


def environment(config: Config) -> dict[str, str]:
    """The environment of a nightcramp process that uses `config`'s database."""
    env = {k: v for k, v in os.environ.items() if k != "NIGHTCRAMP_DATABASE_URL"}
    env["NIGHTCRAMP_HOME"] = str(config.home)
    env["NIGHTCRAMP_TIME_ZONE"] = "UTC"
    if config.database_url:
        env["NIGHTCRAMP_DATABASE_URL"] = config.database_url
    return env


Rows = dict[str, list[tuple[object, ...]]]


def every_row(config: Config) -> Rows:
    """Every row of every table of `config`'s database, by table, in a stable order."""
    if config.database_url is None:
        import sqlite3

        with sqlite3.connect(config.sqlite_path) as conn:
            names = [
                str(row[0])
                for row in conn.execute(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                for name in names
            }
    import psycopg
    from psycopg import sql

    with psycopg.connect(config.database_url) as conn:
        names = [
            str(row[0])
            for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {
            name: sorted(
                conn.execute(
                    sql.SQL("SELECT * FROM public.{}").format(sql.Identifier(name))
                ).fetchall(),
                key=repr,
            )
            for name in names
        }
