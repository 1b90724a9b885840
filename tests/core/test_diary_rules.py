"""The shared field rules that the form, the API and import all use."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import STANDARD_FACTORS, Muscle, Relief, Side
from nightcramp.core.diary_rules import (
    EPISODE_RULES,
    FIELD_RULES,
    check_custom_value,
    check_factor_name,
    check_field,
    parse_bool,
    parse_custom_text,
    parse_date,
    parse_field_text,
    parse_muscle,
    parse_relief_list,
    parse_side,
    parse_started_at,
)


def test_every_standard_factor_and_episode_number_has_a_rule() -> None:
    assert set(FIELD_RULES) == set(STANDARD_FACTORS) | set(EPISODE_RULES)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("severity", 0, 0),
        ("severity", 10, 10),
        ("severity", 4.0, 4),
        ("duration_min", 0.5, 0.5),
        ("duration_min", 2, 2.0),
        ("water_glasses", 0, 0),
        ("standing_hours", 24, 24.0),
        ("cold_room", False, False),
    ],
)
def test_values_inside_the_rules_are_accepted(name: str, value: object, expected: object) -> None:
    result = check_field(name, value)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("severity", 11),
        ("severity", -1),
        ("severity", 4.5),
        ("severity", True),
        ("severity", "4"),
        ("duration_min", 0),
        ("duration_min", -1),
        ("duration_min", float("nan")),
        ("water_glasses", -1),
        ("water_glasses", 1.5),
        ("standing_hours", 24.5),
        ("exercise_minutes", 1441),
        ("water_glasses", 101),
        ("magnesium_mg", 10_001),
        ("alcohol_drinks", 10**20),
        ("cold_room", 1),
        ("cold_room", "yes"),
        ("woke_from_sleep", None),
    ],
)
def test_values_outside_the_rules_are_refused_with_a_reason(name: str, value: object) -> None:
    with pytest.raises(ValueError, match="must be"):
        check_field(name, value)


def test_the_reason_says_what_is_accepted() -> None:
    with pytest.raises(ValueError, match="a whole number from 0 to 10"):
        check_field("severity", 12)
    with pytest.raises(ValueError, match="a number greater than 0"):
        check_field("duration_min", 0)


@pytest.mark.parametrize("text", ["true", "TRUE", "Yes", "1", " yes "])
def test_true_spellings(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["false", "No", "0", "FALSE"])
def test_false_spellings(text: str) -> None:
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["y", "n", "2", "on", ""])
def test_other_boolean_spellings_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_bool(text)


def test_integer_text_refuses_decimals_and_number_text_accepts_them() -> None:
    with pytest.raises(ValueError):
        parse_field_text("water_glasses", "1.5")
    assert parse_field_text("standing_hours", "1.5") == 1.5


def test_custom_text_keeps_whole_numbers_as_int_and_words_as_bool() -> None:
    assert parse_custom_text("3") == 3
    assert parse_custom_text("2.5") == 2.5
    assert parse_custom_text("yes") is True
    with pytest.raises(ValueError):
        parse_custom_text("nan")


def test_custom_values_must_be_numbers_or_booleans() -> None:
    assert check_custom_value(True) is True
    assert check_custom_value(2.5) == 2.5
    for bad in ("x", None, float("inf"), [1]):
        with pytest.raises(ValueError):
            check_custom_value(bad)


@pytest.mark.parametrize("name", ["date", "severity", "water_glasses", " pad", "", "x" * 65])
def test_custom_factor_names_that_cannot_be_used(name: str) -> None:
    with pytest.raises(ValueError):
        check_factor_name(name)


def test_dates_and_times() -> None:
    assert parse_date("2026-02-28") == dt.date(2026, 2, 28)
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("2026-02-29")
    assert parse_started_at("2026-02-28 23:15").hour == 23
    assert parse_started_at("2026-02-28T23:15:00Z").tzinfo is not None
    with pytest.raises(ValueError):
        parse_started_at("2026-02-28")


def test_enum_ids() -> None:
    assert parse_muscle("") is Muscle.CALF
    assert parse_muscle("Thigh_Back") is Muscle.THIGH_BACK
    assert parse_side("") is None
    assert parse_side("both") is Side.BOTH
    assert parse_relief_list("stretch; heat;stretch;") == (Relief.STRETCH, Relief.HEAT)
    with pytest.raises(ValueError, match="must be one of"):
        parse_relief_list("stretch;dance")
