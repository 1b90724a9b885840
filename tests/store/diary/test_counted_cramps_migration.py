"""Migration diary 0002: a custom factor stored under the name `cramps` (which the app now
refuses: a night's cramps are counted) is kept under a new name, values and definition alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("diary", "0001_initial")]
AFTER = [("diary", "0002_counted_cramps")]


def _migrate(target: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return MigrationExecutor(connection)


def test_a_stored_cramps_factor_is_renamed_and_nothing_else_changes() -> None:
    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="ann")
    other = old.get_model("auth", "User").objects.create(username="bob")
    Night = old.get_model("diary", "Night")
    Factor = old.get_model("diary", "CustomFactor")
    Night.objects.create(user_id=user.pk, date=dt.date(2026, 3, 1), custom={"cramps": 5, "x": 1})
    Night.objects.create(
        user_id=user.pk, date=dt.date(2026, 3, 2), custom={"Cramps": 2, "cramps_entered": 9}
    )
    Night.objects.create(user_id=other.pk, date=dt.date(2026, 3, 1), custom={"steps": 4000})
    Factor.objects.create(user_id=user.pk, name="cramps", kind="int")
    new = _migrate(AFTER).loader.project_state(AFTER).apps
    nights = {
        (n.user_id, n.date.day): n.custom for n in new.get_model("diary", "Night").objects.all()
    }
    assert nights[(user.pk, 1)] == {"cramps_entered": 5, "x": 1}
    assert nights[(user.pk, 2)] == {"Cramps_entered_2": 2, "cramps_entered": 9}
    assert nights[(other.pk, 1)] == {"steps": 4000}
    names = list(new.get_model("diary", "CustomFactor").objects.values_list("name", flat=True))
    assert names == ["cramps_entered"]
