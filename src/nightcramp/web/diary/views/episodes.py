"""Log a cramp (quick or with details), change it, delete it and undo the delete."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nightcramp.core.diary import Episode, Muscle
from nightcramp.core.errors import InputError
from nightcramp.store.diary.convert import episode_to_core
from nightcramp.store.diary.episodes import (
    CONFLICT,
    EpisodeConflict,
    delete_episode,
    edit_episode,
    find_episode,
    log_episode,
)
from nightcramp.store.diary.idempotency import Answer, KeyBusy, KeyReused, answer_once
from nightcramp.web.diary.forms import EpisodeForm
from nightcramp.web.diary.forms.fields import add_problems

from .person import OTHER_PERSON, person, posted_by_someone_else
from .undo import episode_data, remember

__all__ = ["episode_delete", "episode_edit", "log"]

_BUSY = "This cramp is being saved right now. Wait a moment, then look at your history."
_FORM_KEY_PREFIX = "web-form:"


def _log_initial(request: HttpRequest) -> dict[str, Any]:
    """A new cramp: now, the muscle asked for (or the default calf), nothing else chosen.

    The side is never taken from an earlier cramp: a one-tap save must not record a leg the
    person did not pick. Only changing a stored cramp shows its side (`episode_edit`).
    """
    muscle = request.GET.get("muscle", "")
    return {
        "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "muscle": muscle if muscle in {m.value for m in Muscle} else Muscle.CALF.value,
        "form_key": uuid.uuid4().hex,
    }


def _log(user: User, episode: Episode, form_key: str) -> int:
    """Store the cramp and return its id; a form sent again with its key answers the first id.

    Raises InputErrors, EpisodeConflict, KeyBusy or KeyReused like the store.
    """
    if not form_key:
        return log_episode(user, episode).pk

    def create() -> Answer:
        return Answer(201, {"id": log_episode(user, episode).pk})

    answer = answer_once(user, _FORM_KEY_PREFIX + form_key, "", create)
    return int(answer.body["id"])


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """GET: the full cramp form (`?muscle=&from=now` from the relief guide). POST: save it."""
    user = person(request)
    if request.method == "POST":
        form = EpisodeForm(request.POST)
        if posted_by_someone_else(request):
            form.add_error(None, OTHER_PERSON)
        elif form.is_valid():
            form_key = form.cleaned_data.get("form_key") or ""
            try:
                saved = _log(user, form.to_episode(), form_key)
            except InputError as error:
                add_problems(form, error)
            except EpisodeConflict:
                form.add_error(None, CONFLICT)
            except (KeyBusy, KeyReused):
                form.add_error(None, _BUSY)
            else:
                return redirect(f"{reverse('diary:home')}?saved={saved}")
        status = 400
    else:
        form = EpisodeForm(initial=_log_initial(request))
        status = 200
    context = {"form": form, "from_now": request.GET.get("from") == "now", "editing": False}
    return render(request, "diary/log.html", context, status=status)


@login_required
def episode_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a cramp you logged (add details later)."""
    user = person(request)
    row = find_episode(user, pk)
    if row is None:
        raise Http404("No such cramp.")
    if request.method == "POST":
        form = EpisodeForm(request.POST)
        if form.is_valid():
            try:
                edit_episode(user, row, form.to_episode())
            except InputError as error:
                add_problems(form, error)
            except EpisodeConflict:
                form.add_error(None, CONFLICT)
            else:
                return redirect(f"{reverse('diary:history')}?month={row.night:%Y-%m}&changed={pk}")
        status = 400
    else:
        form = EpisodeForm(initial=EpisodeForm.initial_from(episode_to_core(row)))
        status = 200
    context = {"form": form, "episode": row, "editing": True, "from_now": False}
    return render(request, "diary/log.html", context, status=status)


@login_required
@require_POST
def episode_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a cramp; it can be brought back with Undo until the next delete."""
    user = person(request)
    row = find_episode(user, pk)
    if row is None:
        raise Http404("No such cramp.")
    episode = episode_to_core(row)
    month = f"{row.night:%Y-%m}"
    delete_episode(user, pk)
    token = remember(request, "episode", episode_data(episode))
    if getattr(request, "htmx", False):
        context = {"episode": episode, "token": token, "month": month}
        return render(request, "diary/_episode_deleted.html", context)
    return redirect(f"{reverse('diary:history')}?month={month}&undo={token}")
