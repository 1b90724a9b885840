"""One night or episode of a JSON diary: JSON types, the diary rules, problems by path."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import Episode, Muscle, Night, Relief, Side
from nightcramp.core.interop.json_rows import read_episode, read_night
from nightcramp.core.interop.problems import ProblemList

START = "2026-03-02T01:00"


def night(item: object, seen: set[int] | None = None) -> tuple[Night | None, list[str]]:
    problems = ProblemList("d.json")
    found = read_night(item, "nights[0]", problems, set() if seen is None else seen)
    return found, [f"{e.field}: {e.reason}" for e in problems.errors]


def episode(
    item: object, tz: dt.tzinfo | None = None, seen: set[int] | None = None
) -> tuple[Episode | None, list[str]]:
    problems = ProblemList("d.json")
    found = read_episode(item, "episodes[0]", problems, tz, set() if seen is None else seen)
    return found, [f"{e.field}: {e.reason}" for e in problems.errors]


# -- nights -------------------------------------------------------------------------------------
def test_a_night_keeps_standard_and_custom_factors_and_null_means_not_recorded() -> None:
    item = {"date": "2026-03-01", "water_glasses": 4, "cold_room": None, "zinc": 1.5}
    assert night(item) == (Night(dt.date(2026, 3, 1), {"water_glasses": 4, "zinc": 1.5}), [])


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"date": "2026-02-30"}, "nights[0].date"),
        ({"water_glasses": 2}, "nights[0].date"),
        ({"date": 20260301}, "nights[0].date"),
        ({"date": "2026-03-01", "water_glasses": 1.5}, "nights[0].water_glasses"),
        ({"date": "2026-03-01", "water_glasses": 4.0}, "nights[0].water_glasses"),
        ({"date": "2026-03-01", "water_glasses": True}, "nights[0].water_glasses"),
        ({"date": "2026-03-01", "cold_room": 1}, "nights[0].cold_room"),
        ({"date": "2026-03-01", "sitting_hours": -1}, "nights[0].sitting_hours"),
        ({"date": "2026-03-01", "mood": "ok"}, "nights[0].mood"),
        ({"date": "2026-03-01", "notes": 1}, "nights[0].notes"),
        ("2026-03-01", "nights[0]"),
    ],
)
def test_bad_night_values_are_refused_naming_the_field(item: object, field: str) -> None:
    found, problems = night(item)
    assert found is None
    assert [p.split(": ")[0] for p in problems] == [field]


def test_a_night_already_seen_is_a_duplicate() -> None:
    seen: set[int] = set()
    assert night({"date": "2026-03-01"}, seen)[0] is not None
    assert night({"date": "2026-03-01"}, seen) == (
        None,
        ["nights[0].date: 2026-03-01 appears more than once"],
    )


# -- episodes -----------------------------------------------------------------------------------
def test_an_episode_reads_every_field() -> None:
    item = {
        "started_at": "2026-03-02T03:10:00+02:00",
        "muscle": "foot",
        "side": "both",
        "duration_min": 3,
        "severity": 8,
        "relief": ["stretch", "walk", "stretch"],
        "relief_worked": "walk",
        "woke_from_sleep": True,
        "notes": "after a walk",
    }
    found, problems = episode(item)
    assert problems == []
    assert found == Episode(
        started_at=dt.datetime(2026, 3, 2, 3, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        muscle=Muscle.FOOT,
        side=Side.BOTH,
        duration_min=3.0,
        severity=8,
        relief=(Relief.STRETCH, Relief.WALK),
        relief_worked=Relief.WALK,
        woke_from_sleep=True,
        notes="after a walk",
    )
    assert found is not None
    assert type(found.duration_min) is float and type(found.severity) is int


def test_missing_and_null_episode_fields_mean_not_recorded() -> None:
    tz = dt.timezone(dt.timedelta(hours=-5))
    found, _ = episode({"started_at": START, "side": None, "relief": None}, tz)
    assert found == Episode(started_at=dt.datetime(2026, 3, 2, 1, 0, tzinfo=tz))
    assert found is not None and found.muscle is Muscle.CALF


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"started_at": "2026-03-02"}, "episodes[0].started_at"),
        ({"started_at": 5}, "episodes[0].started_at"),
        ({"severity": 3}, "episodes[0].started_at"),
        ({"started_at": START, "severity": 11}, "episodes[0].severity"),
        ({"started_at": START, "severity": "3"}, "episodes[0].severity"),
        ({"started_at": START, "duration_min": 0}, "episodes[0].duration_min"),
        ({"started_at": START, "muscle": "neck"}, "episodes[0].muscle"),
        ({"started_at": START, "muscle": 3}, "episodes[0].muscle"),
        ({"started_at": START, "side": "up"}, "episodes[0].side"),
        ({"started_at": START, "relief": "stretch"}, "episodes[0].relief"),
        ({"started_at": START, "relief": ["stretch", "yoga"]}, "episodes[0].relief"),
        ({"started_at": START, "relief_worked": "yoga"}, "episodes[0].relief_worked"),
        ({"started_at": START, "woke_from_sleep": "yes"}, "episodes[0].woke_from_sleep"),
        ({"started_at": START, "notes": 3}, "episodes[0].notes"),
        ({"started_at": START, "pain": 3}, "episodes[0].pain"),
        (["x"], "episodes[0]"),
    ],
)
def test_bad_episode_values_are_refused_naming_the_field(item: object, field: str) -> None:
    found, problems = episode(item)
    assert found is None
    assert [p.split(": ")[0] for p in problems] == [field]


def test_a_missing_start_says_what_is_expected() -> None:
    assert episode({}) == (
        None,
        ["episodes[0].started_at: is required: a date and time like 2026-01-31T23:15"],
    )


def test_the_same_start_muscle_and_side_twice_is_a_duplicate_naming_the_episode() -> None:
    seen: set[int] = set()
    assert episode({"started_at": START, "side": "left"}, seen=seen)[0] is not None
    assert episode({"started_at": START, "side": "right"}, seen=seen)[0] is not None
    assert episode({"started_at": START, "side": "left", "severity": 2}, seen=seen) == (
        None,
        ["episodes[0]: the same started_at, muscle and side appear more than once"],
    )
