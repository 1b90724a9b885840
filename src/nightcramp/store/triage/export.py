"""A person's symptom checks as an export carries them (FHIR QuestionnaireResponses)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from nightcramp.core.interop.fhir import TriageResponse
from nightcramp.core.triage import Disposition
from nightcramp.store.triage.history import OPEN_DISPOSITIONS, results_to_share

__all__ = ["triage_to_export"]


def triage_to_export(user: User, *, now: dt.datetime) -> list[TriageResponse]:
    """The latest result and every open urgent or emergency one, oldest first; `seen_to` for
    urgent and emergency results only."""
    return [
        TriageResponse(
            answers=dict(r.answers or {}),
            disposition=r.disposition,
            at=r.created_at,
            seen_to=(
                (r.resolved_at is not None)
                if Disposition(r.disposition) in OPEN_DISPOSITIONS
                else None
            ),
        )
        for r in results_to_share(user, now=now)
    ]
