"""What the plan is built from: the stored profile, current medicines, the latest triage
answers, what was tried; and the bedtime stretch tick and its adherence strip."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core.diary import Episode
from nightcramp.store.diary import models
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night
from nightcramp.store.plan.inputs import (
    AdherenceNight,
    adherence,
    forget_tried,
    latest_answers,
    mark_bedtime_stretch,
    plan_for_user,
    save_tried,
    stored_insights,
    stored_profile,
    tried_items,
)
from nightcramp.store.triage.history import resolve_result, save_assessment

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 9)


def test_with_nothing_stored_the_profile_is_unknown_not_none(alice: User) -> None:
    # Nothing stored means not known, never "no medicines, no conditions".
    models.Profile.objects.create(user=alice, conditions=[])
    profile = stored_profile(alice, today=TODAY)
    assert (profile.birth_year, profile.conditions, profile.medications) == (None, None, None)
    assert dict(profile.answers) == {}


def test_the_profile_holds_the_stored_answers_and_the_medicines_still_taken(
    alice: User, bob: User
) -> None:
    models.Profile.objects.create(user=alice, birth_year=1950, conditions=["diabetes"])
    models.Medication.objects.create(user=alice, name="indapamide")
    models.Medication.objects.create(user=alice, name="amlodipine", stopped_on=D(2026, 3, 10))
    models.Medication.objects.create(user=alice, name="quinine", stopped_on=TODAY)
    models.Medication.objects.create(user=bob, name="furosemide")
    profile = stored_profile(alice, today=TODAY)
    assert (profile.birth_year, profile.conditions) == (1950, ("diabetes",))
    assert profile.medications == ("amlodipine", "indapamide")


def test_the_latest_triage_answers_are_used(alice: User, bob: User) -> None:
    assert latest_answers(alice) == {}
    save_assessment(alice, {"cramps_in_daytime_too": True})  # routine: it does not stay open
    save_assessment(alice, {"cramps_in_daytime_too": False})
    save_assessment(bob, {"pregnant": True})
    assert latest_answers(alice) == {"cramps_in_daytime_too": False}
    assert stored_profile(alice, today=TODAY).answers["cramps_in_daytime_too"] is False


def test_the_yes_answers_of_an_open_urgent_result_hold_until_it_is_seen_to(alice: User) -> None:
    urgent = save_assessment(alice, {"one_leg_swollen": True, "age": 70})
    assert urgent.disposition == "urgent"
    save_assessment(alice, {"one_leg_swollen": False, "leg_warm": False, "age": 70})
    assert latest_answers(alice) == {"one_leg_swollen": True, "leg_warm": False, "age": 70}
    plan = plan_for_user(alice, today=TODAY, with_insights=False)
    stretch = next(i for i in plan.items if i.id == "bedtime_calf_stretch")
    assert stretch.status.value == "not_advised"  # as the result shown first says
    resolve_result(alice, urgent.pk, now=timezone.now())
    assert latest_answers(alice)["one_leg_swollen"] is False


def test_what_was_tried_is_kept_changed_and_forgotten_per_person(alice: User, bob: User) -> None:
    save_tried(alice, "warm_bath", True)
    save_tried(alice, "loose_bedding", None)
    save_tried(alice, "warm_bath", False)
    save_tried(bob, "warm_bath", True)
    assert tried_items(alice) == {"warm_bath": False, "loose_bedding": None}
    forget_tried(alice, "warm_bath")
    assert tried_items(alice) == {"loose_bedding": None}
    assert tried_items(bob) == {"warm_bath": True}


def test_no_insights_without_a_logged_night(alice: User) -> None:
    assert stored_insights(alice) is None


def test_ticking_the_stretch_keeps_the_nights_other_answers(alice: User) -> None:
    save_night(alice, D(2026, 3, 8), {"water_glasses": 5}, mode=SaveMode.REPLACE)
    mark_bedtime_stretch(alice, D(2026, 3, 8))
    mark_bedtime_stretch(alice, TODAY)  # a night not logged yet
    rows = {n.date: n for n in models.Night.objects.filter(user=alice)}
    assert (rows[D(2026, 3, 8)].bedtime_stretch, rows[D(2026, 3, 8)].water_glasses) == (True, 5)
    assert (rows[TODAY].bedtime_stretch, rows[TODAY].water_glasses) == (True, None)


def test_adherence_says_unknown_for_nights_not_logged(alice: User, bob: User) -> None:
    save_night(alice, D(2026, 3, 6), {"bedtime_stretch": True}, mode=SaveMode.REPLACE)
    save_night(alice, D(2026, 3, 7), {"bedtime_stretch": False}, mode=SaveMode.REPLACE)
    log_episode(alice, Episode(started_at=dt.datetime(2026, 3, 9, 2, 0, tzinfo=dt.UTC)))
    save_night(bob, D(2026, 3, 9), {"bedtime_stretch": True}, mode=SaveMode.REPLACE)
    assert adherence(alice, today=TODAY, days=4) == [
        AdherenceNight(D(2026, 3, 6), True, False),
        AdherenceNight(D(2026, 3, 7), False, False),
        AdherenceNight(D(2026, 3, 8), None, True),  # a cramp, stretch not recorded
        AdherenceNight(D(2026, 3, 9), None, None),
    ]


def test_adherence_covers_four_weeks_by_default(alice: User) -> None:
    nights = adherence(alice, today=TODAY)
    assert len(nights) == 28
    assert (nights[0].date, nights[-1].date) == (TODAY - dt.timedelta(days=27), TODAY)


def test_the_stored_plan_leads_with_the_saved_result_and_adds_none_from_the_profile(
    alice: User,
) -> None:
    from django.utils import timezone

    from nightcramp.store.plan.inputs import plan_for_user

    save_assessment(alice, {"short_of_breath": True})  # an emergency, still open
    save_assessment(alice, {"recent_vomiting_or_diarrhoea": True})
    models.Medication.objects.create(user=alice, name="lithium")  # would make the latter urgent
    plan = plan_for_user(alice, today=timezone.localdate(), with_insights=False)
    assert plan.triage is not None and plan.triage["disposition"] == "emergency"
    assert plan.triage_with_profile is None
    assert "triage_with_profile" not in plan.to_json()
