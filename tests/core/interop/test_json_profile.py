"""The profile and the medicine list of a JSON diary, checked field by field."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.interop.diary_document import DiaryMedication, DiaryProfile
from nightcramp.core.interop.json_profile import read_medication, read_profile
from nightcramp.core.interop.problems import ProblemList


def profile(value: object) -> tuple[DiaryProfile | None, list[str]]:
    problems = ProblemList("d.json")
    return read_profile(value, problems), [f"{e.field}: {e.reason}" for e in problems.errors]


def medication(item: object) -> tuple[DiaryMedication | None, list[str]]:
    problems = ProblemList("d.json")
    found = read_medication(item, "medications[0]", problems)
    return found, [f"{e.field}: {e.reason}" for e in problems.errors]


def test_a_whole_profile_is_read() -> None:
    value = {
        "birth_year": 1950,
        "sex": "female",
        "pregnant": False,
        "due_date": "2026-09-01",
        "pregnancy_weeks": 12,
        "conditions": ["diabetes", "diabetes", "parkinsons"],
        "smoker": None,
    }
    assert profile(value) == (
        DiaryProfile(
            birth_year=1950,
            sex="female",
            pregnant=False,
            due_date=dt.date(2026, 9, 1),
            pregnancy_weeks=12,
            conditions=("diabetes", "parkinsons"),
            smoker=None,
        ),
        [],
    )


@pytest.mark.parametrize("value", [None, {}])
def test_no_profile_or_an_empty_one_is_not_recorded(value: object) -> None:
    assert profile(value) == (None, [])


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"birth_year": 1800}, "profile.birth_year"),
        ({"birth_year": True}, "profile.birth_year"),
        ({"sex": "robot"}, "profile.sex"),
        ({"pregnant": "no"}, "profile.pregnant"),
        ({"smoker": 1}, "profile.smoker"),
        ({"conditions": ["gout"]}, "profile.conditions"),
        ({"conditions": "diabetes"}, "profile.conditions"),
        ({"due_date": "soon"}, "profile.due_date"),
        ({"pregnancy_weeks": 50}, "profile.pregnancy_weeks"),
        ({"height": 170}, "profile.height"),
        ([], "profile"),
    ],
)
def test_bad_profile_values_are_refused_naming_the_field(value: object, field: str) -> None:
    found, problems = profile(value)
    assert found is None
    assert [p.split(": ")[0] for p in problems] == [field]


def test_a_whole_number_outside_its_range_says_the_range() -> None:
    assert profile({"pregnancy_weeks": -1}) == (
        None,
        ["profile.pregnancy_weeks: must be a whole number from 0 to 45"],
    )


def test_a_medicine_is_read_with_its_dates() -> None:
    item = {"name": "furosemide", "dose": "40 mg", "started_on": "2025-12-01", "stopped_on": None}
    assert medication(item) == (
        DiaryMedication("furosemide", "40 mg", dt.date(2025, 12, 1), None),
        [],
    )
    assert medication({"name": "zinc"}) == (DiaryMedication("zinc"), [])


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"dose": "1 mg"}, "medications[0].name"),
        ({"name": "  "}, "medications[0].name"),
        ({"name": "x" * 201}, "medications[0].name"),
        ({"name": "a", "dose": 5}, "medications[0].dose"),
        ({"name": "a", "started_on": "May"}, "medications[0].started_on"),
        (
            {"name": "x", "started_on": "2026-02-01", "stopped_on": "2026-01-01"},
            "medications[0].stopped_on",
        ),
        ({"name": "a", "x": 1}, "medications[0].x"),
        (1, "medications[0]"),
    ],
)
def test_bad_medicine_values_are_refused_naming_the_field(item: object, field: str) -> None:
    found, problems = medication(item)
    assert found is None
    assert [p.split(": ")[0] for p in problems] == [field]
