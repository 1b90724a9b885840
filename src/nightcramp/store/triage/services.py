"""Who to call from this installation: the triage services for the configured country."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from nightcramp.core.triage import Assessment, assess
from nightcramp.core.triage.assess import emergency_signs
from nightcramp.core.triage.services import Services, services_for

__all__ = ["assess_here", "emergency_signs_in", "local_services"]


def local_services() -> Services:
    """The emergency number and health line of this installation's settings."""
    return services_for(settings.NIGHTCRAMP_COUNTRY, settings.NIGHTCRAMP_EMERGENCY_NUMBER)


def assess_here(answers: Mapping[str, object]) -> Assessment:
    """`assess` with this installation's emergency number and health line in its words."""
    return assess(answers, services=local_services())


def emergency_signs_in(advice: str) -> str:
    """The sentence of saved `advice` naming the signs that mean calling the emergency number
    now (in its pregnancy wording when that is the one given), or "" when it has none."""
    variants = (emergency_signs(local_services(), pregnant=p) for p in (False, True))
    return next((text for text in variants if text in advice), "")
