"""Log a cramp (quick or with details), change it, delete it and undo the delete."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nightcramp.core.diary import Episode, Muscle
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import episode_to_core, save_episode
from nightcramp.web.diary.forms import EpisodeForm

from nightcramp.store.diary.queries import last_side
from .person import person
from .undo import episode_data, remember

__all__ = ["episode_delete", "episode_edit", "log"]

_DUPLICATE = "You already logged a cramp in that muscle and leg at that time."
_FORM_KEY_PREFIX = "web-form:"


def _log_initial(request: HttpRequest, user: User) -> dict[str, Any]:
    muscle = request.GET.get("muscle", "")
    side = last_side(user)
    return {
        "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "muscle": muscle if muscle in {m.value for m in Muscle} else Muscle.CALF.value,
        "side": side.value if side else "",
        "form_key": uuid.uuid4().hex,
    }


def _already_saved(user: User, form_key: str) -> models.Episode | None:
    """The episode a form with this key already saved (a double tap or a resent form)."""
    if not form_key:
        return None
    found = models.IdempotencyKey.objects.filter(user=user, key=_FORM_KEY_PREFIX + form_key).first()
    if found is None:
        return None
    return models.Episode.objects.filter(user=user, pk=found.response.get("id")).first()


def _save_new(user: User, episode: Episode, form_key: str) -> models.Episode:
    with transaction.atomic():
        row = save_episode(user, episode)
        if form_key:
            models.IdempotencyKey.objects.create(
                user=user,
                key=_FORM_KEY_PREFIX + form_key,
                request_hash="",
                status=201,
                response={"id": row.pk},
            )
    return row


@login_required
def log(request: HttpRequest) -> HttpResponse:
    """GET: the full cramp form (`?muscle=&from=now` from the relief guide). POST: save it."""
    user = person(request)
    if request.method == "POST":
        form = EpisodeForm(request.POST)
        if form.is_valid():
            form_key = form.cleaned_data.get("form_key") or ""
            row = _already_saved(user, form_key)
            if row is None:
                try:
                    row = _save_new(user, form.to_episode(), form_key)
                except IntegrityError:
                    # The same form may have been saved a moment ago by a parallel request.
                    row = _already_saved(user, form_key)
                    if row is None:
                        form.add_error(None, _DUPLICATE)
            if row is not None:
                return redirect(f"{reverse('diary:home')}?saved={row.pk}")
        status = 400
    else:
        form = EpisodeForm(initial=_log_initial(request, user))
        status = 200
    context = {"form": form, "from_now": request.GET.get("from") == "now", "editing": False}
    return render(request, "diary/log.html", context, status=status)


@login_required
def episode_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a cramp you logged (add details later)."""
    user = person(request)
    row = get_object_or_404(models.Episode, pk=pk, user=user)
    if request.method == "POST":
        form = EpisodeForm(request.POST)
        if form.is_valid():
            try:
                save_episode(user, form.to_episode(), instance=row)
            except IntegrityError:
                form.add_error(None, _DUPLICATE)
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
    row = get_object_or_404(models.Episode, pk=pk, user=user)
    episode = episode_to_core(row)
    token = remember(request, "episode", episode_data(episode))
    month = f"{row.night:%Y-%m}"
    row.delete()
    if getattr(request, "htmx", False):
        context = {"episode": episode, "token": token, "month": month}
        return render(request, "diary/_episode_deleted.html", context)
    return redirect(f"{reverse('diary:history')}?month={month}&undo={token}")
