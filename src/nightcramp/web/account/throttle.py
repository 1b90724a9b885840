"""django-axes with a ceiling per account: many addresses together cannot keep guessing.

django-axes locks a name on one address after `AXES_FAILURE_LIMIT` wrong passwords. Someone
with many addresses would get that many tries from each; so a name is also locked, from every
address, once `ACCOUNT_FAILURE_CEILING` failures for it were counted within the cool-off time
(20 in 15 minutes: at most 80 guesses an hour, under OWASP ASVS 2.2.1's 100). The lock lifts
by itself after the cool-off time, or with `nightcramp user unlock NAME`.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.helpers import (  # type: ignore[import-untyped]
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.signals import user_locked_out  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from nightcramp.store.account.lockout import failed_logins

__all__ = ["AccountCeilingHandler"]


class AccountCeilingHandler(AxesDatabaseHandler):  # type: ignore[misc]  # untyped base
    """The database handler, also locked when the account's failures reach the ceiling."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        """Before a password is checked: locked for this address, or for the whole account."""
        return bool(super().is_locked(request, credentials)) or _over_ceiling(request, credentials)

    def user_login_failed(
        self,
        sender: object,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        """Count a failure, unless the account is already over its ceiling: then the try is
        refused and not counted, so the pause ends 15 minutes after the failure that reached
        the ceiling however often someone keeps trying. The failure that reaches it already
        gets the "try again later" page (django-axes decides that page by its own count)."""
        if request is not None and _over_ceiling(request, credentials):
            _refuse(request, credentials)
            return
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if _over_ceiling(request, credentials):
            _refuse(request, credentials)


def _refuse(request: HttpRequest, credentials: dict[str, Any] | None) -> None:
    """Mark the try as locked out, and tell whoever listens, as django-axes does for its own
    locks (its `user_locked_out` signal, sent for every refused try)."""
    request.axes_locked_out = True  # type: ignore[attr-defined]  # django-axes' flag
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    user_locked_out.send(
        "axes",
        request=request,
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
    )


def _over_ceiling(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """True when the name's failures within the cool-off time, each address counting at most
    its own limit, reach the ceiling (one address alone can only ever lock itself)."""
    name = get_client_username(request, credentials)
    cool_off = get_cool_off(request)
    if not name or cool_off is None:
        return False
    count = failed_logins(
        str(name),
        since=timezone.now() - cool_off,
        per_address=get_failure_limit(request, credentials),
    )
    return count >= settings.ACCOUNT_FAILURE_CEILING
