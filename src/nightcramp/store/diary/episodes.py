"""Log, edit and delete a cramp: the one way every adapter stores an episode.

The core's field and record rules apply (no cramp in the future or before 1900, at most
24 hours); two cramps with the same start, muscle and side are one cramp (`EpisodeConflict`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from nightcramp.core import diary as core
from nightcramp.core.diary_limits import episode_problems
from nightcramp.core.diary_rules import check_field, check_notes
from nightcramp.core.errors import InputError, InputErrors

from . import models
from .convert import episode_fields

__all__ = [
    "CONFLICT",
    "EpisodeConflict",
    "check_episode",
    "delete_episode",
    "edit_episode",
    "find_episode",
    "log_episode",
]

CONFLICT = "A cramp with the same start, muscle and side is already stored."


class EpisodeConflict(Exception):
    """Another stored cramp has the same start, muscle and side."""

    def __init__(self) -> None:
        super().__init__(CONFLICT)


def check_episode(episode: core.Episode, *, now: dt.datetime | None = None) -> None:
    """Raise InputErrors naming every field of `episode` that breaks a diary rule.

    `now` (default: the local time) is when the cramp is logged, for "not in the future".
    """
    problems = episode_problems(
        episode.started_at, episode.duration_min, now=now or timezone.localtime()
    )
    found = [InputError(p.reason, field=p.field) for p in problems]
    for name in ("severity", "woke_from_sleep"):
        value = getattr(episode, name)
        if value is None:
            continue
        try:
            check_field(name, value)
        except ValueError as error:
            found.append(InputError(str(error), field=name))
    if episode.notes:
        try:  # as import, the API and the web form check them
            check_notes(episode.notes)
        except ValueError as error:
            found.append(InputError(str(error), field="notes"))
    if found:
        raise InputErrors(found)


def _clashes(user: User, fields: dict[str, Any], exclude: int | None) -> bool:
    rows = models.Episode.objects.filter(
        user=user, started_at=fields["started_at"], muscle=fields["muscle"], side=fields["side"]
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.exists()


def log_episode(
    user: User, episode: core.Episode, *, now: dt.datetime | None = None
) -> models.Episode:
    """Store a new cramp for `user` and return its row.

    Raises InputErrors when it breaks a rule, EpisodeConflict when it is already stored.
    """
    check_episode(episode, now=now)
    fields = episode_fields(episode)
    try:  # the same cramp stored already breaks a unique constraint: no query first
        with transaction.atomic():
            return models.Episode.objects.create(user=user, **fields)
    except IntegrityError:
        raise EpisodeConflict from None


def edit_episode(
    user: User, row: models.Episode, episode: core.Episode, *, now: dt.datetime | None = None
) -> models.Episode:
    """Replace the stored cramp `row` (one of `user`'s) with `episode`; return the row."""
    check_episode(episode, now=now)
    fields = episode_fields(episode)
    if _clashes(user, fields, row.pk):
        raise EpisodeConflict
    try:
        with transaction.atomic():
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
    except IntegrityError:
        raise EpisodeConflict from None
    return row


def find_episode(user: User, episode_id: int) -> models.Episode | None:
    """Return `user`'s cramp with this id, or None (another person's cramp is not found)."""
    return models.Episode.objects.filter(user=user, pk=episode_id).first()


def delete_episode(user: User, episode_id: int) -> bool:
    """Delete `user`'s cramp with this id; return whether there was one."""
    deleted, _ = models.Episode.objects.filter(user=user, pk=episode_id).delete()
    return bool(deleted)
