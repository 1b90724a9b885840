"""A person's nights and cramps over a range of nights: pages for the API lists, ranges for
`nightcramp history`. Ranges are inclusive and match the night's date (noon boundary)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count

from nightcramp.core.diary import Episode, Night

from . import models
from .convert import episode_to_core, night_to_core

__all__ = [
    "EpisodePage",
    "NightPage",
    "cramp_counts",
    "episode_page",
    "episodes_between",
    "night_page",
    "nights_between",
]


@dataclass(frozen=True, slots=True)
class NightPage:
    """One page of nights, oldest first; `count` is how many the whole range holds."""

    items: list[Night]
    count: int


@dataclass(frozen=True, slots=True)
class EpisodePage:
    """One page of cramps (stored rows), oldest first; `count` is how many the range holds."""

    items: list[models.Episode]
    count: int


def night_page(
    user: User, since: dt.date | None, until: dt.date | None, *, offset: int, limit: int
) -> NightPage:
    """Return `user`'s nights from `since` to `until` (None: no bound), `limit` from `offset`."""
    rows = models.Night.objects.filter(user=user)
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    page = rows.order_by("date")[offset : offset + limit]
    return NightPage([night_to_core(r) for r in page], rows.count())


def episode_page(
    user: User, since: dt.date | None, until: dt.date | None, *, offset: int, limit: int
) -> EpisodePage:
    """Return `user`'s cramps of the nights `since` to `until`, `limit` from `offset`."""
    rows = models.Episode.objects.filter(user=user)
    if since is not None:
        rows = rows.filter(night__gte=since)
    if until is not None:
        rows = rows.filter(night__lte=until)
    page = rows.order_by("started_at", "id")[offset : offset + limit]
    return EpisodePage(list(page), rows.count())


def cramp_counts(user: User, dates: Iterable[dt.date]) -> dict[dt.date, int]:
    """Return how many cramps `user` has stored for each of `dates` that has any."""
    counts = (
        models.Episode.objects.filter(user=user, night__in=list(dates))
        .values("night")
        .annotate(n=Count("id"))
    )
    return {c["night"]: c["n"] for c in counts}


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
