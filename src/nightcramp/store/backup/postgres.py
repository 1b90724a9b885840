"""PostgreSQL backups with `pg_dump` (custom format) and restores with `pg_restore` and `psql`.

The connection parts, password included, reach the client programs through the environment,
never the command line. A restore runs in one transaction: it empties the database's `public`
schema and loads the backup, and any error rolls all of it back.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .contents import BOOKKEEPING_TABLES, NOT_RECORDS, Contents
from .database import BackupError, Database, temporary_beside

__all__ = [
    "backup_postgres",
    "copied_rows",
    "has_records_pg",
    "read_pg_backup",
    "read_pg_rows",
    "restore_postgres",
]

_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ")
_WHERE = re.compile(r"^psql:\S*:\d+: ")
_INSTALL = "Install the PostgreSQL client programs (on Debian: apt-get install postgresql-client)."


def _run(command: list[str], database: Database) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command,
            env=database.client_env(),
            capture_output=True,
            encoding="utf-8",  # nightcramp's databases hold UTF-8 text
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise BackupError(f"{command[0]} was not found. {_INSTALL}") from None


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower() or "fatal" in line.lower()]
    first = (errors or lines or [f"exit code {done.returncode}"])[0]
    return _WHERE.sub("", first)  # "psql:/tmp/…/restore.sql:25: ERROR: …" -> "ERROR: …"


def backup_postgres(database: Database, out: Path) -> int:
    """Dump `database` into the file `out` (custom format; replacing it at once, if it exists)
    and return its size in bytes. Raises BackupError when pg_dump fails."""
    tmp = temporary_beside(out)
    try:
        done = _run(
            ["pg_dump", "--format=custom", "--no-password", f"--file={tmp}"],
            database,
        )
        if done.returncode != 0:
            raise BackupError(
                f"Could not back up the database {database.name}: {_reason(done)}. "
                "No backup was written."
            )
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out.stat().st_size


def read_pg_backup(file: Path, database: Database) -> Contents:
    """Check that `file` is a pg_dump archive and return what it holds.

    Raises BackupError when pg_restore cannot read it.
    """
    listing = _run(["pg_restore", "--list", str(file)], database)
    if listing.returncode != 0:
        raise BackupError(
            f"{file} is not a nightcramp backup ({_reason(listing)}). Nothing was changed."
        )
    tables = frozenset(
        match.group(2)
        for line in listing.stdout.splitlines()
        if (match := _TABLE.match(line)) and match.group(1) == "public"
    )
    migrations: frozenset[tuple[str, str]] = frozenset()
    if "django_migrations" in tables:
        data = _run(
            ["pg_restore", "--data-only", "--table=django_migrations", "--file=-", str(file)],
            database,
        )
        if data.returncode != 0:
            raise BackupError(f"{file} is damaged ({_reason(data)}). Nothing was changed.")
        try:
            migrations = frozenset(_copied_migrations(data.stdout))
        except ValueError as error:
            raise BackupError(f"{file} is damaged ({error}). Nothing was changed.") from None
    return Contents(tables=tables, migrations=migrations)


def _copied_migrations(script: str) -> list[tuple[str, str]]:
    """The (app, name) rows of the COPY block of django_migrations in a SQL script."""
    rows = copied_rows(script.split("\n")).get("django_migrations", [])
    return [(str(row.get("app") or ""), str(row.get("name") or "")) for row in rows]


_COPY = re.compile(r"^COPY public\.(\S+) \((.*)\) FROM stdin;$")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))")
_ESCAPED = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}


def _unescape(match: re.Match[bytes]) -> bytes:
    octal, hexa, other = match.groups()
    if octal:
        return bytes([int(octal, 8) & 0xFF])
    if hexa:
        return bytes([int(hexa, 16)])
    return _ESCAPED.get(other, other)


def _copy_value(text: str) -> str | None:
    """One value of a COPY line: `\\N` is no value; escapes stand for bytes (UTF-8 text)."""
    if text == "\\N":
        return None
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_unescape, text.encode()).decode("utf-8", "replace")


def copied_rows(lines: Iterable[str]) -> dict[str, list[dict[str, str | None]]]:
    """The rows of every `COPY public.T (...) FROM stdin;` block of a SQL script (PostgreSQL's
    text format: tab between columns, `\\N` for no value, backslash escapes), by table.

    `lines` are the script split at line feeds only (a value may hold other line breaks, such
    as U+2028, which COPY does not escape). Raises ValueError for a row whose number of values
    is not its block's number of columns."""
    found: dict[str, list[dict[str, str | None]]] = {}
    columns: list[str] = []
    rows: list[dict[str, str | None]] = []
    table = ""
    for line in lines:
        line = line.rstrip("\n")
        if not columns:
            match = _COPY.match(line)
            if match:
                columns = [c.strip().strip('"') for c in match.group(2).split(",")]
                table = match.group(1).strip('"')
                rows = found.setdefault(table, [])
            continue
        if line == "\\.":
            columns = []
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(f"a row of {table} has {len(cells)} values for {len(columns)} columns")
        rows.append(dict(zip(columns, map(_copy_value, cells), strict=True)))
    return found


def read_pg_rows(
    file: Path, database: Database, tables: Iterable[str]
) -> dict[str, list[dict[str, str | None]]]:
    """Every row of each of `tables` that the pg_dump archive `file` holds, as column -> text."""
    wanted = [f"--table={table}" for table in tables]
    data = _run(["pg_restore", "--data-only", *wanted, "--file=-", str(file)], database)
    if data.returncode != 0:
        raise BackupError(f"{file} is damaged ({_reason(data)}). Nothing was changed.")
    try:
        return copied_rows(data.stdout.split("\n"))
    except ValueError as error:
        raise BackupError(f"{file} is damaged ({error}). Nothing was changed.") from None


def _conninfo(database: Database) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo("", **{"connect_timeout": "10", **database.connect_kwargs()})


def has_records_pg(database: Database) -> bool:
    """Whether `database` holds any records in its `public` schema (a new one does not)."""
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(_conninfo(database)) as conn:
            tables = [
                str(row[0])
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            for table in tables:
                if table in BOOKKEEPING_TABLES:
                    continue
                query = sql.SQL("SELECT 1 FROM public.{}").format(sql.Identifier(table))
                args: tuple[str, ...] = ()
                if table in NOT_RECORDS:
                    column, value = NOT_RECORDS[table]
                    where = sql.SQL(" WHERE {} <> %s").format(sql.Identifier(column))
                    query, args = query + where, (value,)
                if conn.execute(query + sql.SQL(" LIMIT 1"), args).fetchone():
                    return True
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BackupError(f"Could not reach the database {database.name}: {reason}") from None
    return False


def restore_postgres(file: Path, database: Database) -> None:
    """Replace everything in `database`'s `public` schema by the checked backup `file`, in one
    transaction. Raises BackupError (the database unchanged) when any step fails."""
    with tempfile.TemporaryDirectory(prefix="nightcramp-restore-") as folder:
        script = Path(folder) / "restore.sql"
        done = _run(
            ["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(file)],
            database,
        )
        if done.returncode != 0:
            raise BackupError(f"{file} is damaged ({_reason(done)}). The database is unchanged.")
        loaded = _run(
            [
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--no-password",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                "--command=SET client_min_messages = warning",
                "--command=DROP SCHEMA IF EXISTS public CASCADE",
                "--command=CREATE SCHEMA public",
                f"--file={script}",
            ],
            database,
        )
    if loaded.returncode != 0:
        raise BackupError(
            f"Could not restore {file}: {_reason(loaded)}. The database is unchanged."
        )
