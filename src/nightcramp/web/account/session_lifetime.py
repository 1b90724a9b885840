"""How long a log-in lasts: 14 days without use, 30 days at most (docs/security.md).

Django's session cookie age (`SESSION_COOKIE_AGE`) is the idle limit; this middleware moves it
on at most once a day while the person uses the app, and logs them out once
`ACCOUNT_SESSION_MAX_AGE` seconds have passed since the log-in, however much they use it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from nightcramp.store.sharing.links import SHARE_PATH
from nightcramp.web.account.middleware import NO_PERSON_PATHS

__all__ = ["LOGGED_IN_AT", "SEEN_ON", "SessionLifetimeMiddleware", "stamp_login"]

LOGGED_IN_AT = "nightcramp_logged_in_at"
SEEN_ON = "nightcramp_seen_on"
_DAY = 24 * 60 * 60


@receiver(user_logged_in, dispatch_uid="nightcramp-stamp-login")
def stamp_login(sender: object, request: HttpRequest | None, user: Any, **kwargs: object) -> None:
    """Note in the (new) session when the person logged in."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LOGGED_IN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """End a log-in 30 days after it began; keep a used one alive (idle limit: cookie age)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith((*NO_PERSON_PATHS, SHARE_PATH)):
            # A share link serves its owner's summary to whoever opens it: it sets no cookie,
            # not even a logged-in visitor's own session moved on.
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    @staticmethod
    def _check(request: HttpRequest) -> None:
        session = request.session
        now = int(time.time())
        logged_in_at = session.get(LOGGED_IN_AT)
        if not isinstance(logged_in_at, int):
            session[LOGGED_IN_AT] = now  # a session from before this rule: its clock starts now
        elif now - logged_in_at > settings.ACCOUNT_SESSION_MAX_AGE:
            logout(request)
            return
        today = now // _DAY
        if session.get(SEEN_ON) != today:
            session[SEEN_ON] = today  # a change: Django saves it and moves the expiry on
