"""A person's nights and cramps over a range of nights: pages for the API lists, ranges for
`nightcramp history`. Ranges are inclusive and match the night's date (noon boundary)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import User
from django.db import connection

from nightcramp.core.diary import Episode, Night

from . import models
from .convert import episode_to_core, night_to_core

__all__ = [
    "EpisodePage",
    "NightPage",
    "cramps_of_night",
    "episode_page",
    "episodes_between",
    "night_page",
    "nights_between",
]


@dataclass(frozen=True, slots=True)
class NightPage:
    """One page of nights, oldest first; `count` is how many the whole range holds and
    `cramps` how many cramps each night of the page has (nights with none left out)."""

    items: list[Night]
    count: int
    cramps: dict[dt.date, int]


@dataclass(frozen=True, slots=True)
class EpisodePage:
    """One page of cramps (stored rows), oldest first; `count` is how many the range holds."""

    items: list[models.Episode]
    count: int


# The API's lists run on every diary read, so each page is one plain query: the rows, the
# range's total (a window count) and, for nights, each night's cramps. The ORM would need three
# queries and costs more to build them than the database takes to answer.


def _range_sql(column: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    sql = ""
    params: list[Any] = []
    if since is not None:
        sql += f" AND {column} >= %s"
        params.append(since)
    if until is not None:
        sql += f" AND {column} <= %s"
        params.append(until)
    return sql, params


# Columns a page does not show: reading them only costs time (each timestamp is parsed in
# Python).
_NOT_READ = frozenset({"created", "updated"})


def _fetch(
    model: type[models.Night] | type[models.Episode], sql: str, params: list[Any]
) -> list[Any]:
    """The rows of a plain query on `model`'s table, each an object with the model's column
    names as attributes (`pk` too), every column converted as the ORM converts it. Not model
    instances: on a page of a hundred rows, making them costs more than the query."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        fetched = cursor.fetchall()
    fields = {field.column: field for field in model._meta.concrete_fields}
    converters = []
    for i, name in enumerate(names):
        if name in fields:
            col = fields[name].get_col(model._meta.db_table)
            found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if found:
                converters.append((i, col, found))
    rows: list[Any] = []
    for values in fetched:
        if converters:
            values = list(values)
            for i, col, functions in converters:
                for function in functions:
                    values[i] = function(values[i], col, connection)
        row = SimpleNamespace(**dict(zip(names, values, strict=True)))
        row.pk = row.id
        rows.append(row)
    return rows


def _page(
    model: type[models.Night] | type[models.Episode],
    *,
    night_column: str,
    also: str,
    order: str,
    user: User,
    since: dt.date | None,
    until: dt.date | None,
    offset: int,
    limit: int,
) -> tuple[list[Any], int]:
    """Rows `offset` to `offset + limit` of `user`'s rows of `model` whose night is in the
    range (alias `r`, with the extra columns `also`), and how many the whole range holds."""
    where, params = _range_sql(f"r.{night_column}", since, until)
    source = f"FROM {model._meta.db_table} r WHERE r.user_id = %s{where}"
    columns = ", ".join(
        f"r.{connection.ops.quote_name(field.column)}"
        for field in model._meta.concrete_fields
        if field.name not in _NOT_READ
    )
    rows = _fetch(
        model,
        f"SELECT {columns}, COUNT(*) OVER () AS range_total{also} {source}"
        f" ORDER BY {order} LIMIT %s OFFSET %s",
        [user.pk, *params, limit, offset],
    )
    if rows:
        return rows, int(rows[0].range_total)
    with connection.cursor() as cursor:  # a page past the end: the range's total alone
        cursor.execute(f"SELECT COUNT(*) {source}", [user.pk, *params])
        found = cursor.fetchone()
    return rows, int(found[0]) if found else 0


def night_page(
    user: User, since: dt.date | None, until: dt.date | None, *, offset: int, limit: int
) -> NightPage:
    """Return `user`'s nights from `since` to `until` (None: no bound), `limit` from `offset`."""
    rows, count = _page(
        models.Night,
        night_column="date",
        also=f", (SELECT COUNT(*) FROM {models.Episode._meta.db_table} e"
        " WHERE e.user_id = r.user_id AND e.night = r.date) AS night_cramps",
        order="r.date",
        user=user,
        since=since,
        until=until,
        offset=offset,
        limit=limit,
    )
    cramps = {r.date: int(r.night_cramps) for r in rows if r.night_cramps}
    return NightPage([night_to_core(r) for r in rows], count, cramps)


def episode_page(
    user: User, since: dt.date | None, until: dt.date | None, *, offset: int, limit: int
) -> EpisodePage:
    """Return `user`'s cramps of the nights `since` to `until`, `limit` from `offset`."""
    rows, count = _page(
        models.Episode,
        night_column="night",
        also="",
        order="r.started_at, r.id",
        user=user,
        since=since,
        until=until,
        offset=offset,
        limit=limit,
    )
    return EpisodePage(rows, count)


def cramps_of_night(user: User, date: dt.date) -> int:
    """How many cramps `user` has stored for the night of `date` (one plain query: the API
    answers every saved night with it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {models.Episode._meta.db_table}"
            " WHERE user_id = %s AND night = %s",
            [user.pk, date],
        )
        found = cursor.fetchone()
    return int(found[0]) if found else 0


def nights_between(user: User, first: dt.date, last: dt.date) -> dict[dt.date, Night]:
    """Return `user`'s logged nights from `first` to `last`, by date."""
    rows = models.Night.objects.filter(user=user, date__range=(first, last))
    return {r.date: night_to_core(r) for r in rows}


def episodes_between(
    user: User, first: dt.date, last: dt.date
) -> dict[dt.date, list[tuple[int, Episode]]]:
    """Return `user`'s cramps of the nights `first` to `last` as (id, cramp), by night, in order."""
    found: dict[dt.date, list[tuple[int, Episode]]] = {}
    rows = models.Episode.objects.filter(user=user, night__range=(first, last)).order_by(
        "started_at", "id"
    )
    for row in rows:
        found.setdefault(row.night, []).append((row.pk, episode_to_core(row)))
    return found
