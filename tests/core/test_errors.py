"""The exception tree: where an input problem is, in `file:row:field: reason` form."""

from __future__ import annotations

import pytest

from nightcramp.core.errors import ContentError, InputError, InputErrors, NightcrampError


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (InputError("not a date"), "not a date"),
        (InputError("not a date", field="date"), "date: not a date"),
        (InputError("not a date", file="n.csv"), "n.csv: not a date"),
        (InputError("not a date", file="n.csv", row=4), "n.csv:4: not a date"),
        (InputError("not a date", file="n.csv", row=4, field="date"), "n.csv:4:date: not a date"),
        (InputError("not a date", row=4, field="date"), "4:date: not a date"),
        (InputError("not a date", file="n.csv", row=0, field="date"), "n.csv:0:date: not a date"),
    ],
)
def test_an_input_error_reads_file_row_field_and_reason(error: InputError, text: str) -> None:
    assert str(error) == text
    assert error.location_text() == text


def test_an_input_error_keeps_its_parts() -> None:
    error = InputError("too long", file="e.csv", row=7, field="duration_min")
    assert (error.reason, error.file, error.row, error.field) == (
        "too long",
        "e.csv",
        7,
        "duration_min",
    )


def test_several_input_errors_list_each_on_its_own_line_in_order() -> None:
    errors = InputErrors(
        [InputError("bad date", file="n.csv", row=2, field="date"), InputError("empty file")]
    )
    assert str(errors) == "n.csv:2:date: bad date\nempty file"
    assert [e.reason for e in errors.errors] == ["bad date", "empty file"]
    assert errors.total == 2


def test_several_input_errors_take_the_first_ones_location() -> None:
    errors = InputErrors(
        [InputError("bad date", file="n.csv", row=2, field="date"), InputError("other")]
    )
    assert (errors.reason, errors.file, errors.row, errors.field) == (
        "bad date",
        "n.csv",
        2,
        "date",
    )


def test_errors_past_the_ones_kept_are_counted_at_the_end() -> None:
    errors = InputErrors([InputError("bad", row=1), InputError("bad", row=2)], total=12)
    assert str(errors).splitlines() == ["1: bad", "2: bad", "… and 10 more problems"]


def test_input_errors_need_at_least_one_error() -> None:
    with pytest.raises(ValueError, match="at least one error"):
        InputErrors([])


def test_every_error_is_a_nightcramp_error() -> None:
    assert issubclass(InputErrors, InputError)
    assert issubclass(InputError, NightcrampError)
    assert issubclass(ContentError, NightcrampError)
    assert not issubclass(ContentError, InputError)
