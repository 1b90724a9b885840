"""A night's arm of the going experiment: paused shows none, stopped shows nothing, only the
person's own, and the coach's tick answers adherence only for the routine experiment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from tests.store.experiments.factories import experiment

from nightcramp.store.experiments.convert import schedule_of
from nightcramp.store.experiments.models import Experiment, ExperimentNight
from nightcramp.store.experiments.tonight import (
    arms_between,
    experiment_notes,
    night_arm,
    routine_done,
)

pytestmark = pytest.mark.django_db

START = dt.date.today() - dt.timedelta(days=3)


def test_each_night_has_its_scheduled_arm_and_words(alice: User) -> None:
    row = experiment(alice, start=START)
    nights = schedule_of(row).nights
    found = arms_between(alice, nights[0].date, nights[-1].date)
    assert [n.arm for n in found] == [n.arm.value for n in nights]
    assert all(n.words.startswith("Tonight: ") for n in found)
    assert found[0].is_routine


def test_a_paused_experiment_has_no_arm_and_a_stopped_one_nothing(alice: User) -> None:
    row = experiment(alice, start=START, status=Experiment.Status.PAUSED)
    night = night_arm(alice, START)
    assert night is not None and night.arm is None
    assert night.words == "Your experiment is paused tonight."
    row.status = Experiment.Status.STOPPED
    row.save()
    assert night_arm(alice, START) is None


def test_another_persons_experiment_is_never_shown(alice: User, bob: User) -> None:
    experiment(alice, start=START)
    assert night_arm(bob, START) is None
    assert experiment_notes(bob, today=START) == ()


def test_a_night_outside_the_schedule_has_no_arm(alice: User) -> None:
    experiment(alice, start=START)
    assert night_arm(alice, START - dt.timedelta(days=1)) is None


def test_the_coach_tick_answers_only_for_the_routine_experiment(alice: User) -> None:
    experiment(alice, start=START, change="warm_bath")
    assert routine_done(alice, START) is None
    assert not ExperimentNight.objects.exists()


def test_the_coach_tick_on_an_off_night_is_not_followed(alice: User) -> None:
    row = experiment(alice, start=dt.date.today() - dt.timedelta(days=20))
    off = next(n.date for n in schedule_of(row).nights if n.arm.value == "off")  # in pair 1
    assert routine_done(alice, off) is False


def test_the_calendar_notes_start_today_and_name_the_arm(alice: User) -> None:
    row = experiment(alice, start=START)
    today = START + dt.timedelta(days=2)
    notes = experiment_notes(alice, today=today)
    ahead = [n for n in schedule_of(row).nights if n.date >= today]
    assert [n.date for n in notes] == [n.date for n in ahead]
    assert notes[0].summary.endswith(": On" if ahead[0].arm.value == "on" else ": Off")
