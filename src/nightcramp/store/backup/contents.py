"""What a nightcramp backup holds: the tables and migrations that say it is one of ours, and
whether this version can read it. Both engines' checks end here, with the same words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nightcramp.store.account.names import LOCAL_USERNAME

from .database import BackupError

__all__ = [
    "BOOKKEEPING_TABLES",
    "NOT_RECORDS",
    "Contents",
    "check_contents",
    "shipped_migrations",
]

# Tables that every migrated database fills by itself: rows in them are not a person's records.
BOOKKEEPING_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "django_session"}
)
# Rows that are not a person's records although they sit in such a table: the local user,
# whom any command creates on first use (a new home where someone ran `history` still holds
# no records). Table -> (column, value of the rows that do not count).
NOT_RECORDS = {"auth_user": ("username", LOCAL_USERNAME)}


# Present in every nightcramp database since 0.1.
_REQUIRED_TABLES = ("django_migrations", "auth_user", "diary_night", "diary_episode")
_REQUIRED_APPS = ("account", "diary")
_STORE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Contents:
    """The tables of a backup and the migrations it records as applied (app, name); once its
    rows are checked, the rows that break the rules of entry (lines to show)."""

    tables: frozenset[str]
    migrations: frozenset[tuple[str, str]]
    warnings: tuple[str, ...] = ()


def shipped_migrations() -> dict[str, frozenset[str]]:
    """The migrations this version ships, by app label (the store's apps)."""
    found: dict[str, frozenset[str]] = {}
    for folder in sorted(_STORE.glob("*/migrations")):
        names = frozenset(p.stem for p in folder.glob("[0-9]*.py"))
        if names:
            found[folder.parent.name] = names
    return found


def check_contents(file: Path, contents: Contents) -> None:
    """Raise BackupError unless `contents` (read from `file`) is a nightcramp database that
    this version can use: older versions' backups are fine (the app migrates them forward)."""
    missing = [t for t in _REQUIRED_TABLES if t not in contents.tables]
    apps = {app for app, _ in contents.migrations}
    if missing or any(app not in apps for app in _REQUIRED_APPS):
        raise BackupError(
            f"{file} is not a nightcramp backup: it has no diary tables. Nothing was changed."
        )
    newer = _unknown(contents.migrations, shipped_migrations())
    if newer:
        raise BackupError(
            f"{file} was made by a newer version of nightcramp (it has changes this version "
            f"does not know: {', '.join(newer[:3])}). Upgrade nightcramp, then restore it. "
            "Nothing was changed."
        )


def _unknown(applied: Iterable[tuple[str, str]], shipped: dict[str, frozenset[str]]) -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in applied if app in shipped and name not in shipped[app]
    )
