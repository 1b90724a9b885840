"""Headers on every page that shows a person's diary to someone else: kept out of caches, out
of search engines, and the address (which holds the token) out of the Referer header."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from django.http import HttpResponse

__all__ = ["PRIVATE_HEADERS", "private", "set_private"]

PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}

P = ParamSpec("P")


def set_private(response: HttpResponse) -> HttpResponse:
    """Add PRIVATE_HEADERS to `response` and return it."""
    for name, value in PRIVATE_HEADERS.items():
        response[name] = value
    return response


def private(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Wrap `view` so every answer it gives, a 404 too, carries PRIVATE_HEADERS."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        return set_private(view(*args, **kwargs))

    return wrapped
