"""What the symptom check knows already from the diary: medicines started lately."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.store.diary.models import Medication
from nightcramp.store.triage.prefill import medicines_started_lately

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


def test_medicines_started_in_the_last_weeks_oldest_first_and_only_ones_own(
    alice: User, bob: User
) -> None:
    Medication.objects.create(user=alice, name="indapamide", started_on=TODAY - dt.timedelta(30))
    Medication.objects.create(user=alice, name="Lasix", started_on=TODAY - dt.timedelta(10))
    Medication.objects.create(user=alice, name="atorvastatin", started_on=TODAY - dt.timedelta(400))
    Medication.objects.create(user=alice, name="ramipril")  # no start date: not known
    Medication.objects.create(user=bob, name="furosemide", started_on=TODAY - dt.timedelta(5))
    assert medicines_started_lately(alice, TODAY) == [
        ("indapamide", TODAY - dt.timedelta(30)),
        ("Lasix", TODAY - dt.timedelta(10)),
    ]
