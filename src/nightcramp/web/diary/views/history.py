"""History: a month calendar with cramp nights marked by severity, and the month's cramps."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nightcramp.store.diary import models
from nightcramp.store.diary.convert import episode_to_core, night_to_core
from nightcramp.store.diary.marks import month_weeks, shift_month
from nightcramp.store.diary.queries import current_night, marks_between
from nightcramp.store.diary.summary import diary_summary

from .person import person
from .undo import pending
from .words import episode_words

__all__ = ["history"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(raw: str | None) -> tuple[int, int]:
    today = timezone.localdate()
    match = _MONTH.match(raw or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 1900 <= year <= 9998 and 1 <= month <= 12:
            return year, month
    return today.year, today.month


def _item(row: models.Episode) -> dict[str, object]:
    episode = episode_to_core(row)
    return {"row": row, "episode": episode, "words": episode_words(episode)}


@login_required
def history(request: HttpRequest) -> HttpResponse:
    """The month `?month=YYYY-MM` (default this month): calendar, then cramps and nights."""
    user = person(request)
    year, month = _month(request.GET.get("month"))
    weeks = month_weeks(year, month)
    first = dt.date(year, month, 1)
    last = shift_month(year, month, 1)
    last_day = dt.date(*last, 1) - dt.timedelta(days=1)
    marks = marks_between(user, first, last_day)
    rows = models.Episode.objects.filter(user=user, night__range=(first, last_day)).order_by(
        "-started_at", "-id"
    )
    nights = models.Night.objects.filter(user=user, date__range=(first, last_day)).order_by("-date")
    today = timezone.localdate()
    # The month's numbers, counted as on every other screen; days still to come are not missing.
    summary = diary_summary(user, since=first, until=max(first, min(last_day, today)), today=today)
    token = request.GET.get("undo")
    undo_kind = pending(request, token)
    context = {
        "month_start": first,
        "prev_month": "{:04d}-{:02d}".format(*shift_month(year, month, -1)),
        "next_month": "{:04d}-{:02d}".format(*last),
        "weeks": [[None if d is None else marks[d] for d in week] for week in weeks],
        "episodes": [_item(row) for row in rows],
        "nights": [(night_to_core(n), marks[n.date]) for n in nights],
        "undo_token": token if undo_kind else None,
        "undo_kind": undo_kind,
        "today": today,
        "tonight": current_night(),  # later days are still to come: blank, not "not logged"
        "summary": summary,
    }
    return render(request, "diary/history.html", context)
