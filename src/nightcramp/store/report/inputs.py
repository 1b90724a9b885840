"""Collects one person's diary, profile, medicines, triage and analysis into a ReportInput."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Night
from nightcramp.core.report import MedicationLine, ReportInput, TriageSummary
from nightcramp.store.account.local import LOCAL_USERNAME

__all__ = ["analysis_for", "medication_lines", "report_input", "triage_summary"]


def medication_lines(user: User) -> list[MedicationLine]:
    """The person's medicines, each resolved to its class and cramp link when known."""
    from nightcramp.core.meds import check_names
    from nightcramp.store.diary.models import Medication

    rows = list(Medication.objects.filter(user=user).order_by("started_on", "name"))
    checked = {m.query: m for m in check_names([r.name for r in rows]).medications}
    lines = []
    for row in rows:
        info = checked.get(row.name)
        lines.append(
            MedicationLine(
                name=row.name,
                generic=info.generic if info else None,
                drug_class=info.class_ if info else None,
                cramp_link=info.cramp_link if info else None,
                dose=row.dose,
                started_on=row.started_on,
                stopped_on=row.stopped_on,
            )
        )
    return lines


def triage_summary(user: User) -> TriageSummary | None:
    """The latest saved triage result, if any."""
    from nightcramp.store.triage.models import TriageRecord

    record = TriageRecord.objects.filter(user=user).order_by("-created_at").first()
    if record is None:
        return None
    result: Mapping[str, object] = record.result or {}
    reasons = result.get("reasons")
    consider = result.get("consider")
    return TriageSummary(
        answered_at=record.created_at,
        disposition=record.disposition,
        reasons=[str(r) for r in reasons] if isinstance(reasons, list) else [],
        consider=[str(c) for c in consider] if isinstance(consider, list) else [],
    )


def analysis_for(
    nights: Sequence[Night], episodes: Sequence[Episode], since: dt.date | None
) -> dict[str, object]:
    """The `analyze --json` document for this diary from `since` on."""
    from nightcramp.core.insights.analyze import analyze

    return analyze(nights, episodes, since=since).to_json()


def report_input(user: User, *, today: dt.date, since: dt.date | None) -> ReportInput:
    """Everything the report needs for `user`."""
    from nightcramp.store.diary.convert import load_diary, profile_to_core
    from nightcramp.store.diary.models import Profile

    nights, episodes = load_diary(user)
    row = Profile.objects.filter(user=user).first()
    profile = None if row is None else profile_to_core(row)
    return ReportInput(
        nights=nights,
        episodes=episodes,
        today=today,
        since=since,
        person=user.get_full_name() or ("" if user.username == LOCAL_USERNAME else user.username),
        birth_year=profile.birth_year if profile else None,
        sex=profile.sex if profile else None,
        pregnant=profile.pregnant if profile else None,
        pregnancy_weeks=profile.pregnancy_weeks if profile else None,
        conditions=list(profile.conditions) if profile else [],
        medications=medication_lines(user),
        triage=triage_summary(user),
        analysis=analysis_for(nights, episodes, since),
    )
