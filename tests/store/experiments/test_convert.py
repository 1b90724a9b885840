"""A stored row stands for the same schedule the core designs from its seed, with its answers."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from tests.store.experiments.factories import experiment

from nightcramp.core.experiments.schedule import design_schedule
from nightcramp.store.experiments.convert import change_of, experiment_json, schedule_of
from nightcramp.store.experiments.models import ExperimentNight

START = dt.date(2027, 2, 1)


def test_the_schedule_is_the_cores_design_with_the_stored_answers(alice: User) -> None:
    row = experiment(alice, start=START, seed=42, pairs=5)
    ExperimentNight.objects.create(experiment=row, date=START, followed=False)
    schedule = schedule_of(row)
    designed = design_schedule(START, 7, 5, 42)
    assert [(n.date, n.arm, n.period) for n in schedule.nights] == [
        (n.date, n.arm, n.period) for n in designed.nights
    ]
    assert schedule.nights[0].followed is False
    assert {n.followed for n in schedule.nights[1:]} == {None}


def test_the_json_gives_the_design_its_end_and_state(alice: User) -> None:
    row = experiment(alice, start=START, pairs=4)
    document = experiment_json(row)
    assert document["end"] == (START + dt.timedelta(days=4 * 2 * 7 - 1)).isoformat()
    assert (document["status"], document["change"], document["seed"]) == (
        "running",
        "bedtime_stretch",
        3,
    )
    assert document["change_name"] == change_of(row).name  # type: ignore[union-attr]  # a shipped change


def test_a_change_no_longer_in_the_content_has_no_name(alice: User) -> None:
    row = experiment(alice, start=START, change="retired_change")
    assert change_of(row) is None
    assert experiment_json(row)["change_name"] is None
