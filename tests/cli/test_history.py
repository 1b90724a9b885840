"""`nightcramp history`: every night of a period, unlogged nights shown as such."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 23, 40, tzinfo=dt.UTC)


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


# ---- history ---------------------------------------------------------------------------------


def test_history_json_lists_every_night_and_tells_missing_from_cramp_free() -> None:
    run("night", "--date", "2026-11-18", "--water-glasses", "4")
    run("log", "--started-at", "2026-11-20T03:00", "--severity", "6")
    result = run("history", "--since", "2026-11-18", "--until", "2026-11-20", "--json")
    assert result.exit_code == 0, result.stderr
    nights = json.loads(result.stdout)["nights"]
    assert [(n["date"], n["state"]) for n in nights] == [
        ("2026-11-18", "no_cramps"),
        ("2026-11-19", "cramps"),
        ("2026-11-20", "not_logged"),
    ]
    assert nights[0]["factors"] == {"water_glasses": 4}
    assert nights[1]["episodes"][0]["severity"] == 6


def test_history_prints_a_table_of_the_last_14_nights() -> None:
    run("log", "--started-at", "2026-11-20T03:00", "--severity", "6")
    with time_machine.travel(NOW, tick=False):
        result = run("history")
    assert result.exit_code == 0, result.stderr
    assert "Thu 19 Nov" in result.stdout
    assert "Sat 21 Nov" in result.stdout
    assert "Sun 08 Nov" in result.stdout
    assert "Sat 07 Nov" not in result.stdout
    assert "not logged" in result.stdout


@pytest.mark.parametrize(
    ("flags", "code"),
    [(["--since", "2026-11-30", "--until", "2026-11-01"], 2), (["--since", "soon"], 1)],
)
def test_history_refuses_bad_dates(flags: list[str], code: int) -> None:
    assert run("history", *flags).exit_code == code
