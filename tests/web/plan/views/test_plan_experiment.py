"""The plan page on a night of the bedtime stretch experiment: no stretch on an OFF night."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from tests.web.plan.views.test_plan import _local

from nightcramp.store.experiments.lifecycle import start_experiment
from nightcramp.store.experiments.tonight import arms_between

pytestmark = pytest.mark.django_db

START = dt.date(2026, 11, 21)


def _plan_on(client: Client, arm: str) -> str:
    user = _local()
    evening = dt.datetime.combine(START, dt.time(20, 0), tzinfo=dt.UTC)
    start_experiment(user, "bedtime_stretch", now=evening, start=START, seed=3)
    night = next(
        n.date for n in arms_between(user, START, START + dt.timedelta(days=120)) if n.arm == arm
    )
    with time_machine.travel(dt.datetime.combine(night, dt.time(20, 0), tzinfo=dt.UTC), tick=False):
        return client.get("/plan/").content.decode()


def test_an_off_night_shows_the_off_night_instead_of_the_stretch_button(client: Client) -> None:
    html = _plan_on(client, "off")
    assert "Start the bedtime stretch" not in html
    assert "data-skip-routine" in html
    assert "OFF night" in html
    assert "Tonight: Skip the stretch routine on these nights." in html


def test_an_on_night_keeps_the_stretch_button(client: Client) -> None:
    html = _plan_on(client, "on")
    assert "Start the bedtime stretch" in html
