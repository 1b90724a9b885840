"""What the report is made from: the person's own diary, profile, medicines and triage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.diary import Episode
from nightcramp.core.report import MedicationLine
from nightcramp.store.account.local import LOCAL_USERNAME
from nightcramp.store.diary import models
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night
from nightcramp.store.report.inputs import (
    medication_lines,
    report_input,
    triage_summary,
    urgent_triage,
)
from nightcramp.store.triage.history import save_assessment

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 9)


def test_medicines_are_resolved_to_their_class_and_cramp_link(alice: User, bob: User) -> None:
    models.Medication.objects.create(user=alice, name="indapamide", started_on=D(2025, 1, 1))
    models.Medication.objects.create(
        user=alice, name="zzqx", dose="1 a day", started_on=D(2024, 6, 1)
    )
    models.Medication.objects.create(user=bob, name="amlodipine", started_on=D(2024, 1, 1))
    assert medication_lines(alice) == [
        MedicationLine(name="zzqx", dose="1 a day", started_on=D(2024, 6, 1)),
        MedicationLine(
            name="indapamide",
            generic="indapamide",
            drug_class="thiazide_diuretic",
            cramp_link="established",
            started_on=D(2025, 1, 1),
        ),
    ]


def test_medicines_named_in_the_latest_symptom_check_are_listed_once(
    alice: User, bob: User
) -> None:
    from django.utils import timezone

    from nightcramp.store.triage.history import save_assessment

    models.Medication.objects.create(user=alice, name="Lasix", started_on=D(2025, 1, 1))
    save_assessment(alice, {"medications": ["atorvastatin"]})
    save_assessment(alice, {"medications": ["furosemide", "Atorvastatin 20mg", "none", " "]})
    save_assessment(bob, {"medications": ["lithium"]})
    lines = medication_lines(alice)
    assert [(m.name, m.generic, m.named_on) for m in lines] == [
        ("Lasix", "furosemide", None),  # furosemide from the check is the same medicine
        ("Atorvastatin 20mg", "atorvastatin", timezone.localdate()),
    ]
    assert lines[1].cramp_link == "reported" and lines[1].linked


def test_a_stopped_medicine_does_not_stand_for_one_the_check_names_now(alice: User) -> None:
    from nightcramp.store.triage.history import save_assessment

    models.Medication.objects.create(
        user=alice, name="Furosemide", started_on=D(2025, 1, 1), stopped_on=D(2026, 1, 1)
    )
    save_assessment(alice, {"medications": ["furosemide", "lithium, ibuprofen", "zzqx"]})
    lines = medication_lines(alice)
    assert [(m.name, m.generic, m.named_on is not None) for m in lines] == [
        ("Furosemide", "furosemide", False),
        ("furosemide", "furosemide", True),  # taken again, as the check says
        ("lithium", "lithium", True),  # a line naming two medicines gives each
        ("ibuprofen", "ibuprofen", True),
        ("zzqx", None, True),  # unknown: kept, never guessed
    ]


def test_the_persons_own_diary_and_profile_are_gathered(alice: User, bob: User) -> None:
    models.Profile.objects.create(user=alice, birth_year=1950, conditions=["diabetes"])
    save_night(alice, D(2026, 3, 1), {"water_glasses": 4}, mode=SaveMode.REPLACE)
    log_episode(alice, Episode(started_at=dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)))
    save_night(bob, D(2026, 3, 1), {"water_glasses": 9}, mode=SaveMode.REPLACE)
    data = report_input(alice, today=TODAY, since=D(2026, 2, 1))
    assert [n.date for n in data.nights] == [D(2026, 3, 1)]
    assert [n.factors for n in data.nights] == [{"water_glasses": 4}]
    assert len(data.episodes) == 1
    assert (data.today, data.since, data.birth_year, data.conditions) == (
        TODAY,
        D(2026, 2, 1),
        1950,
        ["diabetes"],
    )
    assert data.analysis is not None and data.analysis["nights"] == 1
    assert data.triage is None and data.urgent_triage == []


def test_the_report_names_the_person_but_not_the_local_account(alice: User) -> None:
    assert report_input(alice, today=TODAY, since=None).person == "alice"
    alice.first_name, alice.last_name = "Alice", "Smith"
    alice.save()
    assert report_input(alice, today=TODAY, since=None).person == "Alice Smith"
    local = User.objects.create_user(username=LOCAL_USERNAME)
    assert report_input(local, today=TODAY, since=None).person == ""


def test_the_leading_triage_result_and_every_urgent_one_are_included(
    alice: User, bob: User
) -> None:
    save_assessment(alice, {"one_leg_swollen": True})
    save_assessment(bob, {"one_leg_swollen": True})
    summary = triage_summary(alice)
    assert summary is not None and summary.disposition == "urgent"
    assert summary.resolved_at is None
    today = timezone.localdate()
    assert [t.disposition for t in urgent_triage(alice, since=None, until=today)] == ["urgent"]
    later = today + dt.timedelta(days=1)
    assert urgent_triage(alice, since=later, until=later) == []


def test_a_later_check_that_did_not_ask_leaves_the_medicines_an_earlier_one_named(
    alice: User,
) -> None:
    from django.utils import timezone

    from nightcramp.store.plan.inputs import latest_answers
    from nightcramp.store.triage.history import save_assessment

    save_assessment(alice, {"medications": ["atorvastatin"]})
    save_assessment(alice, {"cramps_per_week": 2})  # the medicines question not asked
    assert [(m.name, m.named_on) for m in medication_lines(alice)] == [
        ("atorvastatin", timezone.localdate())
    ]
    assert latest_answers(alice)["medications"] == ["atorvastatin"]
    save_assessment(alice, {"medications": ["none"]})  # answered: none now
    assert medication_lines(alice) == [] and latest_answers(alice)["medications"] == ["none"]
