"""The report's experiment page: only for an experiment with a look, only the person's own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from tests.store.experiments.factories import days, experiment, log_nights

from nightcramp.store.experiments.convert import schedule_of
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.experiments.report import experiment_report

pytestmark = pytest.mark.django_db

START = timezone.localdate() - dt.timedelta(days=30)


def test_no_experiment_or_no_look_gives_no_page(alice: User) -> None:
    assert experiment_report(alice, now=timezone.now()) is None
    experiment(alice, start=timezone.localdate() - dt.timedelta(days=2))
    assert experiment_report(alice, now=timezone.now()) is None


def test_a_look_gives_the_periods_up_to_the_deciding_look(alice: User, bob: User) -> None:
    experiment(alice, start=START, pairs=4)
    log_nights(alice, days(START, 29), cramps=days(START, 29)[::3])
    page = experiment_report(alice, now=timezone.now())
    assert page is not None
    periods = page["periods"]
    assert isinstance(periods, list) and len(periods) == 4  # two pairs looked at
    assert sum(p.cramps for p in periods) == len(days(START, 28)[::3])
    assert str(page["chart"]).startswith("data:image/svg+xml;base64,")
    assert experiment_report(bob, now=timezone.now()) is None


def test_the_page_reports_the_answer_and_counts_the_looks_up_to_it(alice: User) -> None:
    start = timezone.localdate() - dt.timedelta(days=60)
    row = experiment(alice, start=start, pairs=4, seed=5)
    schedule_nights = days(start, 56)
    off = [d for d in schedule_nights if _arm(row, d) == "off"]
    log_nights(alice, schedule_nights, cramps=off * 2)
    page = experiment_report(alice, now=timezone.now())
    assert page is not None
    result = page["result"]
    assert isinstance(result, dict) and result["verdict"] == "helps"
    answer = next(look for look in result["looks"] if look["final"])
    assert page["looks"] == answer["pair"] < 4  # "results up to" the answer's date
    assert page["through"] == dt.date.fromisoformat(answer["date"])
    assert str(result["after_answer"]).startswith("Nights after the answer:")


def _arm(row: Experiment, date: dt.date) -> str:
    return next(n.arm.value for n in schedule_of(row).nights if n.date == date)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("felt unwell", "felt unwell."), ("Doctor said so.", "Doctor said so."), ("", "")],
)
def test_a_status_reason_reads_as_a_sentence_of_its_own(typed: str, shown: str) -> None:
    from nightcramp.store.experiments.report import _sentence

    assert _sentence(typed) == shown


@pytest.mark.parametrize(
    ("why", "reason", "shown"),
    [
        ("triage_open", "Please do what it says first.", "Paused by the app: an urgent"),
        ("cramps_doubled", "If your cramps are getting worse", "Paused by the app: cramps a "),
        ("person", "felt unwell", "Reason given by the patient: \u201cfelt unwell\u201d"),
        ("answered", "The experiment has its answer.", "The experiment has its answer."),
    ],
)
def test_the_report_says_why_it_paused_to_the_clinician_not_to_the_patient(
    alice: User, why: str, reason: str, shown: str
) -> None:
    from nightcramp.store.experiments.report import _status_sentence

    row = experiment(alice, start=dt.date(2026, 11, 1))
    row.status_why, row.status_reason = why, reason
    row.status_at = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)
    said = _status_sentence(row)
    assert said.startswith(shown)
    assert "Please" not in said and "your" not in said.replace("felt unwell", "")
