"""The check-in during an experiment: the factor it tests is never carried over from another
night, and an OFF night of the stretch experiment offers no stretch routine."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import as_alice, text

from nightcramp.store.diary.models import Night
from nightcramp.store.experiments.lifecycle import start_experiment
from nightcramp.store.experiments.tonight import arms_between

__all__ = ["as_alice"]

pytestmark = pytest.mark.django_db

START = dt.date(2026, 11, 21)


def _evening(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(20, 0), tzinfo=dt.UTC)


def _night_with(alice: User, change_id: str, arm: str) -> dt.date:
    """Start `change_id` on START (the night before is a stretch night) and return its first
    night with `arm`."""
    Night.objects.create(
        user=alice, date=START - dt.timedelta(days=1), bedtime_stretch=True, warm_bath=True,
        water_glasses=6,
    )  # fmt: skip
    start_experiment(alice, change_id, now=_evening(START), start=START, seed=3)
    last = START + dt.timedelta(days=120)
    return next(n.date for n in arms_between(alice, START, last) if n.arm == arm)


def _checked(page: str, name: str) -> bool:
    return f'name="{name}" value="yes" id="id_{name}_0" checked' in page


@pytest.mark.parametrize("arm", ["off", "on"])
def test_the_tested_factor_is_not_carried_over_from_another_night(
    as_alice: Client, alice: User, arm: str
) -> None:
    night = _night_with(alice, "bedtime_stretch", arm)
    Night.objects.filter(user=alice).update(date=night - dt.timedelta(days=1))
    with time_machine.travel(_evening(night), tick=False):
        page = text(as_alice.get(f"/checkin?date={night}"))
    assert "Filled in from" in page
    assert not _checked(page, "bedtime_stretch")  # unanswered until the person answers
    assert "data-left-blank" in page
    assert _checked(page, "warm_bath")  # the other answers are still offered
    assert 'name="water_glasses" value="6"' in page


def test_a_saved_answer_for_that_night_is_still_shown(as_alice: Client, alice: User) -> None:
    night = _night_with(alice, "bedtime_stretch", "off")
    Night.objects.create(user=alice, date=night, bedtime_stretch=True)
    with time_machine.travel(_evening(night), tick=False):
        page = text(as_alice.get(f"/checkin?date={night}"))
    assert _checked(page, "bedtime_stretch")


def test_another_experiment_leaves_only_its_own_factor_blank(as_alice: Client, alice: User) -> None:
    night = _night_with(alice, "warm_bath", "off")
    Night.objects.filter(user=alice).update(date=night - dt.timedelta(days=1))
    with time_machine.travel(_evening(night), tick=False):
        page = text(as_alice.get(f"/checkin?date={night}"))
    assert not _checked(page, "warm_bath")
    assert _checked(page, "bedtime_stretch")


def test_an_off_night_of_the_stretch_experiment_offers_no_stretch_routine(
    as_alice: Client, alice: User
) -> None:
    night = _night_with(alice, "bedtime_stretch", "off")
    with time_machine.travel(_evening(night), tick=False):
        page = text(as_alice.get(f"/checkin?date={night}"))
    assert 'href="/plan/routine/"' not in page
    assert "Start the bedtime stretch routine" not in page
    top = page.split('class="exp-tonight', 1)[0]
    assert "data-skip-routine" in top
    assert "OFF night" in top
    assert "Tonight: Skip the stretch routine on these nights." in top


def test_an_on_night_of_the_stretch_experiment_still_offers_the_routine(
    as_alice: Client, alice: User
) -> None:
    night = _night_with(alice, "bedtime_stretch", "on")
    with time_machine.travel(_evening(night), tick=False):
        page = text(as_alice.get(f"/checkin?date={night}"))
    assert "Start the bedtime stretch routine" in page
