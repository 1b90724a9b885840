"""Template context shared by every page: the version and where to call for help.

Every page gets `emergency_number` and `urgent_service` (the services table, decided by the
settings' country and NIGHTCRAMP_EMERGENCY_NUMBER) and their dialable `tel:` forms
(`emergency_tel`, `urgent_service_tel`, None when the service has no one number). A page shows
a number only as a link: `<a href="tel:{{ emergency_tel }}">{{ emergency_number }}</a>`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from nightcramp import __version__
from nightcramp.core.meds.wording import prescriber_sentence
from nightcramp.core.relief.guide import fill
from nightcramp.core.triage.services import Services, services_for

__all__ = ["linked", "services", "site"]


def services() -> Services:
    """Where to call, from the settings: the country's services, the number as set."""
    return services_for(
        getattr(settings, "NIGHTCRAMP_COUNTRY", ""), settings.NIGHTCRAMP_EMERGENCY_NUMBER
    )


def site(request: HttpRequest) -> dict[str, object]:
    here = services()
    return {
        "nightcramp_version": __version__,
        "emergency_number": here.emergency_number,
        "emergency_tel": here.emergency_tel,
        "urgent_service": here.urgent_service,
        "urgent_service_tel": here.urgent_service_tel,
        # The "talk to your prescriber" sentence, worded once (content/meds/wording.yaml).
        "prescriber": prescriber_sentence(),
    }


def linked(template: str, here: Services) -> SafeString:
    """A content text naming `{emergency_number}` or `{urgent_service}`, as HTML in which each
    is a `tel:` link (the generic service, with no number, stays plain words)."""
    emergency = format_html('<a href="tel:{}">{}</a>', here.emergency_tel, here.emergency_number)
    tel = here.urgent_service_tel
    service = (
        format_html('<a href="tel:{}">{}</a>', tel, here.urgent_service)
        if tel
        else escape(here.urgent_service)
    )
    # The content text is escaped first; only the placeholders become markup.
    values = {"emergency_number": str(emergency), "urgent_service": str(service)}
    return mark_safe(fill(str(escape(template)), values))  # escaped above
