"""Whole addresses for links that leave the page (calendar feeds): NIGHTCRAMP_BASE_URL when set,
else the address the request came to."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

__all__ = ["public_url"]


def public_url(request: HttpRequest, path: str) -> str:
    """The full address of `path` (which starts with "/") as people open it."""
    base: str | None = settings.CONFIG.base_url
    if base:
        return base + path
    return request.build_absolute_uri(path)
