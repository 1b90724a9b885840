"""Logged-in sessions, kept in the database so that every app server sees the same ones."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session

__all__ = ["end_sessions_of", "sessions_of"]


def sessions_of(user: User) -> list[str]:
    """The keys of every stored session logged in as `user`."""
    owner = str(user.pk)
    return [
        row.session_key
        for row in Session.objects.all().iterator()
        if str(row.get_decoded().get(SESSION_KEY)) == owner
    ]


def end_sessions_of(user: User, *, keep: str | None = None) -> int:
    """Log `user` out everywhere (except the session `keep`); return how many sessions ended."""
    keys = [key for key in sessions_of(user) if key != keep]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)
