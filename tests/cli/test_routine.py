"""`nightcramp routine`: the steps in a pipe; timers in a terminal; ticks tonight's stretch."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli import routine as routine_module
from nightcramp.cli.app import build_app
from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models


def _me() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(routine_module, "_sleep", slept.append)
    return slept


def test_without_a_terminal_it_lists_every_step_with_its_time_and_records_nothing() -> None:
    result = run("routine")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Safety: If a leg is swollen")
    assert lines[1].startswith("1. Wall calf stretch, left leg (3 x 30 s)")
    assert lines[2].startswith("2. Wall calf stretch, right leg (3 x 30 s)")
    assert any("Ankle circles" in line for line in lines)


def test_json_prints_the_steps_with_their_timers() -> None:
    result = run("routine", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["steps"][0]["hold_seconds"] == 30
    assert document["steps"][0]["repeats"] == 3
    assert document["total_seconds"] > 300


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 22, 22, 30), tick=False)
def test_finishing_the_timed_routine_ticks_tonights_bedtime_stretch(
    no_waiting: list[float],
) -> None:
    user = _me()
    models.Night.objects.create(user=user, date=dt.date(2026, 11, 22), water_glasses=6)
    result = run("routine", "--timers")
    assert result.exit_code == 0, result.stderr
    night = models.Night.objects.get(user=user, date=dt.date(2026, 11, 22))
    assert night.bedtime_stretch is True
    assert night.water_glasses == 6
    assert sum(no_waiting) == 375
    assert "2026-11-22" in result.stderr


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 23, 0, 40), tick=False)
def test_after_midnight_it_ticks_the_night_that_began_the_evening_before(
    no_waiting: list[float],
) -> None:
    result = run("routine", "--done")
    assert result.exit_code == 0, result.stderr
    assert models.Night.objects.get().date == dt.date(2026, 11, 22)
    assert no_waiting == []
    assert result.stdout == ""


@pytest.mark.django_db
def test_no_record_leaves_the_diary_alone(no_waiting: list[float]) -> None:
    result = run("routine", "--timers", "--no-record")
    assert result.exit_code == 0
    assert not models.Night.objects.exists()
