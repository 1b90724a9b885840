"""SQLite backups: one snapshot while a writer holds a transaction, damage found, and a
restore that other open connections see at once."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from nightcramp.store.backup.database import BackupError
from nightcramp.store.backup.sqlite import (
    backup_sqlite,
    has_records,
    read_sqlite_backup,
    restore_sqlite,
)


def _database(path: Path, cramps: int) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE django_migrations (app TEXT, name TEXT)")
        conn.execute("INSERT INTO django_migrations VALUES ('diary', '0001_initial')")
        conn.execute("CREATE TABLE diary_episode (id INTEGER PRIMARY KEY, note TEXT)")
        conn.executemany(
            "INSERT INTO diary_episode (note) VALUES (?)", [(f"cramp {i}",) for i in range(cramps)]
        )
        conn.commit()
    return path


def _count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM diary_episode").fetchone()[0])


def test_a_backup_holds_what_was_committed_while_a_writer_is_mid_transaction(
    tmp_path: Path,
) -> None:
    live = _database(tmp_path / "live.sqlite3", cramps=3)
    with closing(sqlite3.connect(live, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO diary_episode (note) VALUES ('not yet committed')")
        size = backup_sqlite(live, tmp_path / "copy.sqlite3")
        writer.execute("COMMIT")
    copy = tmp_path / "copy.sqlite3"
    assert size == copy.stat().st_size
    assert _count(copy) == 3
    assert _count(live) == 4
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file


def test_what_a_backup_holds_is_read_back(tmp_path: Path) -> None:
    live = _database(tmp_path / "live.sqlite3", cramps=1)
    backup_sqlite(live, tmp_path / "copy.sqlite3")
    contents = read_sqlite_backup(tmp_path / "copy.sqlite3")
    assert contents.tables == {"django_migrations", "diary_episode"}
    assert contents.migrations == {("diary", "0001_initial")}


def test_a_damaged_file_is_found_before_anything_is_restored(tmp_path: Path) -> None:
    live = _database(tmp_path / "live.sqlite3", cramps=2000)
    copy = tmp_path / "copy.sqlite3"
    backup_sqlite(live, copy)
    data = bytearray(copy.read_bytes())
    data[5000:9000] = b"\xff" * 4000
    copy.write_bytes(bytes(data))
    with pytest.raises(BackupError, match=r"damaged|not a nightcramp backup"):
        read_sqlite_backup(copy)


def test_only_records_outside_the_bookkeeping_tables_count(tmp_path: Path) -> None:
    assert not has_records(tmp_path / "missing.sqlite3")
    path = tmp_path / "db.sqlite3"
    _database(path, cramps=0)
    assert not has_records(path)  # django_migrations has a row, but it is bookkeeping
    _database(tmp_path / "full.sqlite3", cramps=1)
    assert has_records(tmp_path / "full.sqlite3")


def test_a_restore_reaches_connections_that_are_already_open(tmp_path: Path) -> None:
    backup = _database(tmp_path / "backup.sqlite3", cramps=5)
    live = _database(tmp_path / "live.sqlite3", cramps=1)
    with closing(sqlite3.connect(live)) as reader:
        assert reader.execute("SELECT count(*) FROM diary_episode").fetchone()[0] == 1
        restore_sqlite(backup, live)
        assert reader.execute("SELECT count(*) FROM diary_episode").fetchone()[0] == 5
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_restore_into_a_new_place_makes_the_database(tmp_path: Path) -> None:
    backup = _database(tmp_path / "backup.sqlite3", cramps=2)
    target = tmp_path / "new.sqlite3"
    restore_sqlite(backup, target)
    assert _count(target) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
