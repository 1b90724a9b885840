"""What `log`, `night` and `history` share (`cli.diary`): the rules' own words on stderr, and
whose diary a command uses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app
from nightcramp.core.diary_limits import IN_THE_FUTURE, TOO_MANY_HOURS
from nightcramp.core.diary_rules import TOO_EARLY, TOO_LONG
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 23, 40, tzinfo=dt.UTC)


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


# ---- shared --------------------------------------------------------------------------------


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


def test_log_for_a_named_account(django_user_model: type[User]) -> None:
    alice = django_user_model.objects.create_user("alice")
    django_user_model.objects.create_user("bob")
    assert run("log", "--user", "alice").exit_code == 0
    assert models.Episode.objects.get().user == alice
    assert run("log").exit_code == 2  # two accounts: say which
    assert run("log", "--user", "carol").exit_code == 2
    assert models.Episode.objects.count() == 1
