"""A nightcramp backup is recognised by its tables and migrations; a newer one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from nightcramp.store.backup.contents import Contents, check_contents, shipped_migrations
from nightcramp.store.backup.database import BackupError

TABLES = frozenset({"django_migrations", "auth_user", "diary_night", "diary_episode"})
OLD = frozenset({("account", "0001_initial"), ("diary", "0001_initial")})
FILE = Path("backup.sqlite3")


def test_this_version_ships_the_diary_migrations() -> None:
    shipped = shipped_migrations()
    assert "0001_initial" in shipped["diary"]
    assert "0001_initial" in shipped["account"]


def test_an_older_backup_is_accepted() -> None:
    check_contents(FILE, Contents(tables=TABLES, migrations=OLD))


def test_a_database_without_the_diary_is_not_a_backup() -> None:
    with pytest.raises(BackupError, match="not a nightcramp backup"):
        check_contents(FILE, Contents(tables=TABLES - {"diary_episode"}, migrations=OLD))
    with pytest.raises(BackupError, match="not a nightcramp backup"):
        check_contents(FILE, Contents(tables=TABLES, migrations=frozenset()))


def test_a_backup_with_a_store_migration_this_version_lacks_is_newer() -> None:
    newer = OLD | {("triage", "0999_later")}
    with pytest.raises(BackupError, match=r"newer version .*triage\.0999_later"):
        check_contents(FILE, Contents(tables=TABLES, migrations=newer))


def test_migrations_of_other_apps_do_not_matter() -> None:
    others = OLD | {("sessions", "0999_later"), ("axes", "0001_initial")}
    check_contents(FILE, Contents(tables=TABLES, migrations=others))
