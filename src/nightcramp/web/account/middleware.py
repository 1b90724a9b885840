"""Request middleware: the local user in local mode, and the cross-site Origin check."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from nightcramp.config import is_loopback
from nightcramp.store.account.local import has_accounts, local_user
from nightcramp.web.account.lockout import forwarded_visitors

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _from_this_machine(request: HttpRequest) -> bool:
    """True when the connection comes from a loopback address (as it must on a loopback bind)
    and, when a reverse proxy on this machine passes it on, the visitor the proxy names is on
    this machine or the home network: never an address on the internet.

    A deployment that runs the WSGI app some other way, on a public address, never gets local
    mode for a remote visitor; nor does a visitor from the internet reaching a server that is
    behind Caddy before its first account exists.
    """
    if not is_loopback(str(request.META.get("REMOTE_ADDR") or "")):
        return False
    visitors = forwarded_visitors(request)
    if visitors is None:
        return True
    return all(v is not None and _at_home(v) for v in visitors)


# Teredo tunnels carry internet visitors although Python counts the range as not global.
_TEREDO = ipaddress.ip_network("2001::/32")


def _at_home(address: str) -> bool:
    """True for an address on this machine or a home network (private, link-local, unique
    local, shared VPN ranges); False for one on the internet. A phone with a global IPv6
    address is on the internet by this rule: for it, create an account."""
    ip = ipaddress.ip_address(address)
    return not ip.is_global and not (ip.version == 6 and ip in _TEREDO)


# Paths that serve nobody in particular: the middleware here asks the database nothing for them.
NO_PERSON_PATHS = ("/healthz", "/static/")


class LocalUserMiddleware:
    """Serve the local user without login while on loopback and no account exists."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.local_mode = False  # type: ignore[attr-defined]  # set for templates
        if request.path.startswith(NO_PERSON_PATHS):
            # The health check must answer 503 itself when the database is down, and static
            # files need nobody: ask the database nothing here.
            return self.get_response(request)
        if request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META:
            # The API serves a token's owner (or refuses the token), never the local user.
            return self.get_response(request)
        if (
            settings.SERVE_LOOPBACK
            and _from_this_machine(request)
            and not request.user.is_authenticated
            and not has_accounts()
        ):
            request.user = local_user()
            request.local_mode = True  # type: ignore[attr-defined]  # set for templates
        return self.get_response(request)


class OriginCheckMiddleware:
    """Refuse a state-changing request whose Origin is another site (also in local mode)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in _SAFE_METHODS and self._cross_site(request):
            return JsonResponse(
                {"detail": "Cross-site request refused: the Origin is not this site."},
                status=403,
            )
        return self.get_response(request)

    @staticmethod
    def _cross_site(request: HttpRequest) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return request.headers.get("Sec-Fetch-Site") == "cross-site"
        if origin == "null":
            return True
        parts = urlsplit(origin)
        return parts.netloc.lower() != request.get_host().lower()
