"""Who to call from this installation: the triage services for the configured country."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from nightcramp.core.triage import Assessment, assess
from nightcramp.core.triage.services import Services, services_for

__all__ = ["assess_here", "local_services"]


def local_services() -> Services:
    """The emergency number and health line of this installation's settings."""
    return services_for(settings.NIGHTCRAMP_COUNTRY, settings.NIGHTCRAMP_EMERGENCY_NUMBER)


def assess_here(answers: Mapping[str, object]) -> Assessment:
    """`assess` with this installation's emergency number and health line in its words."""
    return assess(answers, services=local_services())
