"""A person's diary in numbers, for every screen and command (see core.diary_summary)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.diary_summary import DiarySummary, summarize

from . import models

__all__ = ["diary_summary"]


def diary_summary(
    user: User,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> DiarySummary:
    """Return `user`'s diary summary from `since` to `until` (default: the whole diary)."""
    nights = models.Night.objects.filter(user=user).values_list("date", flat=True)
    cramps = models.Episode.objects.filter(user=user).values_list("night", flat=True)
    return summarize(
        nights.iterator(),
        cramps.iterator(),
        today=today or timezone.localdate(),
        since=since,
        until=until,
    )
