"""A person's symptom checks as an export carries them (FHIR QuestionnaireResponses)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from nightcramp.core.interop.fhir import TriageResponse
from nightcramp.store.triage.history import OPEN_DISPOSITIONS, entry_of, results_to_share

__all__ = ["triage_to_export"]


def triage_to_export(user: User, *, now: dt.datetime) -> list[TriageResponse]:
    """The latest result and every open urgent or emergency one, oldest first; `seen_to` for
    urgent and emergency results only."""
    entries = [entry_of(r) for r in results_to_share(user, now=now)]
    return [
        TriageResponse(
            answers=e.answers,
            disposition=e.disposition.value,
            at=e.at,
            seen_to=e.resolved if e.disposition in OPEN_DISPOSITIONS else None,
        )
        for e in entries
    ]
