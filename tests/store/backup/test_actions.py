"""Backups and restores of the whole database, on SQLite and on PostgreSQL: while a writer
logs cramps, after it stops, from an older version, and the refusals that keep data safe."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nightcramp.config import Config
from nightcramp.store.backup import (
    BackupError,
    Engine,
    RestoreRefused,
    backup_database,
    check_backup,
    restore_database,
)

from .conftest import Databases, Rows, environment, every_row, run_nightcramp

NOW = dt.datetime(2026, 12, 6, 3, 15, tzinfo=dt.UTC)
DUMP_0_1 = Path(__file__).parents[2] / "data" / "db" / "nightcramp-0.1.sql"

# Logs cramps (and a night every fifth cramp) through the store until the file argv[1]
# exists, printing how many it has written after every ten.
WRITER = """
import datetime as dt, sys
from pathlib import Path
from nightcramp.cli.setup import setup_django
setup_django()
from django.contrib.auth.models import User
from nightcramp.core.diary import Episode
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night
stop = Path(sys.argv[1])
user = User.objects.create_user("alice")
start = dt.datetime(2026, 1, 1, 22, 0, tzinfo=dt.UTC)
written = 0
print(0, flush=True)
while not stop.exists():
    at = start - dt.timedelta(minutes=written)
    log_episode(user, Episode(started_at=at, severity=written % 11))
    if written % 5 == 0:
        day = dt.date(2020, 1, 1) + dt.timedelta(days=written // 5)
        save_night(user, day, {"water_glasses": written % 9}, mode=SaveMode.REPLACE)
    written += 1
    if written % 10 == 0:
        print(written, flush=True)
"""


def _wait_for(writer: subprocess.Popen[str], count: int) -> None:
    """Read the writer's progress until it has written at least `count` cramps."""
    assert writer.stdout is not None
    for line in writer.stdout:
        if int(line) >= count:
            return
    raise AssertionError(f"the writer stopped early: {writer.wait()}")


def _restored(backup: Path, databases: Databases) -> Rows:
    fresh = databases.new()
    restore_database(fresh, backup, force=False, now=NOW)
    return every_row(fresh)


def _cramp_ids(rows: Rows) -> list[int]:
    return sorted(int(str(row[0])) for row in rows["diary_episode"])


def _migrate(config: Config) -> None:
    run_nightcramp(config, "from nightcramp.cli.setup import setup_django; setup_django()")


def test_a_backup_taken_while_cramps_are_written_restores_a_consistent_copy(
    databases: Databases, tmp_path: Path
) -> None:
    source = databases.migrated()
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        env=environment(source),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        during = []
        for count in (30, 60, 90):
            _wait_for(writer, count)
            during.append(backup_database(source, now=NOW, out=tmp_path / f"during-{count}"))
    finally:
        stop.touch()
        _, errors = writer.communicate(timeout=120)
    assert writer.returncode == 0, errors
    after = backup_database(source, now=NOW, out=tmp_path / "after")

    final = every_row(source)
    # Once the writer has stopped, the restored copy is the database, row for row.
    assert _restored(after.file, databases) == final
    for made, count in zip(during, (30, 60, 90), strict=True):
        copy = _restored(made.file, databases)
        assert set(copy) == set(final)
        cramps = _cramp_ids(copy)
        # One moment of the database: every cramp up to then, none after, each as it is now.
        assert len(cramps) >= count
        assert cramps == _cramp_ids(final)[: len(cramps)]
        for table, rows in copy.items():
            assert [row for row in rows if row not in final[table]] == [], table


def test_a_backup_is_one_file_named_after_the_time_in_the_backups_folder(
    databases: Databases,
) -> None:
    config = databases.migrated()
    made = backup_database(config, now=NOW)
    again = backup_database(config, now=NOW)
    assert made.file.parent == config.home / "backups"
    assert made.file.name.startswith("nightcramp-20261206T031500Z")
    assert again.file != made.file
    assert made.bytes == made.file.stat().st_size > 0
    assert made.file.stat().st_mode & 0o077 == 0  # only its owner may read it
    assert [p.name for p in made.file.parent.iterdir() if p.name.startswith(".")] == []
    assert check_backup(config, made.file).tables >= {"diary_episode", "auth_user"}


def test_a_database_with_records_is_replaced_only_with_force_and_is_kept_first(
    databases: Databases, tmp_path: Path
) -> None:
    source, target = databases.migrated(), databases.with_records()
    before = every_row(target)
    backup = backup_database(source, now=NOW, out=tmp_path / "source")

    with pytest.raises(RestoreRefused, match="--force"):
        restore_database(target, backup.file, force=False, now=NOW)
    assert every_row(target) == before

    restored = restore_database(target, backup.file, force=True, now=NOW)
    assert every_row(target) == every_row(source)
    assert restored.previous is not None
    assert "before-restore" in restored.previous.file.name
    restore_database(databases.new(), restored.previous.file, force=False, now=NOW)


def test_a_new_home_where_a_command_made_the_local_user_takes_a_backup_without_force(
    databases: Databases, tmp_path: Path
) -> None:
    """Any command creates the local user on first use: that alone is not a person's records,
    so `restore` into a new home after, say, `history` needs no --force."""
    source = databases.with_records()
    backup = backup_database(source, now=NOW, out=tmp_path / "source")
    target = databases.migrated()
    code = (
        "from nightcramp.cli.setup import setup_django\nsetup_django()\n"
        "from nightcramp.store.account.local import local_user\nlocal_user()"
    )
    run_nightcramp(target, code)
    restored = restore_database(target, backup.file, force=False, now=NOW)
    assert restored.previous is None
    assert every_row(target) == every_row(source)
    # Another account is a person's record: it still needs --force.
    run_nightcramp(
        target,
        "from nightcramp.cli.setup import setup_django\nsetup_django()\n"
        "from django.contrib.auth.models import User\nUser.objects.create_user('carol')",
    )
    with pytest.raises(RestoreRefused, match="--force"):
        restore_database(target, backup.file, force=False, now=NOW)


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    databases: Databases, tmp_path: Path
) -> None:
    config = databases.with_records()
    before = every_row(config)
    text = tmp_path / "notes.txt"
    text.write_text("calf stretch at bedtime\n", encoding="utf-8")
    with pytest.raises(BackupError, match="not a nightcramp backup"):
        restore_database(config, text, force=True, now=NOW)
    assert every_row(config) == before


def test_a_damaged_backup_leaves_the_database_as_it_was(
    databases: Databases, tmp_path: Path
) -> None:
    source, target = databases.migrated(), databases.with_records()
    before = every_row(target)
    made = backup_database(source, now=NOW, out=tmp_path / "whole")
    damaged = tmp_path / "damaged"
    data = made.file.read_bytes()
    damaged.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(BackupError, match=r"damaged|not a nightcramp backup"):
        restore_database(target, damaged, force=True, now=NOW)
    assert every_row(target) == before


def test_a_backup_of_the_other_engine_is_refused_by_name(
    databases: Databases, tmp_path: Path
) -> None:
    config = databases.new()
    other = tmp_path / "other"
    if config.database_url is None:
        other.write_bytes(b"PGDMP" + bytes(100))
        expected = "PostgreSQL database, but this nightcramp uses SQLite"
    else:
        sqlite3.connect(other).close()
        other.write_bytes(b"SQLite format 3\x00" + bytes(100))
        expected = "SQLite database, but this nightcramp uses PostgreSQL"
    with pytest.raises(BackupError, match=expected):
        restore_database(config, other, force=False, now=NOW)


def test_a_backup_made_by_a_newer_version_is_refused(tmp_path: Path) -> None:
    config = Config(home_dir=tmp_path / "home")
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.executescript(DUMP_0_1.read_text(encoding="utf-8"))
        conn.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('diary', '9999_from_the_future', '2030-01-01')"
        )
    conn.close()
    with pytest.raises(BackupError, match=r"newer version .*diary\.9999_from_the_future"):
        restore_database(config, newer, force=False, now=NOW)
    assert not config.sqlite_path.exists()


def test_a_0_1_backup_restores_and_the_app_brings_it_up_to_date(tmp_path: Path) -> None:
    old = tmp_path / "nightcramp-0.1.sqlite3"
    with sqlite3.connect(old) as conn:
        conn.executescript(DUMP_0_1.read_text(encoding="utf-8"))
    conn.close()
    config = Config(home_dir=tmp_path / "home", timezone="UTC")
    restored = restore_database(config, old, force=False, now=NOW)
    assert restored.backup.engine is Engine.SQLITE
    assert restored.previous is None

    _migrate(config)
    rows = every_row(config)
    with sqlite3.connect(old) as conn:
        cramps = conn.execute("SELECT * FROM diary_episode").fetchall()
        applied = conn.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    conn.close()
    assert len(rows["django_migrations"]) > applied  # later migrations were applied
    assert len(rows["diary_episode"]) == len(cramps) > 0
    assert check_backup(config, backup_database(config, now=NOW).file).migrations


def test_backing_up_with_no_database_says_so_and_writes_nothing(tmp_path: Path) -> None:
    config = Config(home_dir=tmp_path / "home")
    with pytest.raises(BackupError, match="no database"):
        backup_database(config, now=NOW, out=tmp_path)
    assert list(tmp_path.glob("*.sqlite3")) == []


def test_the_database_is_never_its_own_backup(tmp_path: Path) -> None:
    config = Config(home_dir=tmp_path)
    sqlite3.connect(config.sqlite_path).close()
    with pytest.raises(BackupError, match="the database itself"):
        backup_database(config, now=NOW, out=config.sqlite_path)
    with pytest.raises(BackupError, match="the database itself"):
        restore_database(config, config.sqlite_path, force=True, now=NOW)


def test_a_backup_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    config = Config(home_dir=tmp_path)
    sqlite3.connect(config.sqlite_path).close()
    with pytest.raises(BackupError, match="does not exist"):
        backup_database(config, now=NOW, out=tmp_path / "usb" / "nightly.sqlite3")
