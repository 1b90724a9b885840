"""The problems a diary file reader collects: named by file, row and field; capped but counted."""

from __future__ import annotations

import pytest

from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.problems import MAX_ERRORS, ProblemList


def test_no_problem_raises_nothing() -> None:
    problems = ProblemList("diary.csv")
    problems.raise_if_any()
    assert (problems.count, problems.errors) == (0, [])


def test_each_problem_names_the_file_row_and_field() -> None:
    problems = ProblemList("diary.csv")
    problems.add("is required", row=4, field="date")
    problems.add("has 3 cells but the header has 2 columns", row=5)
    problems.add("is not valid JSON")
    with pytest.raises(InputErrors) as caught:
        problems.raise_if_any()
    assert [str(e) for e in caught.value.errors] == [
        "diary.csv:4:date: is required",
        "diary.csv:5: has 3 cells but the header has 2 columns",
        "diary.csv: is not valid JSON",
    ]


def test_problems_past_the_limit_are_counted_but_not_kept() -> None:
    problems = ProblemList("d.json", max_errors=2)
    for i in range(5):
        problems.add("must be an object", field=f"nights[{i}]")
    assert problems.count == 5
    assert [e.field for e in problems.errors] == ["nights[0]", "nights[1]"]
    with pytest.raises(InputErrors) as caught:
        problems.raise_if_any()
    assert caught.value.total == 5
    assert str(caught.value).endswith("… and 3 more problems")


def test_the_problem_that_stopped_reading_is_kept_even_past_the_limit() -> None:
    problems = ProblemList("diary.csv", max_errors=1)
    problems.add("is required", row=2, field="date")
    problems.stop(InputError("is not valid CSV here", file="diary.csv", row=3))
    assert problems.count == 2
    assert [str(e) for e in problems.errors][-1] == "diary.csv:3: is not valid CSV here"


def test_the_default_limit_is_a_hundred() -> None:
    assert ProblemList("x").max_errors == MAX_ERRORS == 100
