"""Diary import (all or nothing) and, re-exported from `export`, the matching export queries.

Import streams each file through the core readers, which apply the diary's field rules to every
cell. Every night and cramp is then checked against the record rules that need the clock or
several fields (`core.diary_limits`: nothing after the current night, nothing before 1900,
standing plus sitting hours at most 24), with the clock read once per import. Rows are written
in batches (`bulk`): on SQLite to temp tables, which take no lock on the diary, moved in by one
short transaction at the end; on PostgreSQL, and for `replace` on SQLite too, straight in, inside
one transaction that also reads the stored rows it merges (nothing changes them meanwhile: the
SQLite diary is locked, PostgreSQL rows are selected for update). Either way,
any problem rolls everything back after listing every problem found (up to a cap), each naming
file, row and field. A row that matches a stored one (night date; episode start, muscle and
side) is a conflict unless `replace` is given; then it replaces only what its file holds
(`import_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.json_diary import is_json_file

from . import bulk
from .export import (
    custom_factor_names,
    export_medications,
    export_profile,
    iter_export_episodes,
    iter_export_nights,
)
from .importer import BATCH_SIZE, DiaryImport, ImportResult, Progress

__all__ = [
    "BATCH_SIZE",
    "ImportResult",
    "Progress",
    "custom_factor_names",
    "export_medications",
    "export_profile",
    "import_files",
    "iter_export_episodes",
    "iter_export_nights",
]


def _read_files(diary_import: DiaryImport, paths: Sequence[Path]) -> None:
    for path in paths:
        label = str(path)
        diary_import.result.files.append(label)
        if is_json_file(path):
            diary_import.add_json(path, label)
        else:
            diary_import.add_csv(path, label)


def import_files(
    user: User,
    paths: Sequence[Path],
    *,
    replace: bool = False,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Import diary files (CSV by header, or the JSON export) for `user`, all or nothing.

    Raises InputErrors listing every problem (file:row:field: reason, capped) and stores
    nothing when any file or row is invalid or conflicts with a stored row without `replace`.
    `now` (default: the local time, read once) is the clock for the rule against the future.
    """
    staged = connection.vendor == "sqlite" and not replace
    clock = timezone.localtime() if now is None else now
    total = sum(p.stat().st_size for p in paths)
    try:
        if staged:
            diary_import = DiaryImport(
                user, replace=False, progress=progress, staged=True, now=clock
            )
            diary_import.total_bytes = total
            bulk.stage_begin()
            try:
                _read_files(diary_import, paths)
                diary_import.raise_if_problems()
                with transaction.atomic():
                    bulk.commit_staged(user.pk)
                    diary_import.finish()
            finally:
                bulk.stage_end()
        else:
            # `replace` merges stored rows into imported ones: they are read, merged and
            # written in one transaction, with the diary locked first (`bulk.lock_diary`).
            with transaction.atomic():
                bulk.lock_diary(user.pk)
                diary_import = DiaryImport(
                    user, replace=replace, progress=progress, staged=False, now=clock
                )
                diary_import.total_bytes = total
                _read_files(diary_import, paths)
                diary_import.finish()
        return diary_import.result
    except IntegrityError:
        # Another writer stored a matching night or cramp while this import ran.
        raise InputErrors(
            [InputError("a matching night or cramp was stored while importing; try again")]
        ) from None
