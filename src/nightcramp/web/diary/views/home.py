"""The home page: "Cramp now", a three-tap cramp log, tonight's check-in and the last 7 nights."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nightcramp.core.triage import Disposition
from nightcramp.core.triage.history_wording import load_history_wording
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import episode_to_core
from nightcramp.store.diary.queries import current_night, marks_between
from nightcramp.store.diary.summary import diary_summary
from nightcramp.store.triage.history import (
    OPEN_DAYS,
    TriageEntry,
    entry_of,
    leading_result,
    reminder_title,
)
from nightcramp.store.triage.models import TriageRecord
from nightcramp.store.triage.services import assess_here, emergency_signs_in
from nightcramp.web.diary.forms import QuickEpisodeForm
from nightcramp.web.experiments.views import home_context

from .person import person
from .words import episode_words

__all__ = ["home"]


def _saved_episode(request: HttpRequest) -> models.Episode | None:
    raw = request.GET.get("saved", "")
    if not raw.isdigit():
        return None
    return models.Episode.objects.filter(user=person(request), pk=int(raw)).first()


def _triage_context(request: HttpRequest) -> dict[str, object]:
    """The open result that leads (most urgent of the last 14 days), with its "I have been
    seen" button; or the thanks after pressing it."""
    from nightcramp.web.triage.views import day_words

    user = person(request)
    words = load_history_wording()
    now = timezone.now()
    leading = leading_result(user, now=now)
    shown: TriageEntry | None = leading if leading is not None and leading.open else None
    # A booking ("within about two weeks") is not kept open, but for those two weeks the home
    # page reminds of it until it is marked seen to.
    booked = (
        leading
        if leading is not None
        and shown is None
        and leading.disposition is Disposition.SOON
        and not leading.resolved
        and leading.at >= now - dt.timedelta(days=OPEN_DAYS)
        else None
    )
    entry = shown or booked
    title = "" if entry is None else reminder_title(entry.at, entry.label)
    seen = ""
    raw = request.GET.get("seen", "")
    found = raw.isdigit() and len(raw) < 19
    record = TriageRecord.objects.filter(user=user, pk=int(raw)).first() if found else None
    if record is not None and record.resolved_at is not None:
        seen = words.reminder.seen_done.format(date=day_words(entry_of(record).at))
    return {
        "open_check": shown,
        "booked_check": booked,
        "open_check_title": title,
        # Every urgent result names the signs that make it an emergency (VOCABULARY rule 5).
        # Worked out again from its answers with this installation's number and words, so that
        # a changed emergency number or wording never leaves the line out.
        "open_check_signs": ""
        if shown is None
        else emergency_signs_in(assess_here(dict(shown.answers)).advice),
        "seen_check": seen,
        "words": words,
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = person(request)
    tonight = current_night()
    # Calf is the diary's default muscle; the side and the pain stay "not sure" until tapped.
    form = QuickEpisodeForm(initial={"muscle": "calf", "form_key": uuid.uuid4().hex})
    marks = marks_between(user, tonight - dt.timedelta(days=6), tonight)
    saved = _saved_episode(request)
    context = {
        "form": form,
        "tonight": tonight,
        "today": timezone.localdate(),
        "checked_in": models.Night.objects.filter(user=user, date=tonight).exists(),
        "strip": [marks[d] for d in sorted(marks)],
        "saved": saved,
        "saved_words": None if saved is None else episode_words(episode_to_core(saved)),
        "saved_time": None if saved is None else episode_to_core(saved).started_at,
        # A cramp after midnight counts for the evening before: say so.
        "saved_other_night": None
        if saved is None or saved.night == timezone.localtime(saved.started_at).date()
        else saved.night,
        "checkin_saved": request.GET.get("checked") == "1",
        "summary": diary_summary(user),
        **_triage_context(request),
        **home_context(user, timezone.now()),
        "shared_with_me": _shared_with_me(user),
    }
    return render(request, "diary/home.html", context)


def _shared_with_me(user: User) -> int | None:
    """For a clinician's account: how many people share their diary with it now (the home page
    points to them); None for everyone else."""
    from nightcramp.store.sharing.clinicians import is_clinician
    from nightcramp.store.sharing.grants import granted_people

    if not is_clinician(user):
        return None
    return len(granted_people(user, now=timezone.now()))  # one grant per person
