"""Settings on the command line: read once at start-up; a bad value stops every command with one
line naming the variable and the accepted values (exit 1, no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nightcramp.cli import entry
from nightcramp.cli.app import build_app

SCRIPT = Path(sys.executable).with_name("nightcramp")
BAD = {
    "NIGHTCRAMP_BEHIND_PROXY": "maybe",
    "NIGHTCRAMP_DEBUG": "maybe",
    "NIGHTCRAMP_EMERGENCY_NUMBER": "999 / 911 / 112",
    "NIGHTCRAMP_TIME_ZONE": "Mars/Olympus_Mons",
    "NIGHTCRAMP_REMINDER_WATER": "10am",
    "NIGHTCRAMP_ALLOWED_HOSTS": "nas local",
    "TZ": "Mars/Base_Alpha",
}


@pytest.mark.parametrize("command", [["plan"], ["meds", "check", "Lasix"], ["triage", "history"]])
@pytest.mark.parametrize("name", BAD)
def test_a_bad_setting_stops_a_command_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    name: str,
) -> None:
    monkeypatch.setenv(name, BAD[name])
    assert entry.main(command) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"nightcramp: {name} must be ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("name", BAD)
def test_a_bad_setting_stops_now_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    monkeypatch.setenv(name, BAD[name])
    assert entry.main(["now", "--muscle", "foot"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"nightcramp now: {name} must be ")
    assert err.count("\n") == 1


def test_a_usage_error_in_now_still_comes_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NIGHTCRAMP_DEBUG", "maybe")
    assert entry.main(["now", "--muscle", "knee"]) == 2
    assert "unknown muscle" in capsys.readouterr().err


def test_a_bad_setting_stops_commands_run_through_typer() -> None:
    runner = CliRunner()
    for args in (["now"], ["reminders", "--ics"], ["meds", "check", "Lasix"]):
        result = runner.invoke(build_app(), args, env={"NIGHTCRAMP_BEHIND_PROXY": "maybe"})
        assert result.exit_code == 1, (args, result.output)
        assert "NIGHTCRAMP_BEHIND_PROXY must be one of 1, true, yes, on" in result.stderr


def test_the_emergency_number_in_now_comes_from_the_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NIGHTCRAMP_EMERGENCY_NUMBER", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TELEPHONE", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert entry.main(["now"]) == 0
    assert "  Emergency number: 911.\n" in capsys.readouterr().out
    monkeypatch.setenv("NIGHTCRAMP_EMERGENCY_NUMBER", "999")
    assert entry.main(["now"]) == 0
    assert "  Emergency number: 999.\n" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("NIGHTCRAMP_EMERGENCY_NUMBER")
    assert entry.main(["now"]) == 0
    assert "  Emergency number: 112.\n" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_reminder_times_reach_the_calendar_through_the_settings() -> None:
    env = {"NIGHTCRAMP_REMINDER_CHECKIN": "19:45", "NIGHTCRAMP_TIME_ZONE": "Europe/London"}
    result = CliRunner().invoke(build_app(), ["reminders", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert '"time": "19:45"' in result.stdout


def test_an_unforeseen_error_with_a_bad_debug_setting_reports_both(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(args: list[str]) -> int:
        raise RecursionError("deep")

    monkeypatch.setenv("NIGHTCRAMP_DEBUG", "maybe")
    monkeypatch.setattr(entry, "_dispatch", explode)
    assert entry.main(["plan"]) == 1
    err = capsys.readouterr().err
    assert "NIGHTCRAMP_DEBUG must be one of" in err
    assert "RecursionError" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [["now"], ["log", "--json"], ["serve", "--port", "1"]])
def test_the_installed_script_stops_at_start_up(tmp_path: Path, command: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NIGHTCRAMP_", "DJANGO_"))}
    env |= {"NIGHTCRAMP_HOME": str(tmp_path / "home"), "NIGHTCRAMP_BEHIND_PROXY": "maybe"}
    done = subprocess.run(
        [str(SCRIPT), *command], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert (
        'NIGHTCRAMP_BEHIND_PROXY must be one of 1, true, yes, on, 0, false, no, off (got "maybe")'
        in (done.stderr)
    )
    assert not (tmp_path / "home").exists()  # nothing was created
