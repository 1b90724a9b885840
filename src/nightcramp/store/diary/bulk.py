"""Writing many diary rows at once: one prepared INSERT per batch, and SQLite staging tables.

The ORM's `bulk_create` is several times slower for a million rows, so batches go through one
prepared statement. On SQLite an import first writes to temp tables (`stage_begin`), which take
no lock on the diary, and moves them in with `commit_staged` inside the caller's transaction;
an import that replaces stored rows writes straight in, after `lock_diary`.
Field values come from `convert.episode_row` and `core.STANDARD_FACTORS`, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from nightcramp.core import diary as core

from . import models
from .convert import EPISODE_FIELDS, episode_row

__all__ = [
    "EPISODE_STAGE",
    "NIGHT_STAGE",
    "commit_staged",
    "insert_episodes",
    "insert_nights",
    "lock_diary",
    "stage_begin",
    "stage_end",
]

NIGHT_STAGE = "nightcramp_import_night"
EPISODE_STAGE = "nightcramp_import_episode"
# What a staged row holds: the diary row without its owner and times, added when moved in.
_NIGHT_VALUES = ("date", *core.STANDARD_FACTORS, "custom")
_EPISODE_VALUES = EPISODE_FIELDS
_OWNED = ("user", "created", "updated")


def _column(model: type[Model], name: str) -> str:
    column = getattr(model._meta.get_field(name), "column", None)
    assert isinstance(column, str), name
    return column


def _insert_rows(
    model: type[Model], names: Sequence[str], table: str, rows: Sequence[Sequence[Any]]
) -> None:
    """Insert `rows` into `table` with one prepared statement.

    On PostgreSQL this uses the driver's own cursor: server-side parameters and pipelined
    `executemany`, so rows do not each wait for a round trip.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, n)) for n in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.executemany(sql, rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def insert_nights(user_id: int, batch: Sequence[core.Night], table: str) -> None:
    """Insert `batch` as `user_id`'s nights into `table` (the diary's, or `NIGHT_STAGE`)."""
    ops = connection.ops
    day = _time_adapters()[1]
    rows = []
    for night in batch:
        factors = night.factors
        custom = {k: v for k, v in factors.items() if k not in core.STANDARD_FACTORS}
        rows.append(
            (
                day(night.date),
                *[factors.get(name) for name in core.STANDARD_FACTORS],
                ops.adapt_json_value(custom, None),
            )
        )
    _insert_owned(models.Night, _NIGHT_VALUES, user_id, table, rows)


def insert_episodes(user_id: int, batch: Sequence[core.Episode], table: str) -> None:
    """Insert `batch` as `user_id`'s episodes into `table` (the diary's, or `EPISODE_STAGE`)."""
    ops = connection.ops
    when, day = _time_adapters()
    relief_json: dict[tuple[str, ...], Any] = {}  # few distinct lists: adapt each once
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for episode in batch:
        start, offset, night, muscle, side, minutes, severity, relief, worked, woke, notes = (
            episode_row(episode)
        )
        adapted = relief_json.get(relief)
        if adapted is None:
            adapted = relief_json[relief] = ops.adapt_json_value(list(relief), None)
        append(
            (
                when(start),
                offset,
                day(night),
                muscle,
                side,
                minutes,
                severity,
                adapted,
                worked,
                woke,
                notes,
            )
        )
    _insert_owned(models.Episode, _EPISODE_VALUES, user_id, table, rows)


def _insert_owned(
    model: type[Model],
    names: Sequence[str],
    user_id: int,
    table: str,
    rows: list[tuple[Any, ...]],
) -> None:
    """Insert `rows` (values of `names`) into `table`: a stage as they are; the diary's own
    table with their owner and times."""
    if table in (NIGHT_STAGE, EPISODE_STAGE):
        _insert_rows(model, names, table, rows)
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    owned = [(user_id, *row, now, now) for row in rows]
    _insert_rows(model, ("user", *names, "created", "updated"), table, owned)


_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NAIVE_EPOCH = dt.datetime(1970, 1, 1)


def _sqlite_instant(local: dt.datetime) -> str:
    """What Django's SQLite backend stores for an aware time: the UTC time, as text."""
    return str(_NAIVE_EPOCH + (local - _UTC_EPOCH))


def _time_adapters() -> tuple[Callable[[dt.datetime], Any], Callable[[dt.date], Any]]:
    """The database values of an aware time and a date, as Django's backend writes them.

    On SQLite, Django stores the UTC time and the date as text; these two do the same without
    the backend's per-value checks (a million cramps). Elsewhere, the backend's own adapters.
    """
    if connection.vendor == "sqlite":
        return _sqlite_instant, str
    ops = connection.ops
    return ops.adapt_datetimefield_value, ops.adapt_datefield_value


def stage_begin() -> None:
    """Create empty temp tables shaped like the diary tables.

    SQLite keeps temp tables in a separate database, so writing them takes no lock on the
    diary: other writers (the web app) carry on while a large file is read.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for stage, model in ((NIGHT_STAGE, models.Night), (EPISODE_STAGE, models.Episode)):
            cursor.execute(f"DROP TABLE IF EXISTS temp.{stage}")
            cursor.execute(
                f"CREATE TEMP TABLE {stage} AS "
                f"SELECT * FROM main.{quote(model._meta.db_table)} WHERE 0"
            )


def commit_staged(user_id: int) -> None:
    """Move the staged rows into `user_id`'s diary (inside the caller's transaction)."""
    quote = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for stage, model, names in (
            (NIGHT_STAGE, models.Night, _NIGHT_VALUES),
            (EPISODE_STAGE, models.Episode, _EPISODE_VALUES),
        ):
            values = ", ".join(quote(_column(model, n)) for n in names)
            owned = ", ".join(quote(_column(model, n)) for n in _OWNED)
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({owned}, {values}) "
                f"SELECT %s, %s, %s, {values} FROM temp.{stage} ORDER BY rowid",
                [user_id, now, now],
            )


def lock_diary(user_id: int) -> None:
    """Inside a transaction, keep other writers out of the diary until it ends.

    On SQLite, a write (that changes nothing) takes the database's write lock now, before the
    stored rows are read. PostgreSQL locks the rows read for update instead (`stored_rows`).
    """
    if connection.vendor != "sqlite":
        return
    table = connection.ops.quote_name(models.Night._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE user_id = %s AND 0", [user_id])


def stage_end() -> None:
    """Drop the temp tables (whether the import was stored or not)."""
    with connection.cursor() as cursor:
        for stage in (NIGHT_STAGE, EPISODE_STAGE):
            cursor.execute(f"DROP TABLE IF EXISTS temp.{stage}")
