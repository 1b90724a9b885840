"""What a share link or a clinician sees: the person's live summary, read-only.

The numbers come from the diary summary and the report's own inputs and document, so they
are the ones the home page, the report and `nightcramp analyze` show. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.diary import date_text
from nightcramp.core.diary_summary import DiarySummary
from nightcramp.core.report import ReportDocument, build_report
from nightcramp.store.diary.summary import diary_summary
from nightcramp.store.report.inputs import report_input
from nightcramp.store.triage.history import TriageEntry, triage_history

__all__ = ["SharedSummary", "shared_summary"]


@dataclass(frozen=True)
class SharedSummary:
    """One person's diary as shared: counts, cramps over time, triage, medicines, experiments."""

    person: str
    diary: DiarySummary
    report: ReportDocument
    triage: list[TriageEntry]
    experiments: list[dict[str, object]]

    @property
    def open_triage(self) -> list[TriageEntry]:
        """Urgent or emergency results not yet seen to, the newest first."""
        return [t for t in self.triage if t.open]

    @property
    def open_first(self) -> list[dict[str, object]]:
        """What the summary shows first: each open urgent or emergency result with its reasons
        in the report's words for the clinician (`why`, and `unanswered`: what the questions
        left unanswered could not rule out)."""
        from nightcramp.core.report.document import clinician_reasons

        shown = []
        for entry in self.open_triage:
            why, unanswered = clinician_reasons(entry.reasons)
            shown.append({"entry": entry, "why": why, "unanswered": unanswered})
        return shown


def _experiments(person: User, now: dt.datetime) -> list[dict[str, object]]:
    """Each experiment in the state the app's own rules give it at `now`, stored or not."""
    from nightcramp.store.experiments.convert import experiment_json
    from nightcramp.store.experiments.lifecycle import experiments_of
    from nightcramp.store.experiments.progress import experiment_outlook

    rows: list[dict[str, object]] = []
    for stored in experiments_of(person):
        item = experiment_json(experiment_outlook(stored, now=now, record=False).row)
        start, end = (dt.date.fromisoformat(str(item[key])) for key in ("start", "end"))
        # The dates as people read them ("1 Nov 2026 to 20 Feb 2027"), beside the contract's.
        rows.append({**item, "dates": f"{date_text(start)} to {date_text(end)}"})
    return rows


def shared_summary(person: User, *, now: dt.datetime) -> SharedSummary:
    """`person`'s summary as it stands at `now`."""
    today = timezone.localdate(now)
    report = build_report(report_input(person, today=today, since=None, now=now, record=False))
    return SharedSummary(
        person=report.person,
        diary=diary_summary(person, today=today),
        report=report,
        triage=triage_history(person),
        experiments=_experiments(person, now),
    )
