"""`nightcramp log`: a flag for every field, the diary's rules, exit codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.store.diary import models
from nightcramp.store.diary.episodes import CONFLICT

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 23, 40, tzinfo=dt.UTC)


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


# ---- log -------------------------------------------------------------------------------------


def test_log_with_no_flags_records_a_calf_cramp_now() -> None:
    with time_machine.travel(NOW, tick=False):
        result = run("log")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Logged a cramp: calf at 2026-11-21 23:40")
    row = models.Episode.objects.get()
    assert row.started_at == NOW
    assert (row.muscle, row.side, row.severity, row.woke_from_sleep) == ("calf", None, None, None)


def test_log_takes_a_flag_for_every_field_and_prints_one_json_document() -> None:
    result = run(
        "log",
        "--started-at",
        "2026-11-21T01:30",
        "--muscle",
        "thigh_front",
        "--side",
        "both",
        "--duration-min",
        "2.5",
        "--severity",
        "10",
        "--relief",
        "stretch",
        "--relief",
        "massage;walk",
        "--relief-worked",
        "walk",
        "--woke-from-sleep",
        "--notes",
        "=1+1 kept",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    row = models.Episode.objects.get()
    assert document == {
        "id": row.pk,
        "started_at": "2026-11-21T01:30:00+00:00",
        "night": "2026-11-20",
        "muscle": "thigh_front",
        "side": "both",
        "duration_min": 2.5,
        "severity": 10,
        "relief": ["stretch", "massage", "walk"],
        "relief_worked": "walk",
        "woke_from_sleep": True,
        "notes": "=1+1 kept",
    }


def test_log_not_woke_from_sleep_is_stored_as_false() -> None:
    assert run("log", "--not-woke-from-sleep").exit_code == 0
    assert models.Episode.objects.get().woke_from_sleep is False


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        (["--severity", "11"], "severity"),
        (["--severity", "-1"], "severity"),
        (["--severity", "1.5"], "severity"),
        (["--duration-min", "0"], "duration_min"),
        (["--duration-min", "soon"], "duration_min"),
        (["--relief", "yoga"], "relief"),
        (["--relief-worked", "yoga"], "relief_worked"),
        (["--started-at", "2026-02-30T01:00"], "started_at"),
        (["--started-at", "tonight"], "started_at"),
        (["--started-at", "2999-01-01T01:00"], "started_at"),
        (["--muscle", "knee"], "muscle"),
        (["--side", "up"], "side"),
        (["--notes", "x" * 10_001], "notes"),  # as import, the API and the web refuse it
    ],
)
def test_log_refuses_a_bad_value_naming_the_field_and_stores_nothing(
    flags: list[str], field: str
) -> None:
    result = run("log", *flags)
    # A muscle or side that is not one of the choices is a usage error (2); a value the
    # diary refuses is a problem found (1). Both name the field in the diary rule's words.
    assert result.exit_code == (2 if field in ("muscle", "side") else 1)
    assert result.stderr.startswith(f"nightcramp: {field}: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not models.Episode.objects.exists()


@pytest.mark.parametrize("flags", [["--bogus"], ["--severity"]])
def test_log_usage_errors_exit_2(flags: list[str]) -> None:
    assert run("log", *flags).exit_code == 2
    assert not models.Episode.objects.exists()


def test_log_refuses_the_same_cramp_twice() -> None:
    flags = ["--started-at", "2026-11-21T01:30", "--side", "left"]
    assert run("log", *flags).exit_code == 0
    result = run("log", *flags)
    assert result.exit_code == 1
    assert result.stderr == f"nightcramp: started_at: {CONFLICT}\n"
    assert models.Episode.objects.count() == 1
