"""Start, pause, resume and stop: the checks, the one-at-a-time rule, and whose it is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from tests.store.experiments.factories import NOW, experiment

from nightcramp.core.errors import InputError
from nightcramp.store.diary.models import Profile
from nightcramp.store.experiments.lifecycle import (
    Refused,
    experiments_of,
    find_experiment,
    going_experiment,
    pause_experiment,
    resume_experiment,
    start_experiment,
    stop_experiment,
)
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.triage.history import resolve_result, save_assessment

TONIGHT = dt.date(2027, 3, 1)
URGENT: dict[str, object] = {"pregnant": True, "one_leg_swollen": True}


def test_start_uses_the_change_design_tonight_and_the_seed(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW, seed=11)
    assert (row.start, row.seed, row.period_nights, row.pairs) == (TONIGHT, 11, 7, 8)
    assert row.status == Experiment.Status.RUNNING
    assert going_experiment(alice) == row


def test_a_supplement_keeps_its_washout(alice: User) -> None:
    row = start_experiment(alice, "magnesium_supplement", now=NOW, seed=1)
    assert row.period_nights == 14
    assert row.washout_nights > 0


def test_a_second_experiment_is_refused_while_one_is_going(alice: User) -> None:
    start_experiment(alice, "bedtime_stretch", now=NOW)
    with pytest.raises(Refused, match="already have an experiment going") as raised:
        start_experiment(alice, "warm_bath", now=NOW)
    assert "calf stretch" in raised.value.reason
    assert experiments_of(alice).count() == 1


def test_a_paused_experiment_still_counts_as_going(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW)
    pause_experiment(row, "a cold", now=NOW)
    with pytest.raises(Refused):
        start_experiment(alice, "warm_bath", now=NOW)


def test_after_a_stop_a_new_experiment_may_start(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW)
    stop_experiment(row, "moving house", now=NOW)
    assert start_experiment(alice, "warm_bath", now=NOW).change_id == "warm_bath"


def test_one_person_going_does_not_stop_another(alice: User, bob: User) -> None:
    start_experiment(alice, "bedtime_stretch", now=NOW)
    assert start_experiment(bob, "bedtime_stretch", now=NOW).user == bob


def test_the_database_keeps_one_going_experiment_per_person(alice: User) -> None:
    from django.db import IntegrityError, transaction

    experiment(alice, start=TONIGHT)
    with pytest.raises(IntegrityError), transaction.atomic():
        experiment(alice, start=TONIGHT, status=Experiment.Status.PAUSED)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"start": dt.date(1899, 12, 31)}, "start"),
        ({"start": TONIGHT + dt.timedelta(days=400)}, "start"),
        ({"pairs": 3}, "pairs"),
        ({"pairs": 9}, "pairs"),
        ({"period_nights": 6}, "period_nights"),
        ({"seed": -1}, "seed"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(
    alice: User, options: dict[str, object], field: str
) -> None:
    with pytest.raises(InputError) as raised:
        start_experiment(alice, "bedtime_stretch", now=NOW, **options)  # type: ignore[arg-type]  # parametrised
    assert raised.value.field == field
    assert not isinstance(raised.value, Refused)
    assert not experiments_of(alice).exists()


def test_an_unknown_change_names_the_known_ones(alice: User) -> None:
    with pytest.raises(InputError, match="bedtime_stretch") as raised:
        start_experiment(alice, "quinine", now=NOW)
    assert raised.value.field == "change"


def test_the_stored_profile_decides_who_may_run_a_change(alice: User) -> None:
    Profile.objects.create(user=alice, conditions=["kidney_disease"])
    with pytest.raises(Refused, match="doctor") as raised:
        start_experiment(alice, "magnesium_supplement", now=NOW)
    assert raised.value.field == "change"
    row = start_experiment(alice, "magnesium_supplement", now=NOW, doctor_agreed=True)
    assert row.doctor_agreed


def test_in_pregnancy_a_supplement_is_refused_with_the_reason(alice: User) -> None:
    Profile.objects.create(user=alice, pregnant=True)
    with pytest.raises(Refused, match="pregnancy"):
        start_experiment(alice, "magnesium_supplement", now=NOW)
    assert start_experiment(alice, "bedtime_stretch", now=NOW).change_id == "bedtime_stretch"


def test_an_open_urgent_triage_result_refuses_a_start_and_says_which(alice: User) -> None:
    record = save_assessment(alice, URGENT)
    now = record.created_at + dt.timedelta(hours=1)
    with pytest.raises(Refused, match=r"Your symptom check on .* says a doctor should see you"):
        start_experiment(alice, "bedtime_stretch", now=now)
    resolve_result(alice, record.pk, now=now)
    # Seen to: the latest answers still decide, through the plan's own rules.
    with pytest.raises(Refused, match="not for you"):
        start_experiment(alice, "bedtime_stretch", now=now)
    assert not experiments_of(alice).exists()


def test_pause_resume_and_stop_keep_the_reason_and_time(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW)
    later = NOW + dt.timedelta(days=2)
    pause_experiment(row, "  a cold  ", now=later)
    assert (row.status, row.status_reason, row.status_at) == ("paused", "a cold", later)
    resume_experiment(row, "", now=later)
    assert row.status == "running"
    stop_experiment(row, "too hard", now=later)
    row.refresh_from_db()
    assert (row.status, row.status_why, row.status_reason) == ("stopped", "person", "too hard")


def test_the_state_refuses_what_it_cannot_do(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW)
    with pytest.raises(Refused, match="not paused"):
        resume_experiment(row, "", now=NOW)
    stop_experiment(row, "", now=NOW)
    for act in (pause_experiment, stop_experiment):
        with pytest.raises(Refused, match="not going"):
            act(row, "", now=NOW)


def test_a_reason_longer_than_500_characters_is_refused(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW)
    with pytest.raises(InputError) as raised:
        pause_experiment(row, "x" * 501, now=NOW)
    assert raised.value.field == "reason"


def test_resume_is_refused_while_an_urgent_triage_result_is_open(alice: User) -> None:
    row = start_experiment(alice, "bedtime_stretch", now=NOW)
    pause_experiment(row, "", now=NOW)
    record = save_assessment(alice, URGENT)
    with pytest.raises(Refused, match="doctor should see you") as raised:
        resume_experiment(row, "", now=record.created_at)
    assert "go on with the experiment" in str(raised.value)
    assert "Start an experiment" not in str(raised.value)


def test_bob_never_finds_alices_experiment(alice: User, bob: User) -> None:
    row = experiment(alice, start=TONIGHT)
    assert find_experiment(bob, row.pk) is None
    assert going_experiment(bob) is None
    assert not experiments_of(bob).exists()
    assert find_experiment(alice, row.pk) == row


def test_started_before_5_am_the_first_night_is_the_coming_evening(alice: User) -> None:
    zone = timezone.get_current_timezone()
    small_hours = dt.datetime(2027, 3, 10, 2, 30, tzinfo=zone)
    row = start_experiment(alice, "no_evening_alcohol", now=small_hours, seed=1)
    assert row.start == dt.date(2027, 3, 10)  # not the night of 9 March, half over
