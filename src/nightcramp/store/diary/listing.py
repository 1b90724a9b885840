"""A person's nights and cramps over a range of nights: pages for the API lists, ranges for
`nightcramp history`. Ranges are inclusive and match the night's date (noon boundary)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import QuerySet

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


def _range_sql(
    column: str, since: dt.date | None, until: dt.date | None
) -> tuple[str, list[object]]:
    sql = ""
    params: list[object] = []
    if since is not None:
        sql += f" AND {column} >= %s"
        params.append(since)
    if until is not None:
        sql += f" AND {column} <= %s"
        params.append(until)
    return sql, params


def night_page(
    user: User, since: dt.date | None, until: dt.date | None, *, offset: int, limit: int
) -> NightPage:
    """Return `user`'s nights from `since` to `until` (None: no bound), `limit` from `offset`."""
    nights, episodes = models.Night._meta.db_table, models.Episode._meta.db_table
    where, params = _range_sql("n.date", since, until)
    rows = list(
        models.Night.objects.raw(
            f"SELECT n.*, COUNT(*) OVER () AS range_total,"
            f" (SELECT COUNT(*) FROM {episodes} e"
            f" WHERE e.user_id = n.user_id AND e.night = n.date) AS night_cramps"
            f" FROM {nights} n WHERE n.user_id = %s{where}"
            f" ORDER BY n.date LIMIT %s OFFSET %s",
            [user.pk, *params, limit, offset],
        )
    )
    if rows:
        count = int(rows[0].range_total)  # type: ignore[attr-defined]  # raw column
    else:
        count = _count(models.Night.objects.filter(user=user), "date", since, until)
    cramps = {r.date: int(r.night_cramps) for r in rows if r.night_cramps}  # type: ignore[attr-defined]  # raw column
    return NightPage([night_to_core(r) for r in rows], count, cramps)


def episode_page(
    user: User, since: dt.date | None, until: dt.date | None, *, offset: int, limit: int
) -> EpisodePage:
    """Return `user`'s cramps of the nights `since` to `until`, `limit` from `offset`."""
    where, params = _range_sql("e.night", since, until)
    rows = list(
        models.Episode.objects.raw(
            f"SELECT e.*, COUNT(*) OVER () AS range_total FROM {models.Episode._meta.db_table} e"
            f" WHERE e.user_id = %s{where} ORDER BY e.started_at, e.id LIMIT %s OFFSET %s",
            [user.pk, *params, limit, offset],
        )
    )
    if rows:
        count = int(rows[0].range_total)  # type: ignore[attr-defined]  # raw column
    else:
        count = _count(models.Episode.objects.filter(user=user), "night", since, until)
    return EpisodePage(rows, count)


def _count(rows: QuerySet[Any], field: str, since: dt.date | None, until: dt.date | None) -> int:
    """How many rows the range holds (asked only when the page itself is empty)."""
    if since is not None:
        rows = rows.filter(**{f"{field}__gte": since})
    if until is not None:
        rows = rows.filter(**{f"{field}__lte": until})
    return rows.count()


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
