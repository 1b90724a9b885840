"""Back up the configured database into one file, check a backup, and restore one.

`backup_database` is safe while the app serves and writes. `restore_database` checks the file
first, refuses to replace records unless forced (and then backs them up first), and leaves the
database either as it was or as the backup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from nightcramp.config import Config

from .contents import Contents, check_contents
from .database import (
    BackupError,
    Database,
    Engine,
    database_of,
    default_backup_path,
    private_directory,
)
from .postgres import (
    backup_postgres,
    has_records_pg,
    read_pg_backup,
    read_pg_rows,
    restore_postgres,
)
from .sqlite import (
    backup_sqlite,
    has_records,
    read_sqlite_backup,
    read_sqlite_rows,
    restore_sqlite,
)

__all__ = [
    "BackupFile",
    "RestoreRefused",
    "Restored",
    "backup_database",
    "check_backup",
    "restore_database",
]

_MAGIC = {Engine.SQLITE: b"SQLite format 3\x00", Engine.POSTGRESQL: b"PGDMP"}


class RestoreRefused(BackupError):
    """The database holds records and the restore was not forced."""


@dataclass(frozen=True)
class BackupFile:
    """A backup file: where it is, its size and the engine it is for."""

    file: Path
    bytes: int
    engine: Engine

    def as_json(self) -> dict[str, object]:
        return {"file": str(self.file), "bytes": self.bytes, "engine": self.engine.value}


@dataclass(frozen=True)
class Restored:
    """A restore: the backup that was restored, the backup of what it replaced (if any), and
    the rows it holds that break the rules of entry (restored as they are)."""

    backup: BackupFile
    previous: BackupFile | None
    warnings: tuple[str, ...] = ()


def backup_database(
    config: Config, *, now: dt.datetime, out: Path | None = None, label: str = ""
) -> BackupFile:
    """Back up the configured database into `out` (a file, or a folder for a new file named
    after `now`; default: the data directory's backups/ folder) and return the file.

    Raises BackupError when there is nothing to back up or it fails (no file is left).
    """
    database = database_of(config)
    target = _backup_target(config, database, out, now, label)
    if database.engine is Engine.SQLITE:
        assert database.path is not None
        size = backup_sqlite(database.path, target)
    else:
        size = backup_postgres(database, target)
    return BackupFile(file=target, bytes=size, engine=database.engine)


def _backup_target(
    config: Config, database: Database, out: Path | None, now: dt.datetime, label: str
) -> Path:
    if out is None:
        return default_backup_path(
            private_directory(config.home / "backups"), database.engine, now, label
        )
    if out.is_dir():
        return default_backup_path(out, database.engine, now, label)
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist. No backup was written.")
    if database.path is not None and out.resolve() == database.path.resolve():
        raise BackupError(f"{out} is the database itself: choose another file for the backup.")
    return out


def check_backup(config: Config, file: Path) -> Contents:
    """Check that `file` is a whole nightcramp backup that the configured database can take,
    and that the app can read every row of it; return what it holds, with the rows that break
    the rules of entry as `warnings`. Raises BackupError saying what is wrong (for rows: the
    table, row and column of each of the first problems).

    Needs Django set up (the rows are read through the app's models); the database itself is
    not touched.
    """
    from .rows import check_rows, checked_tables

    database = database_of(config)
    _check_kind(file, database.engine)
    if database.engine is Engine.SQLITE:
        contents = read_sqlite_backup(file)
    else:
        contents = read_pg_backup(file, database)
    check_contents(file, contents)
    tables = [table for table in checked_tables() if table in contents.tables]
    if database.engine is Engine.SQLITE:
        rows: Mapping[str, Sequence[Mapping[str, object]]] = read_sqlite_rows(file, tables)
    else:
        rows = read_pg_rows(file, database, tables)
    return replace(contents, warnings=check_rows(file, rows))


def _check_kind(file: Path, engine: Engine) -> None:
    try:
        with file.open("rb") as handle:
            start = handle.read(16)
    except OSError as error:
        raise BackupError(f"{file} cannot be read ({error.strerror or error}).") from None
    if start.startswith(_MAGIC[engine]):
        return
    other = next((e for e, magic in _MAGIC.items() if start.startswith(magic)), None)
    if other is not None:
        raise BackupError(
            f"{file} is a backup of a {_NAMES[other]} database, but this nightcramp uses "
            f"{_NAMES[engine]}. Nothing was changed."
        )
    raise BackupError(f"{file} is not a nightcramp backup. Nothing was changed.")


_NAMES = {Engine.SQLITE: "SQLite", Engine.POSTGRESQL: "PostgreSQL"}


def restore_database(config: Config, file: Path, *, force: bool, now: dt.datetime) -> Restored:
    """Replace the configured database by the backup `file`, after checking it.

    A database that holds records is replaced only with `force`, and is backed up first (into
    the backups/ folder, named after `now`). Raises RestoreRefused without `force`, BackupError
    for a bad file or a failure; the database is then unchanged.
    """
    database = database_of(config)
    if database.path is not None and file.resolve() == database.path.resolve():
        raise BackupError(f"{file} is the database itself. Nothing was changed.")
    checked = check_backup(config, file)
    if database.path is not None:
        database.path.parent.mkdir(parents=True, exist_ok=True)
        holds_records = has_records(database.path)
    else:
        holds_records = has_records_pg(database)
    previous = None
    if holds_records:
        if not force:
            raise RestoreRefused(
                f"The database {_where(database)} already holds records. Nothing was changed. "
                "To replace them with the backup, run again with --force "
                "(the records there now are backed up first)."
            )
        previous = backup_database(config, now=now, label="before-restore")
    if database.path is not None:
        restore_sqlite(file, database.path)
    else:
        restore_postgres(file, database)
    backup = BackupFile(file=file, bytes=file.stat().st_size, engine=database.engine)
    return Restored(backup=backup, previous=previous, warnings=checked.warnings)


def _where(database: Database) -> str:
    return str(database.path) if database.path is not None else database.name
