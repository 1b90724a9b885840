"""The one-page experiment result of the doctor report (CENT 2015 items): the person's latest
experiment with at least one look, its design, adherence, periods, chart and verdict.

The numbers are the core's (`analyze_experiment` through `experiment_outlook`, `period_rows`);
this module only gathers them into the values the report template prints.
"""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib.auth.models import User

from nightcramp.core.experiments.periods import period_chart, period_rows
from nightcramp.store.experiments.convert import change_of
from nightcramp.store.experiments.lifecycle import experiments_of
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.experiments.progress import Outlook, diary_for, experiment_outlook

__all__ = ["experiment_report"]

_LATEST = 3
"""How many of the latest experiments to try for one with a look."""


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def _status_sentence(row: Experiment) -> str:
    """Why the experiment is paused or stopped, for the clinician: the app's own rules in the
    report's words, the patient's own reason quoted (the stored text speaks to the patient:
    "Please do what it says first")."""
    from nightcramp.core.experiments.records import StatusWhy
    from nightcramp.core.report.wording import load_report_wording

    words = load_report_wording().experiment_status
    if row.status_why == StatusWhy.TRIAGE_OPEN:
        return words.triage_open
    if row.status_why == StatusWhy.CRAMPS_DOUBLED:
        return words.cramps_doubled
    reason = (row.status_reason or "").strip()
    if row.status_why == StatusWhy.PERSON and reason:
        return words.person.format(reason=reason)
    return _sentence(reason)


def _page(outlook: Outlook) -> dict[str, object]:
    row = outlook.row
    change = change_of(row)
    status = outlook.status_json()
    result = outlook.result_json()
    deciding = outlook.result.deciding
    assert deciding is not None  # callers pass an experiment with a look
    nights, episodes = diary_for(row, outlook.schedule)
    rows = period_rows(
        outlook.schedule, nights, episodes, washout=row.washout_nights, through=deciding.date
    )
    return {
        "change": row.change_id,
        # The diary factor it tested: page 1's "what has been tried" points to this page.
        "diary_factor": None if change is None else change.diary_factor,
        "name": row.change_id if change is None else change.name,
        "kind": "" if change is None else change.kind.value,
        "on": "" if change is None else change.on,
        "off": "" if change is None else change.off,
        "row": row,
        "reason": _status_sentence(row),
        "end": outlook.schedule.last,
        "through": deciding.date,
        "status": status,
        "result": result,
        "verdict_words": str(result["verdict"]).replace("_", " "),
        # The looks up to the answer: the page reports the answer's numbers; looks after it
        # are in `result["after_answer"]` (their words) and `result["looks"]`.
        "looks": deciding.pair,
        "periods": rows,
        "chart": _data_uri(period_chart(rows)),
    }


def experiment_report(
    user: User, *, now: dt.datetime, record: bool = True
) -> dict[str, object] | None:
    """The report page's values for `user`'s latest experiment with a look, or None.

    `record`: store the app's own state changes (False for a reader who may only read)."""
    for row in experiments_of(user)[:_LATEST]:
        outlook = experiment_outlook(row, now=now, record=record)
        if outlook.result.looks:
            return _page(outlook)
    return None
