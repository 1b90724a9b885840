"""Collects one person's diary, profile, medicines, triage and analysis into a ReportInput."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, Night
from nightcramp.core.report import MedicationLine, ReportInput, TriageSummary
from nightcramp.store.account.local import LOCAL_USERNAME

if TYPE_CHECKING:
    from nightcramp.core.meds import MedicationInfo
    from nightcramp.store.triage.history import TriageEntry

__all__ = ["analysis_for", "medication_lines", "report_input", "triage_summary", "urgent_triage"]


def medication_lines(user: User) -> list[MedicationLine]:
    """The person's medicines, each resolved to its class and cramp link when known: the
    medicines list, then any other medicine the latest symptom check's answers name (the
    plan goes by both, so the report does too). A line that names several medicines ("lithium,
    ibuprofen") gives each; a medicine on the list that was stopped does not stand for one the
    check names now."""
    from django.utils import timezone

    from nightcramp.core.meds import check_names
    from nightcramp.store.diary.models import Medication
    from nightcramp.store.triage.history import medicines_named_in_check

    rows = list(Medication.objects.filter(user=user).order_by("started_on", "name"))
    checked = {m.query: m for m in check_names([r.name for r in rows]).medications}
    lines = [
        MedicationLine(
            name=row.name,
            generic=info.generic if info else None,
            drug_class=info.class_ if info else None,
            cramp_link=info.cramp_link if info else None,
            dose=row.dose,
            started_on=row.started_on,
            stopped_on=row.stopped_on,
        )
        for row in rows
        for info in [checked.get(row.name)]
    ]
    today = timezone.localdate()
    taken = [line for line in lines if line.stopped_on is None or line.stopped_on > today]
    listed = {line.name.casefold() for line in taken} | {m.generic for m in taken if m.generic}
    named, day = medicines_named_in_check(user)
    for text in named:
        result = check_names([text])
        parts: list[tuple[str, MedicationInfo | None]] = [(m.query, m) for m in result.medications]
        parts += [(str(u), None) for u in result.unknown]
        for name, info in parts or [(text, None)]:
            generic = info.generic if info is not None else None
            if name.casefold() in listed or (generic is not None and generic in listed):
                continue
            listed |= {name.casefold(), *([generic] if generic is not None else [])}
            lines.append(
                MedicationLine(
                    name=name,
                    generic=generic,
                    drug_class=info.class_ if info is not None else None,
                    cramp_link=info.cramp_link if info is not None else None,
                    named_on=day,
                )
            )
    return lines


def _summary(entry: TriageEntry) -> TriageSummary:
    return TriageSummary(
        answered_at=entry.at,
        disposition=entry.disposition.value,
        reasons=list(entry.reasons),
        consider=list(entry.consider),
        resolved_at=entry.resolved_at,
        answers=dict(entry.answers),
    )


def triage_summary(user: User, *, now: dt.datetime | None = None) -> TriageSummary | None:
    """The saved result that leads at `now` (default: the current time): the most urgent open
    one of the last 14 days, never a later, milder one; None when none leads."""
    from django.utils import timezone

    from nightcramp.store.triage.history import leading_result

    entry = leading_result(user, now=now or timezone.now())
    return None if entry is None else _summary(entry)


def urgent_triage(user: User, *, since: dt.date | None, until: dt.date) -> list[TriageSummary]:
    """Every urgent and emergency result from `since` (or the first) to `until`, oldest first."""
    from nightcramp.store.triage.history import urgent_results

    return [_summary(e) for e in urgent_results(user, since=since, until=until)]


def analysis_for(
    nights: Sequence[Night], episodes: Sequence[Episode], since: dt.date | None
) -> dict[str, object]:
    """The `analyze --json` document for this diary from `since` on."""
    from nightcramp.core.insights.analyze import analyze

    return analyze(nights, episodes, since=since).to_json()


def report_input(
    user: User,
    *,
    today: dt.date,
    since: dt.date | None,
    now: dt.datetime | None = None,
    record: bool = True,
) -> ReportInput:
    """Everything the report needs for `user`, its triage as it stands at `now` (default: the
    current time). `record` False: a reader who may only read (a share link, a clinician)
    asks, so the app's own state changes are shown but not stored."""
    from django.utils import timezone

    from nightcramp.store.diary.convert import load_diary, profile_to_core
    from nightcramp.store.diary.models import Profile
    from nightcramp.store.experiments.report import experiment_report

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
        triage=triage_summary(user, now=now),
        analysis=analysis_for(nights, episodes, since),
        urgent_triage=urgent_triage(user, since=since, until=today),
        experiment=experiment_report(user, now=now or timezone.now(), record=record),
    )
