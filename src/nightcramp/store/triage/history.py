"""Run the core triage on answers and store the result for a user."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User

from nightcramp.core.triage import assess
from nightcramp.store.triage.models import TriageRecord


def save_assessment(user: User, answers: Mapping[str, object]) -> TriageRecord:
    """Assess clean answers and save them with the result; return the saved record."""
    result = assess(answers)
    stored = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    return TriageRecord.objects.create(
        user=user,
        answers=stored,
        disposition=result.disposition.value,
        result=result.to_json(),
    )


def latest_record(user: User) -> TriageRecord | None:
    """The user's latest saved triage result, or None (for the report and the plan)."""
    return TriageRecord.objects.filter(user=user).first()
