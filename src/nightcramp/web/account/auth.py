"""API authentication: a Bearer token, a logged-in session, or the local-mode user.

A token with the `read` scope may only look: a request that would change something answers
403 with a JSON body. Tokens are random 256-bit values, not passwords, so django-axes (which
guards the log-in form) does not count them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from nightcramp.store.account.models import TokenScope
from nightcramp.store.account.tokens import live_token

__all__ = [
    "READ_ONLY_REFUSED",
    "ApiAuth",
    "api_auth",
    "live_token",
    "may_write",
    "request_user",
]

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
READ_ONLY_REFUSED = (
    "This token may only read. Make a token that may also write with "
    "`nightcramp token create NAME --scope write`."
)


class ApiAuth(AuthBase):
    """Bearer token first; with no Authorization header, the session or local-mode user.

    A wrong, malformed or revoked token is refused (401) even in local mode. Session requests
    that change state must carry the CSRF token, as forms do.
    """

    openapi_type = "http"

    def __init__(self) -> None:
        self.openapi_scheme = "bearer"
        super().__init__()

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get("Authorization")
        if header is not None:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return None
            row = live_token(token.strip())
            if row is None:
                return None
            if row.scope != TokenScope.WRITE:
                if request.method not in _SAFE_METHODS:
                    raise HttpError(403, READ_ONLY_REFUSED)
                request.read_only_token = True  # type: ignore[attr-defined]  # see may_write
            return row.user
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        needs_csrf = request.method not in _SAFE_METHODS and not getattr(
            request, "local_mode", False
        )
        if needs_csrf and check_csrf(request) is not None:
            return None
        return user if isinstance(user, User) else None


api_auth = ApiAuth()


def request_user(request: HttpRequest) -> User:
    """Return the user the API authenticated for `request` (after ApiAuth accepted it)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


def may_write(request: HttpRequest) -> bool:
    """False when `request` came with a read-only token: then even the app's own changes
    that a look would store (an experiment paused by its rules) are shown, not stored."""
    return not getattr(request, "read_only_token", False)
