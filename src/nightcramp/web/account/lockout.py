"""Where a request comes from, and the "locked for now" page django-axes calls.

`client_address` is the address django-axes and the access log use; `forwarded_visitors` is
what local mode checks behind a reverse proxy. The lockout page looks the same whether or not
an account has the name that was typed, so it never tells a stranger which names exist.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

__all__ = ["client_address", "forwarded_visitors", "lockout_response"]


def client_address(request: HttpRequest) -> str:
    """The address a request comes from; behind the reverse proxy, the one the proxy saw.

    With NIGHTCRAMP_BEHIND_PROXY every request reaches the app from the proxy, so the client is
    the last `X-Forwarded-For` entry: the one the proxy itself added (an entry before it may be
    made up by the client). Some proxies add the port ("203.0.113.5:51234", "[2001:db8::1]:443");
    it is left off. A last entry that is still not an IP address is not trusted: then the
    address is the one the request came from.
    """
    if settings.CONFIG.behind_proxy:
        found = _address(_last_entry(request.headers.get("X-Forwarded-For", "")))
        if found is not None:
            return found
    return str(request.META.get("REMOTE_ADDR") or "")


def _last_entry(header: str) -> str:
    """The last entry of a proxy header: the one the nearest proxy added."""
    return header.rsplit(",", 1)[-1].strip()


# Headers a reverse proxy uses to say whom it passes a request on for.
_PROXY_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded")


def forwarded_visitors(request: HttpRequest) -> list[str | None] | None:
    """The visitor each proxy header names (its last entry: the one the nearest proxy added),
    None for a header that names no IP address; None when the request carries no such header.

    Read whether or not NIGHTCRAMP_BEHIND_PROXY is set: a header a local program made up
    itself only ever takes local mode away from that program.
    """
    found: list[str | None] = []
    for name in _PROXY_HEADERS:
        value = request.headers.get(name)
        if value is None:
            continue
        last = _last_entry(value)
        if name == "Forwarded":  # RFC 7239: for=192.0.2.1;proto=https or for="[2001:db8::1]:80"
            pairs = (part.strip().partition("=") for part in last.split(";"))
            last = next((v.strip('"') for k, _, v in pairs if k.lower() == "for"), "")
        found.append(_address(last))
    return found or None


def _address(entry: str) -> str | None:
    """The IP address of a forwarded entry, with or without its port; None if there is none."""
    candidates = [entry]
    if entry.startswith("[") and "]" in entry:
        candidates.append(entry[1 : entry.index("]")])  # [v6]:port
    elif entry.count(":") == 1:
        candidates.append(entry.split(":", 1)[0])  # v4:port
    for text in candidates:
        try:
            return str(ipaddress.ip_address(text))
        except ValueError:
            continue
    return None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The kind "too many tries" page: when to try again, and how the self-hoster can unlock."""
    cool_off = settings.AXES_COOLOFF_TIME
    retry_at = timezone.localtime(timezone.now() + cool_off)
    name = request.POST.get("username", "") if request.method == "POST" else ""
    context = {
        "minutes": int(cool_off.total_seconds() // 60),
        "retry_at": retry_at,
        "name": name.strip()[:150],
    }
    response = render(request, "account/locked.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
