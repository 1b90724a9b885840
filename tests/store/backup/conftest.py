"""Fresh, empty databases for backup tests: a SQLite data directory, or a throw-away
PostgreSQL database that is dropped afterwards (skipped when no server answers)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nightcramp.config import Config

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"

NewConfig = Callable[[], Config]


def pg_base_url() -> str | None:
    """The URL of a reachable PostgreSQL server's maintenance database, or None."""
    url = os.environ.get("NIGHTCRAMP_TEST_POSTGRES_URL") or PG_DEFAULT
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return url
    except Exception:
        return None


@pytest.fixture(params=["sqlite", "postgresql"])
def new_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewConfig]:
    """Make settings for a new data directory with an empty database of the engine."""
    made: list[str] = []
    base = None
    if request.param == "postgresql":
        base = pg_base_url()
        if base is None:
            pytest.skip("PostgreSQL is not reachable (set NIGHTCRAMP_TEST_POSTGRES_URL)")

    def make() -> Config:
        home = tmp_path / f"home-{len(made) + 1}"
        made.append(f"nightcramp_backup_{uuid.uuid4().hex[:12]}")
        if base is None:
            return Config(home_dir=home, timezone="UTC")
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{made[-1]}"')
        url = base.rsplit("/", 1)[0] + "/" + made[-1]
        return Config(home_dir=home, database_url=url, timezone="UTC")

    yield make
    if base is not None:
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
                conn.execute(sql.SQL("SELECT * FROM public.{}").format(sql.Identifier(name)))
                .fetchall(),
                key=repr,
            )
            for name in names
        }
