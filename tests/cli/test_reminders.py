"""`nightcramp reminders --ics`: an iCalendar file, times from settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar, Component
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(build_app(), list(args), env=env)


def _events(text: str | bytes) -> dict[str, Component]:
    calendar = Calendar.from_ical(text)
    return {str(e["summary"]) + e.decoded("dtstart").strftime(" %H:%M"): e
            for e in calendar.walk("VEVENT")}  # fmt: skip


def test_ics_on_stdout_has_the_default_reminders() -> None:
    result = run("reminders", "--ics", env={"NIGHTCRAMP_TIME_ZONE": "Europe/London"})
    assert result.exit_code == 0, result.stderr
    assert sorted(_events(result.stdout)) == [
        "Bedtime stretch 22:00",
        "Evening check-in 21:00",
        "Water check 10:00",
        "Water check 14:00",
        "Water check 17:00",
    ]


def test_times_come_from_the_settings_and_the_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "reminders.ics"
    env = {
        "NIGHTCRAMP_REMINDER_BEDTIME": "23:00",
        "NIGHTCRAMP_REMINDER_CHECKIN": "20:30",
        "NIGHTCRAMP_REMINDER_WATER": "none",
        "NIGHTCRAMP_TIME_ZONE": "America/New_York",
    }
    result = run("reminders", "--ics", "--out", str(out), env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    events = _events(out.read_bytes())
    assert sorted(events) == ["Bedtime stretch 23:00", "Evening check-in 20:30"]
    start = events["Bedtime stretch 23:00"].decoded("dtstart")
    assert start.utcoffset() in {dt.timedelta(hours=-5), dt.timedelta(hours=-4)}


def test_no_water_leaves_the_water_reminders_out() -> None:
    result = run("reminders", "--ics", "--no-water")
    assert [k.split()[0] for k in sorted(_events(result.stdout))] == ["Bedtime", "Evening"]


def test_a_bad_time_exits_1_naming_the_variable_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.ics"
    result = run("reminders", "--ics", "--out", str(out),
                 env={"NIGHTCRAMP_REMINDER_BEDTIME": "late"})  # fmt: skip
    assert result.exit_code == 1
    assert "NIGHTCRAMP_REMINDER_BEDTIME" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("args", [["reminders"], ["reminders", "--out", "x.ics"]])
def test_without_ics_it_is_a_usage_error(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "--ics" in result.stderr


def test_json_lists_each_reminder_with_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from nightcramp.cli.app import build_app

    monkeypatch.setenv("NIGHTCRAMP_REMINDER_BEDTIME", "22:30")
    result = CliRunner().invoke(build_app(), ["reminders", "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    times = {r["id"]: r["time"] for r in document["reminders"]}
    assert "22:30" in times.values()
    assert "ics" not in document


def test_a_stored_fluid_limit_leaves_the_water_reminders_out_even_when_asked() -> None:
    import json

    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary.models import Profile

    Profile.objects.create(user=local_user(), conditions=["heart_failure"])
    result = run("reminders", "--json", "--water")
    assert result.exit_code == 0, result.stderr
    ids = [r["id"] for r in json.loads(result.stdout)["reminders"]]
    assert ids and not any("water" in i for i in ids)
