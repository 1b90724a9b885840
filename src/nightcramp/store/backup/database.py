"""Which database a backup or a restore is about: the configured one, and how to reach it.

The database comes from the settings (`NIGHTCRAMP_DATABASE_URL`, else SQLite in the data
directory), parsed as the web app parses it. A PostgreSQL password never goes on a command
line: the client programs get every connection part through the libpq environment variables.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import dj_database_url

from nightcramp.config import Config, inherited_environment

__all__ = [
    "BackupError",
    "Database",
    "Engine",
    "database_of",
    "default_backup_path",
    "private_directory",
    "temporary_beside",
]

# URL query options that the PostgreSQL client programs take from the environment.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class BackupError(Exception):
    """A backup or restore could not be done; the message says why and what was kept."""


class Engine(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"

    @property
    def suffix(self) -> str:
        """The file name ending of this engine's backups."""
        return ".sqlite3" if self is Engine.SQLITE else ".dump"


@dataclass(frozen=True)
class Database:
    """The configured database: a SQLite file, or a PostgreSQL database and how to reach it."""

    engine: Engine
    path: Path | None = None  # SQLite
    name: str = ""  # PostgreSQL: the database name
    parts: dict[str, str] = field(default_factory=dict)  # PostgreSQL: libpq keywords

    def client_env(self) -> dict[str, str]:
        """The environment for pg_dump, pg_restore and psql: this process's, plus the libpq
        variables for this database (the password included, so it is never an argument)."""
        # Only the URL says which database: other libpq variables from this process are
        # dropped, except where a password file is kept (for a URL without a password).
        inherited = inherited_environment()
        env = {k: v for k, v in inherited.items() if not k.startswith("PG") or k == "PGPASSFILE"}
        names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
        names.update({key: variable for key, variable in _LIBPQ_OPTIONS.items()})
        env.update({names[key]: value for key, value in self.parts.items() if key in names})
        env["PGDATABASE"] = self.name
        return env

    def connect_kwargs(self, name: str | None = None) -> dict[str, str]:
        """Keyword arguments for psycopg.connect (another database on the server with `name`)."""
        return {**self.parts, "dbname": self.name if name is None else name}


def database_of(config: Config) -> Database:
    """Return the database that `config` points to.

    Raises BackupError for a database that lives only in memory.
    """
    if config.database_url is None:
        return Database(Engine.SQLITE, path=config.sqlite_path)
    parsed = dj_database_url.parse(config.database_url)
    if config.uses_sqlite:
        name = str(parsed["NAME"] or "")
        if not name or name == ":memory:":
            raise BackupError("The database lives only in memory: there is nothing to back up.")
        return Database(Engine.SQLITE, path=Path(name))
    parts = {
        key: str(value)
        for key, value in (
            ("host", parsed.get("HOST")),
            ("port", parsed.get("PORT")),
            ("user", parsed.get("USER")),
            ("password", parsed.get("PASSWORD")),
        )
        if value
    }
    options = parsed.get("OPTIONS") or {}
    parts.update({k: str(v) for k, v in options.items() if k in _LIBPQ_OPTIONS})
    return Database(Engine.POSTGRESQL, name=str(parsed["NAME"] or ""), parts=parts)


def private_directory(path: Path) -> Path:
    """Create the folder `path` (only its owner may read it) if needed, and return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def default_backup_path(folder: Path, engine: Engine, now: dt.datetime, label: str = "") -> Path:
    """A file in `folder` named after the time `now` (UTC) that does not exist yet:
    nightcramp-20261206T031500Z.sqlite3 (nightcramp-LABEL-… with a label)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = f"nightcramp-{label}-{stamp}" if label else f"nightcramp-{stamp}"
    candidate = folder / f"{stem}{engine.suffix}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{engine.suffix}"
    return candidate


def temporary_beside(path: Path) -> Path:
    """A new, empty file that only its owner can read, in `path`'s folder (to rename to `path`
    once it is complete)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return tmp
