"""Saving a night: MERGE keeps, REPLACE replaces, None clears, and every rule is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.diary import Night
from nightcramp.core.errors import InputErrors
from nightcramp.store.diary import models
from nightcramp.store.diary.nights import SaveMode, delete_night, find_night, save_night

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 22, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 20)


def save(user: User, factors: dict[str, object], **options: object) -> Night:
    options.setdefault("mode", SaveMode.MERGE)
    return save_night(user, DAY, factors, now=NOW, **options)  # type: ignore[arg-type]  # deliberately loose values


def problems(error: pytest.ExceptionInfo[InputErrors]) -> list[tuple[str | None, str]]:
    return [(e.field, e.reason) for e in error.value.errors]


def test_merge_keeps_stored_factors_that_are_not_given(alice: User) -> None:
    save(alice, {"water_glasses": 6, "warm_bath": True, "knee_pain": 2})
    night = save(alice, {"alcohol_drinks": 1})
    assert dict(night.factors) == {
        "water_glasses": 6,
        "alcohol_drinks": 1,
        "warm_bath": True,
        "knee_pain": 2,
    }
    assert find_night(alice, DAY) == night


def test_replace_stores_exactly_what_is_given(alice: User) -> None:
    save(alice, {"water_glasses": 6, "knee_pain": 2})
    night = save(alice, {"alcohol_drinks": 1}, mode=SaveMode.REPLACE)
    assert dict(night.factors) == {"alcohol_drinks": 1}
    assert models.Night.objects.count() == 1


def test_a_factor_given_as_none_is_cleared_in_either_mode(alice: User) -> None:
    save(alice, {"water_glasses": 6, "warm_bath": True, "knee_pain": 2})
    night = save(alice, {"warm_bath": None, "knee_pain": None})
    assert dict(night.factors) == {"water_glasses": 6}
    night = save(alice, {"water_glasses": None}, mode=SaveMode.REPLACE)
    assert dict(night.factors) == {}
    assert find_night(alice, DAY) == Night(DAY, {})  # logged, nothing recorded


def test_unset_forgets_a_stored_factor(alice: User) -> None:
    save(alice, {"water_glasses": 6, "knee_pain": 2})
    night = save(alice, {"alcohol_drinks": 0}, unset=["knee_pain", "never_stored"])
    assert dict(night.factors) == {"water_glasses": 6, "alcohol_drinks": 0}


def test_a_factor_both_given_and_unset_is_refused(alice: User) -> None:
    with pytest.raises(InputErrors) as error:
        save(alice, {"water_glasses": 6}, unset=["water_glasses"])
    assert problems(error) == [("water_glasses", "is both given and cleared; choose one")]
    assert not models.Night.objects.exists()


@pytest.mark.parametrize(
    ("date", "factors", "expected"),
    [
        (dt.date(2026, 11, 22), {}, [("date", "can't be in the future")]),
        (dt.date(1899, 12, 31), {}, [("date", "must be 1900 or later")]),
        (
            DAY,
            {"standing_hours": 14.5, "sitting_hours": 10},
            [("sitting_hours", "standing and sitting hours together can be at most 24")],
        ),
        (
            DAY,
            {"standing_hours": 25},
            [("standing_hours", "must be a number from 0 to 24, not 25")],
        ),
        (
            DAY,
            {"water_glasses": -1},
            [("water_glasses", "must be a whole number from 0 to 100, not -1")],
        ),
        (
            DAY,
            {"water_glasses": 1.5},
            [("water_glasses", "must be a whole number from 0 to 100, not 1.5")],
        ),
        (DAY, {"cold_room": 1}, [("cold_room", "must be true or false")]),
        (DAY, {"knee_pain": "sore"}, [("knee_pain", "must be a number or true/false")]),
        (DAY, {"date": 3}, [("date", "'date' is a standard column, not a custom factor")]),
        (
            DAY,
            {"knee_pain": 10**16},
            [("knee_pain", "is too large (at most 1,000,000,000,000,000)")],
        ),
    ],
)
def test_every_rule_is_refused_naming_the_field_and_nothing_is_written(
    alice: User, date: dt.date, factors: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(InputErrors) as error:
        save_night(alice, date, factors, mode=SaveMode.MERGE, now=NOW)  # type: ignore[arg-type]  # deliberately wrong values
    assert problems(error) == expected
    assert not models.Night.objects.exists()


def test_every_problem_is_listed_at_once_each_field_once(alice: User) -> None:
    with pytest.raises(InputErrors) as error:
        save_night(
            alice,
            dt.date(2026, 12, 1),
            {"water_glasses": -1, "standing_hours": 30, "cold_room": 0},
            mode=SaveMode.REPLACE,
            now=NOW,
        )
    assert [field for field, _ in problems(error)] == [
        "date",
        "standing_hours",
        "water_glasses",
        "cold_room",
    ]


def test_a_refused_merge_leaves_the_stored_night_as_it_was(alice: User) -> None:
    stored = save(alice, {"water_glasses": 6, "standing_hours": 12})
    with pytest.raises(InputErrors):
        save(alice, {"water_glasses": 7, "sitting_hours": 13})
    assert find_night(alice, DAY) == stored


def test_the_night_of_now_can_be_logged_but_not_the_next(alice: User) -> None:
    before_noon = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
    assert save_night(alice, DAY, {}, mode=SaveMode.MERGE, now=before_noon).date == DAY
    with pytest.raises(InputErrors):
        save_night(alice, DAY + dt.timedelta(days=1), {}, mode=SaveMode.MERGE, now=before_noon)


def test_alices_and_bobs_nights_are_apart(alice: User, bob: User) -> None:
    save(alice, {"water_glasses": 6})
    save(bob, {"water_glasses": 1}, mode=SaveMode.REPLACE)
    assert find_night(alice, DAY) == Night(DAY, {"water_glasses": 6})
    assert delete_night(bob, DAY) == Night(DAY, {"water_glasses": 1})
    assert delete_night(bob, DAY) is None
    assert find_night(bob, DAY) is None
    assert find_night(alice, DAY) == Night(DAY, {"water_glasses": 6})


def test_a_night_stored_meanwhile_by_another_request_is_replaced_not_doubled(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """save_night looks for the row, finds none, and inserts; a row that another request
    stored in between gets this request's factors instead of a second row or an error."""
    from nightcramp.store.diary import nights

    upsert = nights._upsert

    def row_appears_first(user: User, date: dt.date, fields: dict[str, object]) -> models.Night:
        models.Night.objects.create(user=user, date=date, water_glasses=1, warm_bath=False)
        return upsert(user, date, fields)

    monkeypatch.setattr(nights, "_upsert", row_appears_first)
    night = save(alice, {"water_glasses": 7}, mode=SaveMode.REPLACE)
    assert dict(night.factors) == {"water_glasses": 7}
    stored = models.Night.objects.get(user=alice, date=DAY)
    assert (stored.water_glasses, stored.warm_bath) == (7, None)
    assert find_night(alice, DAY) == night


def test_merge_with_a_night_stored_meanwhile_keeps_what_the_other_request_stored(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MERGE finds no row, checks, and inserts; when another request stored the night in
    between, the insert clashes and the factors are merged with what it stored."""
    from nightcramp.store.diary import nights

    checked = nights._checked
    calls: list[int] = []

    def other_request_first(*args: object, **kwargs: object) -> dict[str, object]:
        if not calls:
            models.Night.objects.create(user=alice, date=DAY, warm_bath=True, water_glasses=2)
        calls.append(1)
        return checked(*args, **kwargs)  # type: ignore[arg-type]  # passed through as given

    monkeypatch.setattr(nights, "_checked", other_request_first)
    night = save(alice, {"water_glasses": 7})
    assert len(calls) == 2  # checked again after the clash, on the stored night
    assert dict(night.factors) == {"water_glasses": 7, "warm_bath": True}
    assert find_night(alice, DAY) == night
    assert models.Night.objects.filter(user=alice, date=DAY).count() == 1
