"""`nightcramp night`: a flag for every factor, merged answers, the diary's rules."""

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
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 23, 40, tzinfo=dt.UTC)


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


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


def test_night_unset_of_an_unknown_name_is_a_usage_error_and_stores_nothing() -> None:
    result = run("night", "--date", "2026-11-20", "--water-glasses", "6", "--unset", "warm_bth")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("nightcramp: unset: 'warm_bth' is not one of your factors")
    assert "warm_bath" in result.stderr and "nightcramp night --help" in result.stderr
    assert not models.Night.objects.exists()


def test_night_unset_forgets_a_custom_factor_found_only_on_the_night() -> None:
    from nightcramp.store.account.local import local_user

    models.Night.objects.create(
        user=local_user(), date=dt.date(2026, 11, 20), custom={"pickle_juice": True}
    )
    result = run("night", "--date", "2026-11-20", "--unset", "pickle_juice")
    assert result.exit_code == 0, result.stderr
    assert models.Night.objects.get().custom == {}


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
        (["--alcohol-drinks", "1.0"], "alcohol_drinks"),
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


def test_night_lists_every_problem_the_store_finds() -> None:
    result = run("night", "--date", "2999-01-01", "--standing-hours", "20", "--sitting-hours", "5")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"nightcramp: date: {IN_THE_FUTURE}",
        f"nightcramp: sitting_hours: {TOO_MANY_HOURS}",
    ]
