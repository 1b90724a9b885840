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
from axes.helpers import get_client_username  # type: ignore[import-untyped]
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
        """After a failure is counted: the failure that reaches the ceiling already gets the
        "try again later" page (django-axes decides that page by its own count only)."""
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if _over_ceiling(request, credentials):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # django-axes' flag
            request.axes_credentials = credentials  # type: ignore[attr-defined]


def _over_ceiling(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    name = get_client_username(request, credentials)
    if not name:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return failed_logins(str(name), since=since) >= settings.ACCOUNT_FAILURE_CEILING
