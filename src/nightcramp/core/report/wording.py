"""The words of the doctor report (`content/report/document.yaml`), checked on load.

`nightcramp.core.report.document` decides which of them a report shows.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from nightcramp.core.knowledge.files import ContentModel, check_template, content_key, read_content
from nightcramp.core.knowledge.schema import Sentence
from nightcramp.core.knowledge.sources import check_cited, load_sources

__all__ = ["ReportWording", "load_report_wording"]

_FILE = "report/document.yaml"


class _About(ContentModel):
    age: str
    sex: str
    pregnant: str
    pregnant_weeks: str
    conditions: str


class _Timing(ContentModel):
    under_a_week_before: str
    a_week_before: str
    weeks_before: str
    after_cramps: str
    started: str
    stopped: str
    named_in_check: str


class _Tried(ContentModel):
    bedtime_stretch: str
    warm_bath: str
    nights: str
    comparison: str
    magnesium: str
    self_test: str


class _Triage(ContentModel):
    unanswered_one: str
    unanswered: str
    more: str


class _ExperimentStatus(ContentModel):
    triage_open: str
    cramps_doubled: str
    person: str


class _Questions(ContentModel):
    triage: Sentence
    medicines: Sentence
    blood_tests: Sentence
    pregnancy: Sentence
    trigger: Sentence
    magnesium: Sentence
    anything_else: Sentence


class ReportWording(ContentModel):
    """The words of the report (`content/report/document.yaml`)."""

    reviewed: dt.date
    title: str
    title_for: str
    about: _About
    medicine_timing: _Timing
    tried: _Tried
    triage: _Triage
    experiment_status: _ExperimentStatus
    questions: _Questions
    trend: str


# The placeholders each text fills in; the loader refuses a text that drops or adds one.
_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "title_for": ("person",),
    "about.age": ("age",),
    "about.sex": ("sex",),
    "about.pregnant_weeks": ("weeks",),
    "about.conditions": ("conditions",),
    "medicine_timing.weeks_before": ("weeks",),
    "medicine_timing.started": ("date",),
    "medicine_timing.stopped": ("date",),
    "medicine_timing.named_in_check": ("date",),
    "tried.nights": ("label", "done", "recorded"),
    "tried.comparison": ("with_rate", "without"),
    "tried.magnesium": ("taking", "recorded"),
    "tried.self_test": ("verdict",),
    "triage.unanswered_one": ("conditions",),
    "triage.unanswered": ("count", "conditions"),
    "triage.more": ("count",),
    "experiment_status.person": ("reason",),
    "questions.triage": ("disposition",),
    "questions.medicines": ("names",),
}


def load_report_wording(content_dir: Path | None = None) -> ReportWording:
    """The report's words (cached per folder); raises ContentFileError naming the field."""
    return _wording(content_key(content_dir))


@cache
def _wording(root: Path | None) -> ReportWording:
    words = read_content(_FILE, ReportWording, root=root)
    check_cited(_FILE, words, load_sources(root))
    for section in (
        "about",
        "medicine_timing",
        "tried",
        "triage",
        "experiment_status",
        "questions",
    ):
        group: BaseModel = getattr(words, section)
        for name in type(group).model_fields:
            value = getattr(group, name)
            text, field = (
                (value.text, f"{name}.text") if isinstance(value, Sentence) else (value, name)
            )
            expected = _PLACEHOLDERS.get(f"{section}.{name}", ())
            check_template(_FILE, section, field, text, expected)
    check_template(_FILE, None, "title", words.title, ())
    check_template(_FILE, None, "title_for", words.title_for, ("person",))
    check_template(
        _FILE,
        None,
        "trend",
        words.trend,
        ("end", "recent", "recent_logged", "before", "before_logged"),
    )
    return words
