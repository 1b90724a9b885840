"""PostgreSQL backups: the password never on a command line, the programs' errors passed on,
an archive read back (a newer one refused) on a real server when one answers, and the COPY
text of an archive read back value for value."""

from __future__ import annotations

import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from nightcramp.config import Config
from nightcramp.store.backup.contents import check_contents
from nightcramp.store.backup.database import BackupError, Database, database_of
from nightcramp.store.backup.postgres import (
    backup_postgres,
    copied_rows,
    read_pg_backup,
    restore_postgres,
)

from .conftest import pg_base_url

URL = "postgresql://clinic:s3cret@127.0.0.1:1/cramps"

# A stand-in for pg_dump and pg_restore: records its arguments and password, writes an
# archive into --file=…, and fails when FAKE_FAIL is set.
FAKE = """#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_LOG.args"
printf '%s' "$PGPASSWORD" > "$FAKE_LOG.password"
if [ -n "$FAKE_FAIL" ]; then
  echo "pg_dump: error: connection to server failed: no such host" >&2
  exit 1
fi
for arg in "$@"; do
  case "$arg" in --file=*) printf 'PGDMP fake archive' > "${arg#--file=}";; esac
done
"""


@pytest.fixture
def fake_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("pg_dump", "pg_restore"):
        program = folder / name
        program.write_text(FAKE, encoding="utf-8")
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "log"))
    return tmp_path / "log"


def test_the_password_reaches_pg_dump_only_through_the_environment(
    fake_programs: Path, tmp_path: Path
) -> None:
    size = backup_postgres(database_of(Config(database_url=URL)), tmp_path / "out.dump")
    args = Path(f"{fake_programs}.args").read_text(encoding="utf-8")
    assert "s3cret" not in args
    assert "--format=custom" in args.splitlines()
    assert Path(f"{fake_programs}.password").read_text(encoding="utf-8") == "s3cret"
    assert size == (tmp_path / "out.dump").stat().st_size > 0


def test_a_failing_pg_dump_says_why_and_leaves_no_file(
    fake_programs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_FAIL", "1")
    with pytest.raises(BackupError, match="connection to server failed"):
        backup_postgres(database_of(Config(database_url=URL)), tmp_path / "out.dump")
    assert [p.name for p in tmp_path.iterdir() if "out.dump" in p.name] == []


def test_missing_client_programs_are_named_with_how_to_install_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"pg_dump was not found.*postgresql-client"):
        backup_postgres(database_of(Config(database_url=URL)), tmp_path / "out.dump")


@pytest.fixture
def pg_database() -> Iterator[Database]:
    base = pg_base_url()
    if base is None:
        pytest.skip("PostgreSQL is not reachable (set NIGHTCRAMP_TEST_POSTGRES_URL)")
    import psycopg

    name = f"nightcramp_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_of(Config(database_url=base.rsplit("/", 1)[0] + "/" + name))
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _execute(database: Database, *statements: str) -> None:
    import psycopg
    from psycopg.conninfo import make_conninfo

    with psycopg.connect(make_conninfo("", **database.connect_kwargs())) as conn:
        for statement in statements:
            conn.execute(statement.encode())


def test_an_archive_from_a_newer_version_is_read_and_refused(
    pg_database: Database, tmp_path: Path
) -> None:
    _execute(
        pg_database,
        "CREATE TABLE django_migrations (id serial PRIMARY KEY, app text, name text)",
        "CREATE TABLE auth_user (id serial PRIMARY KEY)",
        "CREATE TABLE diary_night (id serial PRIMARY KEY)",
        "CREATE TABLE diary_episode (id serial PRIMARY KEY)",
        "INSERT INTO django_migrations (app, name) VALUES ('account', '0001_initial'), "
        "('diary', '0001_initial'), ('diary', '9999_from_the_future')",
    )
    archive = tmp_path / "newer.dump"
    backup_postgres(pg_database, archive)
    contents = read_pg_backup(archive, pg_database)
    assert contents.tables == {"django_migrations", "auth_user", "diary_night", "diary_episode"}
    assert ("diary", "9999_from_the_future") in contents.migrations
    with pytest.raises(BackupError, match="newer version"):
        check_contents(archive, contents)


def test_a_restore_that_fails_part_way_changes_nothing(
    pg_database: Database, tmp_path: Path
) -> None:
    _execute(
        pg_database,
        "CREATE TABLE diary_episode (id serial PRIMARY KEY, note text)",
        "INSERT INTO diary_episode (note) VALUES ('kept')",
        # A schema besides public: the restore recreates it, which fails while it exists,
        # after the public schema has already been replaced.
        "CREATE SCHEMA elsewhere",
        "CREATE TABLE elsewhere.t (id int)",
    )
    archive = tmp_path / "archive.dump"
    backup_postgres(pg_database, archive)
    _execute(pg_database, "UPDATE diary_episode SET note = 'current'")
    with pytest.raises(BackupError, match="unchanged"):
        restore_postgres(archive, pg_database)
    assert _notes(pg_database) == ["current"]


def _notes(database: Database) -> list[str]:
    import psycopg
    from psycopg.conninfo import make_conninfo

    with psycopg.connect(make_conninfo("", **database.connect_kwargs())) as conn:
        return [str(row[0]) for row in conn.execute("SELECT note FROM diary_episode")]


COPY_SCRIPT = r"""
SET statement_timeout = 0;
COPY public.diary_episode (id, notes, side) FROM stdin;
1	a\ttab, a\\backslash and a\nnew line	\N
2	caf\303\251 \x41 "quoted" \\N	left
\.

COPY public.django_migrations (id, app, name) FROM stdin;
1	diary	0001_initial
\.
"""


def test_copy_blocks_are_read_by_table_with_escapes_undone() -> None:
    rows = copied_rows(COPY_SCRIPT.splitlines())
    assert rows["diary_episode"][0] == {
        "id": "1",
        "notes": "a\ttab, a\\backslash and a\nnew line",
        "side": None,
    }
    assert rows["diary_episode"][1]["notes"] == 'café A "quoted" \\N'
    assert rows["diary_episode"][1]["side"] == "left"
    assert rows["django_migrations"] == [{"id": "1", "app": "diary", "name": "0001_initial"}]


def test_a_value_may_hold_line_breaks_that_copy_does_not_escape() -> None:
    script = "COPY public.diary_episode (id, notes) FROM stdin;\n1\tone\u2028two\x1cthree\n\\.\n"
    rows = copied_rows(script.split("\n"))
    assert rows["diary_episode"] == [{"id": "1", "notes": "one\u2028two\x1cthree"}]


def test_a_row_with_too_few_or_too_many_values_is_damage() -> None:
    for line in ("1", "1\tnote\textra"):
        with pytest.raises(ValueError, match=r"has \d values for 2 columns"):
            copied_rows(["COPY public.diary_episode (id, notes) FROM stdin;", line, "\\."])


def test_lines_outside_copy_blocks_are_not_rows() -> None:
    assert copied_rows(["SET x = 1;", "SELECT 1;"]) == {}
