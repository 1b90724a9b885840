from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from tests.web.report.diaries import store_diary

from nightcramp.store.diary.models import Medication
from nightcramp.store.diary.summary import diary_summary
from nightcramp.store.experiments.lifecycle import start_experiment
from nightcramp.store.sharing.summary import shared_summary
from nightcramp.store.triage.history import save_assessment

pytestmark = pytest.mark.django_db


def test_the_summary_has_the_diary_numbers_triage_medicines_and_experiments(
    alice: User, bob: User
) -> None:
    now = timezone.now()
    store_diary(alice, nights=40, end=timezone.localdate(now) - dt.timedelta(days=2))
    store_diary(bob, nights=10, end=timezone.localdate(now) - dt.timedelta(days=2), seed=3)
    Medication.objects.create(user=alice, name="furosemide", started_on=dt.date(2024, 1, 1))
    Medication.objects.create(user=bob, name="atorvastatin", started_on=dt.date(2024, 1, 1))
    start_experiment(alice, "bedtime_stretch", now=now, seed=11)
    save_assessment(alice, {"leg_warm": True})
    save_assessment(bob, {"short_of_breath": True})

    summary = shared_summary(alice, now=now)

    assert summary.diary == diary_summary(alice, today=timezone.localdate(now))
    assert summary.report.nights_logged == summary.diary.nights_logged
    assert summary.report.cramp_nights == summary.diary.cramp_nights
    assert summary.report.weekly  # the shared page draws it (web.sharing.chart)
    assert [m["name"] for m in summary.report.medications] == ["furosemide"]
    assert len(summary.triage) == 1 and summary.open_triage == summary.triage
    assert [e["change"] for e in summary.experiments] == ["bedtime_stretch"]


def test_an_empty_diary_has_no_chart_and_nothing_open(alice: User) -> None:
    summary = shared_summary(alice, now=timezone.now())
    assert summary.diary.nights_logged == 0
    assert not summary.report.weekly
    assert summary.triage == [] and summary.open_triage == [] and summary.experiments == []
