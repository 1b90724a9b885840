"""What an export reads: a person's own rows, in a stable order, and the custom column names."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, FactorKind, Muscle, Night, Side
from nightcramp.core.interop.json_diary import DiaryMedication, DiaryProfile
from nightcramp.store.diary import models
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.export import (
    custom_factor_names,
    export_medications,
    export_profile,
    iter_export_episodes,
    iter_export_nights,
)
from nightcramp.store.diary.factors import add_custom_factor
from nightcramp.store.diary.nights import SaveMode, save_night

pytestmark = pytest.mark.django_db

D = dt.date
AT = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)


def test_custom_names_come_from_definitions_and_nights_sorted_once(alice: User, bob: User) -> None:
    add_custom_factor(alice, "naps", FactorKind.INT)
    save_night(alice, D(2026, 3, 2), {"sauna": True, "naps": 1}, mode=SaveMode.REPLACE)
    save_night(alice, D(2026, 3, 1), {"water_glasses": 4, "leg_day": False}, mode=SaveMode.REPLACE)
    save_night(bob, D(2026, 3, 1), {"bobs_own": 1}, mode=SaveMode.REPLACE)
    assert custom_factor_names(alice) == ["leg_day", "naps", "sauna"]
    assert custom_factor_names(bob) == ["bobs_own"]


def test_nights_come_by_date_and_only_the_persons_own(alice: User, bob: User) -> None:
    for day in (D(2026, 3, 3), D(2026, 3, 1), D(2026, 3, 2)):
        save_night(alice, day, {"water_glasses": day.day}, mode=SaveMode.REPLACE)
    save_night(bob, D(2026, 2, 1), {"water_glasses": 9}, mode=SaveMode.REPLACE)
    assert list(iter_export_nights(alice)) == [
        Night(D(2026, 3, d), {"water_glasses": d}) for d in (1, 2, 3)
    ]


def test_episodes_come_by_start_then_muscle_then_side(alice: User, bob: User) -> None:
    later = AT + dt.timedelta(hours=1)
    stored = [
        Episode(started_at=later, muscle=Muscle.CALF),
        Episode(started_at=AT, muscle=Muscle.FOOT, side=Side.LEFT),
        Episode(started_at=AT, muscle=Muscle.CALF, side=Side.RIGHT),
        Episode(started_at=AT, muscle=Muscle.CALF, side=Side.LEFT),
    ]
    for episode in stored:
        log_episode(alice, episode)
    log_episode(bob, Episode(started_at=AT - dt.timedelta(hours=1)))
    found = [(e.started_at, e.muscle, e.side) for e in iter_export_episodes(alice)]
    assert found == [
        (AT, Muscle.CALF, Side.LEFT),
        (AT, Muscle.CALF, Side.RIGHT),
        (AT, Muscle.FOOT, Side.LEFT),
        (later, Muscle.CALF, None),
    ]


def test_no_stored_profile_exports_none(alice: User, bob: User) -> None:
    models.Profile.objects.create(user=bob, conditions=["heart_failure"])
    assert export_profile(alice) is None
    profile = export_profile(bob)
    assert isinstance(profile, DiaryProfile)
    assert profile.conditions == ("heart_failure",)


def test_medicines_come_by_name_then_start(alice: User, bob: User) -> None:
    models.Medication.objects.create(user=alice, name="indapamide", started_on=D(2025, 5, 1))
    models.Medication.objects.create(user=alice, name="amlodipine", dose="5 mg")
    models.Medication.objects.create(user=alice, name="indapamide", started_on=D(2024, 1, 1))
    models.Medication.objects.create(user=bob, name="quinine")
    assert export_medications(alice) == [
        DiaryMedication("amlodipine", dose="5 mg"),
        DiaryMedication("indapamide", started_on=D(2024, 1, 1)),
        DiaryMedication("indapamide", started_on=D(2025, 5, 1)),
    ]
