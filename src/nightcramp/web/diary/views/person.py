"""Who a diary page is for, and whether a posted entry was made by that person."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

__all__ = ["OTHER_PERSON", "person", "posted_by_someone_else"]

OTHER_PERSON = (
    "This entry was kept on this phone while someone else was signed in, so it was not added "
    "to your diary. Ask them to sign in on this phone to send it."
)
"""The refusal of an entry saved offline by one person and sent while another is signed in."""


def person(request: HttpRequest) -> User:
    """The signed-in (or local-mode) user of a request that passed `login_required`."""
    user = request.user
    assert isinstance(user, User)  # login_required and the local-mode middleware see to it
    return user


def posted_by_someone_else(request: HttpRequest) -> bool:
    """True when a form says whose it is (`person`, written into the page that made it) and
    that is not the person now signed in: an entry kept on a shared phone while offline is
    sent later, with whoever is signed in then, and must never land in their diary."""
    said = request.POST.get("person")
    return bool(said) and said != str(person(request).pk)
