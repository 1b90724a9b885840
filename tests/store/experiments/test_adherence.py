"""Adherence per night: yes, no, or unknown; only nights of the schedule, never the future."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from tests.store.experiments.factories import NOW, experiment

from nightcramp.core.errors import InputError
from nightcramp.store.experiments.adherence import record_followed
from nightcramp.store.experiments.convert import followed_of
from nightcramp.store.experiments.models import ExperimentNight

START = dt.date(2027, 2, 1)


def test_an_answer_is_stored_changed_and_forgotten(alice: User) -> None:
    row = experiment(alice, start=START)
    night = START + dt.timedelta(days=2)
    assert record_followed(row, night, True, now=NOW) is True
    record_followed(row, night, False, now=NOW)
    assert followed_of(row) == {night: False}
    assert record_followed(row, night, None, now=NOW) is None
    assert followed_of(row) == {}


@pytest.mark.parametrize(
    "night",
    [START - dt.timedelta(days=1), START + dt.timedelta(days=56), dt.date(2027, 3, 2)],
    ids=["before", "after", "future"],
)
def test_a_night_outside_the_schedule_or_in_the_future_is_refused(
    alice: User, night: dt.date
) -> None:
    row = experiment(alice, start=START, pairs=8)
    with pytest.raises(InputError) as raised:
        record_followed(row, night, True, now=NOW)
    assert raised.value.field == "date"
    assert not ExperimentNight.objects.exists()


def test_bobs_answers_never_reach_alices_experiment(alice: User, bob: User) -> None:
    mine, theirs = experiment(alice, start=START), experiment(bob, start=START)
    record_followed(theirs, START, False, now=NOW)
    assert followed_of(mine) == {}
