"""Who a diary page is for."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

__all__ = ["person"]


def person(request: HttpRequest) -> User:
    """The signed-in (or local-mode) user of a request that passed `login_required`."""
    user = request.user
    assert isinstance(user, User)  # login_required and the local-mode middleware see to it
    return user
