"""Backups of the whole database, and restores: SQLite through its online backup API,
PostgreSQL through pg_dump and pg_restore."""

from .actions import (
    BackupFile,
    Restored,
    RestoreRefused,
    backup_database,
    check_backup,
    restore_database,
)
from .database import BackupError, Engine, database_of

__all__ = [
    "BackupError",
    "BackupFile",
    "Engine",
    "RestoreRefused",
    "Restored",
    "backup_database",
    "check_backup",
    "database_of",
    "restore_database",
]
