"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from nightcramp import __version__


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "nightcramp_version": __version__,
        "emergency_number": settings.NIGHTCRAMP_EMERGENCY_NUMBER,
    }
