"""Writing many diary rows at once: one prepared INSERT per batch, and SQLite staging tables.

The ORM's `bulk_create` is several times slower for a million rows, so batches go through one
prepared statement. On SQLite an import first writes to temp tables (`stage_begin`), which take
no lock on the diary, and moves them in with `commit_staged` inside the caller's transaction.
Field values come from `convert.episode_fields` and `core.STANDARD_FACTORS`, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from nightcramp.core import diary as core

from . import models
from .convert import episode_fields

__all__ = [
    "EPISODE_STAGE",
    "NIGHT_STAGE",
    "commit_staged",
    "insert_episodes",
    "insert_nights",
    "stage_begin",
    "stage_end",
]

NIGHT_STAGE = "nightcramp_import_night"
EPISODE_STAGE = "nightcramp_import_episode"
_NIGHT_COLUMNS = ("user", "date", *core.STANDARD_FACTORS, "custom", "created", "updated")
_EPISODE_COLUMNS = (
    "user",
    "started_at",
    "utc_offset_min",
    "night",
    "muscle",
    "side",
    "duration_min",
    "severity",
    "relief",
    "relief_worked",
    "woke_from_sleep",
    "notes",
    "created",
    "updated",
)


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
    now = ops.adapt_datetimefield_value(timezone.now())
    rows = []
    for night in batch:
        factors = night.factors
        custom = {k: v for k, v in factors.items() if k not in core.STANDARD_FACTORS}
        rows.append(
            (
                user_id,
                ops.adapt_datefield_value(night.date),
                *[factors.get(name) for name in core.STANDARD_FACTORS],
                ops.adapt_json_value(custom, None),
                now,
                now,
            )
        )
    _insert_rows(models.Night, _NIGHT_COLUMNS, table, rows)


def insert_episodes(user_id: int, batch: Sequence[core.Episode], table: str) -> None:
    """Insert `batch` as `user_id`'s episodes into `table` (the diary's, or `EPISODE_STAGE`)."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    relief_json: dict[tuple[str, ...], Any] = {}  # few distinct lists: adapt each once
    rows = []
    for episode in batch:
        f = episode_fields(episode)
        relief = tuple(f["relief"])
        adapted = relief_json.get(relief)
        if adapted is None:
            adapted = relief_json[relief] = ops.adapt_json_value(f["relief"], None)
        rows.append(
            (
                user_id,
                ops.adapt_datetimefield_value(f["started_at"]),
                f["utc_offset_min"],
                ops.adapt_datefield_value(f["night"]),
                f["muscle"],
                f["side"],
                f["duration_min"],
                f["severity"],
                adapted,
                f["relief_worked"],
                f["woke_from_sleep"],
                f["notes"],
                now,
                now,
            )
        )
    _insert_rows(models.Episode, _EPISODE_COLUMNS, table, rows)


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


def commit_staged(user_id: int, *, replace: bool) -> None:
    """Move the staged rows into the diary (inside the caller's transaction).

    With `replace`, stored rows that a staged row matches (night date; episode start, muscle
    and side) are deleted first: the staged row already holds what is kept of them.
    """
    quote = connection.ops.quote_name
    nights = quote(models.Night._meta.db_table)
    episodes = quote(models.Episode._meta.db_table)
    with connection.cursor() as cursor:
        if replace:
            cursor.execute(
                f"DELETE FROM {nights} WHERE user_id = %s "
                f"AND date IN (SELECT date FROM temp.{NIGHT_STAGE})",
                [user_id],
            )
            cursor.execute(
                f"CREATE INDEX temp.{EPISODE_STAGE}_start ON {EPISODE_STAGE} (started_at)"
            )
            cursor.execute(
                f"DELETE FROM {episodes} WHERE user_id = %s AND EXISTS ("
                f"SELECT 1 FROM temp.{EPISODE_STAGE} AS s "
                f"WHERE s.started_at = {episodes}.started_at "
                f"AND s.muscle = {episodes}.muscle AND s.side IS {episodes}.side)",
                [user_id],
            )
        for stage, model, names in (
            (NIGHT_STAGE, models.Night, _NIGHT_COLUMNS),
            (EPISODE_STAGE, models.Episode, _EPISODE_COLUMNS),
        ):
            columns = ", ".join(quote(_column(model, n)) for n in names)
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"SELECT {columns} FROM temp.{stage} ORDER BY rowid"
            )


def stage_end() -> None:
    """Drop the temp tables (whether the import was stored or not)."""
    with connection.cursor() as cursor:
        for stage in (NIGHT_STAGE, EPISODE_STAGE):
            cursor.execute(f"DROP TABLE IF EXISTS temp.{stage}")
