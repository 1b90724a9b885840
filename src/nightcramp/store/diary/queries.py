"""Small reads of a person's diary that several screens share."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from nightcramp.core.diary import Night, night_of
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import night_to_core

from .marks import NightMark, mark_nights

__all__ = [
    "check_medicine_room",
    "current_night",
    "marks_between",
    "medications_of",
    "night_before",
]


def current_night() -> dt.date:
    """The night a cramp logged right now would belong to (noon boundary, local time)."""
    return night_of(timezone.localtime())


def marks_between(user: User, first: dt.date, last: dt.date) -> dict[dt.date, NightMark]:
    """Each night from `first` to `last` (inclusive) marked missing, cramp-free or with cramps."""
    logged = models.Night.objects.filter(user=user, date__range=(first, last)).values_list(
        "date", flat=True
    )
    severities: dict[dt.date, list[int | None]] = defaultdict(list)
    rows = models.Episode.objects.filter(user=user, night__range=(first, last)).values_list(
        "night", "severity"
    )
    for night, severity in rows:
        severities[night].append(severity)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return {m.date: m for m in mark_nights(days, logged, severities)}


def night_before(user: User, date: dt.date) -> Night | None:
    """The most recent logged night before `date`, whose answers the check-in offers again."""
    row = models.Night.objects.filter(user=user, date__lt=date).order_by("-date").first()
    return None if row is None else night_to_core(row)


def medications_of(user: User) -> QuerySet[models.Medication]:
    """`user`'s medicines in the order people read a list: alphabetical whatever the capitals
    ("atorvastatin" before "Lasix"), then as typed, then as entered."""
    return models.Medication.objects.filter(user=user).order_by(Lower("name"), "name", "id")


def check_medicine_room(user: User, adding: int, *, file: str | None = None) -> None:
    """Raise InputError (field `medications`) when `adding` more medicines would take
    `user`'s list past `MAX_NAMES`, the most the checks read: every way in (the web form,
    the API, an import) keeps the list within it, so no screen meets a list it refuses."""
    from nightcramp.core.errors import InputError
    from nightcramp.core.meds import MAX_NAMES

    have = models.Medication.objects.filter(user=user).count()
    if adding > 0 and have + adding > MAX_NAMES:
        raise InputError(
            f"would make {have + adding:,} medicines; at most {MAX_NAMES} are kept",
            file=file,
            field="medications",
        )
