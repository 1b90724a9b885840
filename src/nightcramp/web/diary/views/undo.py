"""Undo the last delete: the deleted cramp or check-in is kept in the session until then."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.core.errors import InputError
from nightcramp.store.diary.convert import episode_to_core
from nightcramp.store.diary.episodes import CONFLICT, EpisodeConflict, log_episode
from nightcramp.store.diary.nights import SaveMode, find_night, save_night

from .person import person
from .words import episode_words

__all__ = ["episode_data", "pending", "remember", "undo"]

_SESSION_KEY = "diary_undo"
_NIGHT_TAKEN = "That night has a new check-in."


def episode_data(episode: Episode) -> dict[str, Any]:
    """A cramp as JSON-safe data for the session."""
    return {
        "started_at": episode.started_at.isoformat(),
        "muscle": episode.muscle.value,
        "side": episode.side.value if episode.side else None,
        "duration_min": episode.duration_min,
        "severity": episode.severity,
        "relief": [r.value for r in episode.relief],
        "relief_worked": episode.relief_worked.value if episode.relief_worked else None,
        "woke_from_sleep": episode.woke_from_sleep,
        "notes": episode.notes,
    }


def _episode(data: dict[str, Any]) -> Episode:
    return Episode(
        started_at=dt.datetime.fromisoformat(data["started_at"]),
        muscle=Muscle(data["muscle"]),
        side=Side(data["side"]) if data["side"] else None,
        duration_min=data["duration_min"],
        severity=data["severity"],
        relief=tuple(Relief(r) for r in data["relief"]),
        relief_worked=Relief(data["relief_worked"]) if data["relief_worked"] else None,
        woke_from_sleep=data["woke_from_sleep"],
        notes=data["notes"],
    )


def remember(request: HttpRequest, kind: str, data: dict[str, Any]) -> str:
    """Keep a deleted record ("episode" or "night") so Undo can bring it back; return its token."""
    token = uuid.uuid4().hex
    request.session[_SESSION_KEY] = {"token": token, "kind": kind, "data": data}
    return token


def pending(request: HttpRequest, token: str | None) -> str | None:
    """The kind of delete that `token` can still undo, or None."""
    stored = request.session.get(_SESSION_KEY) or {}
    if token and stored.get("token") == token:
        return str(stored.get("kind"))
    return None


def _cannot(request: HttpRequest, message: str) -> HttpResponse:
    context = {"conflict": True, "message": message}
    return render(request, "diary/undo_gone.html", context, status=409)


def _restore_night(request: HttpRequest, data: dict[str, Any]) -> HttpResponse | None:
    user = person(request)
    date = dt.date.fromisoformat(data["date"])
    if find_night(user, date) is not None:
        return _cannot(request, _NIGHT_TAKEN)
    try:
        save_night(user, date, data["factors"], mode=SaveMode.REPLACE)
    except InputError as error:
        return _cannot(request, str(error))
    return None


@login_required
@require_POST
def undo(request: HttpRequest) -> HttpResponse:
    """Bring back the record deleted last, if the token matches."""
    user = person(request)
    stored = request.session.get(_SESSION_KEY)
    if not stored or stored.get("token") != request.POST.get("token", ""):
        return render(request, "diary/undo_gone.html", status=404)
    if stored["kind"] == "night":
        refused = _restore_night(request, stored["data"])
        if refused is not None:
            return refused
        del request.session[_SESSION_KEY]
        month = stored["data"]["date"][:7]
        return HttpResponseRedirect(f"{reverse('diary:history')}?month={month}")
    try:
        row = log_episode(user, _episode(stored["data"]))
    except EpisodeConflict:
        return _cannot(request, CONFLICT)
    except InputError as error:
        return _cannot(request, str(error))
    del request.session[_SESSION_KEY]
    if getattr(request, "htmx", False):
        restored = episode_to_core(row)
        words = episode_words(restored)
        context = {"row": row, "episode": restored, "title": words.title, "details": words.details}
        return render(request, "diary/_episode_row.html", context)
    return HttpResponseRedirect(f"{reverse('diary:history')}?month={row.night:%Y-%m}")
