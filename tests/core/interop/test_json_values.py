"""Single values of a JSON diary: their JSON type first, then the diary rule; problems by path."""

from __future__ import annotations

import datetime as dt

from nightcramp.core.diary import Muscle
from nightcramp.core.diary_rules import parse_muscle
from nightcramp.core.interop.json_values import (
    read_date,
    read_list,
    read_object,
    read_record,
    read_text,
)
from nightcramp.core.interop.problems import ProblemList


def found(problems: ProblemList) -> list[str]:
    return [str(e) for e in problems.errors]


def test_a_missing_or_null_list_is_empty_and_another_value_a_problem() -> None:
    problems = ProblemList("d.json")
    assert read_list({"nights": [1]}, "nights", problems) == [1]
    assert read_list({}, "nights", problems) == []
    assert read_list({"nights": None}, "nights", problems) == []
    assert read_list({"nights": {}}, "nights", problems) == []
    assert found(problems) == ["d.json:nights: must be a list"]


def test_an_object_is_returned_and_anything_else_is_a_problem() -> None:
    problems = ProblemList("d.json")
    assert read_object({"a": 1}, "nights[0]", problems) == {"a": 1}
    assert read_object([1], "nights[1]", problems) is None
    assert found(problems) == ["d.json:nights[1]: must be an object"]


def test_a_record_names_each_key_that_is_not_one_of_its_fields() -> None:
    problems = ProblemList("d.json")
    record = read_record(
        {"name": "x", "colour": 1, "size": 2}, "meds[0]", problems, fields=("name",), noun="a med"
    )
    assert record == {"name": "x", "colour": 1, "size": 2}
    assert found(problems) == [
        "d.json:meds[0].colour: is not a med field",
        "d.json:meds[0].size: is not a med field",
    ]
    assert read_record(3, "meds[1]", problems, fields=(), noun="a med") is None


def test_text_is_parsed_by_the_rule_and_each_failure_noted() -> None:
    problems = ProblemList("d.json")
    assert read_text("FOOT", "m", problems, parse_muscle, not_text="ids only") is Muscle.FOOT
    assert read_text(None, "m", problems, parse_muscle, not_text="ids only") is None
    assert read_text(3, "m", problems, parse_muscle, not_text="ids only") is None
    assert read_text("neck", "m", problems, parse_muscle, not_text="ids only") is None
    assert found(problems)[0] == "d.json:m: ids only"
    assert found(problems)[1].startswith("d.json:m: must be one of calf")


def test_missing_text_is_a_problem_only_when_a_reason_is_given() -> None:
    problems = ProblemList("d.json")
    read_text(None, "when", problems, str, not_text="text", missing="is required: a time")
    assert found(problems) == ["d.json:when: is required: a time"]


def test_dates_are_read_and_a_required_one_must_be_there() -> None:
    problems = ProblemList("d.json")
    assert read_date("2026-03-01", "a", problems) == dt.date(2026, 3, 1)
    assert read_date(None, "b", problems) is None
    assert read_date(None, "c", problems, required=True) is None
    assert read_date(20260301, "d", problems) is None
    assert read_date("2026-02-30", "e", problems) is None
    assert [e.field for e in problems.errors] == ["c", "d", "e"]
    assert found(problems)[:2] == [
        "d.json:c: is required",
        "d.json:d: must be a date written YYYY-MM-DD",
    ]
