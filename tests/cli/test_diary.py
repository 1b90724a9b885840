"""`nightcramp log`, `night` and `history`: flags for every field, the shared rules, exit codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.diary import STANDARD_FACTORS, FactorKind
from nightcramp.core.diary_limits import IN_THE_FUTURE, TOO_MANY_HOURS
from nightcramp.core.diary_rules import TOO_EARLY, TOO_LONG
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
    ],
)
def test_log_refuses_a_bad_value_naming_the_field_and_stores_nothing(
    flags: list[str], field: str
) -> None:
    result = run("log", *flags)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"nightcramp: {field}: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not models.Episode.objects.exists()


@pytest.mark.parametrize("flags", [["--muscle", "knee"], ["--side", "up"], ["--bogus"]])
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--started-at", "2999-01-01T01:00"], f"started_at: {IN_THE_FUTURE}"),
        (["log", "--started-at", "1899-12-31T23:00"], f"started_at: {TOO_EARLY}"),
        (["log", "--duration-min", "1441"], f"duration_min: {TOO_LONG}"),
        (["night", "--date", "2999-01-01"], f"date: {IN_THE_FUTURE}"),
        (["night", "--date", "1899-12-31"], f"date: {TOO_EARLY}"),
        (
            ["night", "--date", "2026-11-20", "--standing-hours", "14", "--sitting-hours", "11"],
            f"sitting_hours: {TOO_MANY_HOURS}",
        ),
    ],
)
def test_log_and_night_refuse_with_the_diary_rules_own_words(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == f"nightcramp: {message}\n"
    assert not models.Episode.objects.exists()
    assert not models.Night.objects.exists()


def test_night_lists_every_problem_the_store_finds() -> None:
    result = run("night", "--date", "2999-01-01", "--standing-hours", "20", "--sitting-hours", "5")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"nightcramp: date: {IN_THE_FUTURE}",
        f"nightcramp: sitting_hours: {TOO_MANY_HOURS}",
    ]


def test_log_for_a_named_account(django_user_model: type[User]) -> None:
    alice = django_user_model.objects.create_user("alice")
    django_user_model.objects.create_user("bob")
    assert run("log", "--user", "alice").exit_code == 0
    assert models.Episode.objects.get().user == alice
    assert run("log").exit_code == 2  # two accounts: say which
    assert run("log", "--user", "carol").exit_code == 2
    assert models.Episode.objects.count() == 1


# ---- night -----------------------------------------------------------------------------------


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def test_night_has_a_flag_for_every_standard_factor() -> None:
    flags: list[str] = []
    for name, kind in STANDARD_FACTORS.items():
        if kind is FactorKind.BOOL:
            flags.append(_flag(name))
        else:
            flags += [_flag(name), "2"]
    result = run("night", "--date", "2026-11-20", *flags, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["date"] == "2026-11-20"
    assert set(document["factors"]) == set(STANDARD_FACTORS)
    row = models.Night.objects.get()
    assert row.water_glasses == 2
    assert row.standing_hours == 2.0
    assert row.cold_room is True


def test_night_defaults_to_the_current_night_and_no_flag_means_not_recorded() -> None:
    with time_machine.travel(dt.datetime(2026, 11, 22, 1, 0, tzinfo=dt.UTC), tick=False):
        result = run("night", "--no-bedtime-stretch")
    assert result.exit_code == 0, result.stderr
    row = models.Night.objects.get()
    assert row.date == dt.date(2026, 11, 21)
    assert row.bedtime_stretch is False
    assert row.water_glasses is None


def test_night_keeps_stored_answers_not_given_and_unset_forgets_one() -> None:
    run("night", "--date", "2026-11-20", "--water-glasses", "6", "--warm-bath")
    run("night", "--date", "2026-11-20", "--alcohol-drinks", "1", "--unset", "warm_bath")
    row = models.Night.objects.get()
    assert (row.water_glasses, row.alcohol_drinks, row.warm_bath) == (6, 1, None)


def test_night_stores_custom_factors_as_numbers_or_booleans() -> None:
    result = run(
        "night", "--date", "2026-11-20", "--factor", "late_dinner=yes", "--factor", "nap_min=20"
    )
    assert result.exit_code == 0, result.stderr
    assert models.Night.objects.get().custom == {"late_dinner": True, "nap_min": 20}


@pytest.mark.parametrize(
    ("flags", "field"),
    [
        (["--water-glasses", "-1"], "water_glasses"),
        (["--alcohol-drinks", "1.5"], "alcohol_drinks"),
        (["--standing-hours", "25"], "standing_hours"),
        (["--sitting-hours", "x"], "sitting_hours"),
        (["--exercise-minutes", "1441"], "exercise_minutes"),
        (["--magnesium-mg", "-5"], "magnesium_mg"),
        (["--factor", "late_dinner"], "factor"),
        (["--factor", "water_glasses=3"], "factor"),
        (["--factor", "mood=good"], "mood"),
        (["--date", "2026-02-30"], "date"),
        (["--date", "2999-01-01"], "date"),
    ],
)
def test_night_refuses_a_bad_value_naming_the_field_and_stores_nothing(
    flags: list[str], field: str
) -> None:
    result = run("night", "--date", "2026-11-20", *flags)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"nightcramp: {field}: ")
    assert not models.Night.objects.exists()


def test_night_custom_value_must_match_the_factors_kind(django_user_model: type[User]) -> None:
    from nightcramp.store.account.local import local_user

    models.CustomFactor.objects.create(user=local_user(), name="late_dinner", kind="bool")
    result = run("night", "--date", "2026-11-20", "--factor", "late_dinner=3")
    assert result.exit_code == 1
    assert "late_dinner" in result.stderr


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
