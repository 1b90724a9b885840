"""SQLite backups through SQLite's online backup API: safe while the app serves and writes.

A backup is one consistent snapshot in one self-contained file (no -wal beside it). A restore
copies a checked backup into the database in one write transaction, so the database is either
as it was or the backup, never half of each.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from .contents import BOOKKEEPING_TABLES, NOT_RECORDS, Contents
from .database import BackupError, temporary_beside

__all__ = [
    "backup_sqlite",
    "has_records",
    "read_sqlite_backup",
    "read_sqlite_rows",
    "restore_sqlite",
]

_BUSY_TIMEOUT = 30.0  # seconds to wait for a writer, as the app does


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """Open `path` read-only ("ro") or read-write ("rw"); never create it."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_integrity(conn: sqlite3.Connection, file: Path) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"{file} is damaged ({problems[0]}). Nothing was changed.")


def backup_sqlite(source: Path, out: Path) -> int:
    """Copy the database `source` into the new file `out` (replacing it at once, if it exists)
    and return its size in bytes. Raises BackupError when there is no database or it fails."""
    if not source.is_file():
        raise BackupError(f"There is no database at {source} to back up.")
    tmp = temporary_beside(out)
    try:
        with closing(_connect(source, "rw")) as src, closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)  # in one step: one snapshot; in WAL mode writers carry on
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            _check_integrity(dst, out)
        _sync(tmp)
        tmp.replace(out)
    except sqlite3.Error as error:
        raise BackupError(f"Could not back up {source}: {error}. No backup was written.") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out.stat().st_size


def read_sqlite_backup(file: Path) -> Contents:
    """Check that `file` is a whole SQLite database and return what it holds.

    Raises BackupError when it is not a database or is damaged.
    """
    try:
        with closing(_connect(file, "ro")) as conn:
            _check_integrity(conn, file)
            tables = frozenset(_tables(conn))
            migrations: frozenset[tuple[str, str]] = frozenset()
            if "django_migrations" in tables:
                rows = conn.execute("SELECT app, name FROM django_migrations")
                migrations = frozenset((str(app), str(name)) for app, name in rows)
    except sqlite3.Error as error:
        raise BackupError(
            f"{file} is not a nightcramp backup ({error}). Nothing was changed."
        ) from None
    return Contents(tables=tables, migrations=migrations)


def read_sqlite_rows(file: Path, tables: Iterable[str]) -> dict[str, list[dict[str, object]]]:
    """Every row of each of `tables` that `file` holds, as column -> value.

    Raises BackupError when a row points to a row of another table that is not there.
    """
    found: dict[str, list[dict[str, object]]] = {}
    try:
        with closing(_connect(file, "ro")) as conn:
            dangling = conn.execute("PRAGMA foreign_key_check").fetchone()
            if dangling:
                table, rowid, parent = dangling[0], dangling[1], dangling[2]
                raise BackupError(
                    f"{file} is damaged: {table} row {rowid} points to a row of {parent} "
                    "that is not there. Nothing was changed."
                )
            present = set(_tables(conn))
            conn.row_factory = sqlite3.Row
            for table in tables:
                if table in present:
                    rows = conn.execute(f'SELECT * FROM "{table}"')
                    found[table] = [dict(row) for row in rows]
    except sqlite3.Error as error:
        raise BackupError(f"{file} cannot be read ({error}). Nothing was changed.") from None
    return found


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [str(row[0]) for row in rows]


def has_records(database: Path) -> bool:
    """Whether the SQLite database `database` holds any records (a new, migrated one does not)."""
    if not database.is_file() or database.stat().st_size == 0:
        return False
    try:
        with closing(_connect(database, "ro")) as conn:
            for table in _tables(conn):
                if table in BOOKKEEPING_TABLES:
                    continue
                query, args = f'SELECT 1 FROM "{table}"', tuple[str, ...]()
                if table in NOT_RECORDS:
                    column, value = NOT_RECORDS[table]
                    query, args = query + f' WHERE "{column}" <> ?', (value,)
                if conn.execute(query + " LIMIT 1", args).fetchone():
                    return True
    except sqlite3.Error as error:
        raise BackupError(f"Could not read the database at {database}: {error}") from None
    return False


def restore_sqlite(file: Path, database: Path) -> None:
    """Replace the database `database` by the checked backup `file`, in one transaction."""
    try:
        if database.is_file() and database.stat().st_size > 0:
            with closing(_connect(file, "ro")) as src, closing(_connect(database, "rw")) as dst:
                src.backup(dst)  # one write transaction: all of it or nothing
            return
        tmp = temporary_beside(database)
        try:
            with closing(_connect(file, "ro")) as src, closing(sqlite3.connect(tmp)) as dst:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=WAL")  # the app's mode
            _sync(tmp)
            tmp.replace(database)
        finally:
            tmp.unlink(missing_ok=True)
    except sqlite3.Error as error:
        raise BackupError(
            f"Could not restore {file} into {database}: {error}. The database is unchanged."
        ) from None
