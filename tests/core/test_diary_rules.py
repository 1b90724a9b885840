"""The shared field rules that the form, the API and import all use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramp.core.diary import (
    STANDARD_FACTORS,
    Muscle,
    Relief,
    Side,
)
from nightcramp.core.diary_rules import (
    DB_INT_MAX,
    EPISODE_RULES,
    FIELD_RULES,
    check_custom_value,
    check_date,
    check_factor_name,
    check_field,
    check_notes,
    check_started_at,
    check_storable,
    check_text,
    check_utc_offset,
    check_value_length,
    parse_bool,
    parse_custom_text,
    parse_date,
    parse_field_text,
    parse_muscle,
    parse_relief_list,
    parse_side,
    parse_started_at,
    text_reader,
)


def test_every_standard_factor_and_episode_number_has_a_rule() -> None:
    assert set(FIELD_RULES) == set(STANDARD_FACTORS) | set(EPISODE_RULES)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("severity", 0, 0),
        ("severity", 10, 10),
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
        ("severity", 4.0),
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


@pytest.mark.parametrize(
    ("json_value", "cell", "reason"),
    [
        (5.0, "5.0", "must be a whole number from 0 to 10, not 5.0 (write it as 5)"),
        (1e1, "1e1", "must be a whole number from 0 to 10, not {} (write it as 10)"),
        (4.5, "4.5", "must be a whole number from 0 to 10, not {}"),
        (12.0, "12.0", "must be a whole number from 0 to 10, not {}"),
        (11, "11", "must be a whole number from 0 to 10, not {}"),
    ],
)
def test_a_whole_number_field_refuses_a_decimal_point_alike_from_json_and_text(
    json_value: float, cell: str, reason: str
) -> None:
    """One rule: a whole number is written without a decimal point or exponent, whether it
    comes as a JSON number or as text; the reason quotes the value as it came."""
    with pytest.raises(ValueError) as from_json:
        check_field("severity", json_value)
    assert str(from_json.value) == reason.format(repr(json_value))
    for read in (partial(parse_field_text, "severity"), text_reader("severity")):
        with pytest.raises(ValueError) as from_text:
            read(cell)
        assert str(from_text.value) == reason.format(cell)


@pytest.mark.parametrize(
    ("name", "cell", "reason"),
    [
        ("water_glasses", "3.0", "must be a whole number from 0 to 100, not 3.0 (write it as 3)"),
        ("water_glasses", "1e2", "must be a whole number from 0 to 100, not 1e2 (write it as 100)"),
        ("water_glasses", "1e3", "must be a whole number from 0 to 100, not 1e3"),
        ("standing_hours", " 25.50 ", "must be a number from 0 to 24, not 25.50"),
        ("water_glasses", "lots", "must be a whole number from 0 to 100, not 'lots'"),
    ],
)
def test_a_refused_cell_is_quoted_as_written(name: str, cell: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_field_text(name, cell)
    assert str(refused.value) == reason


def test_a_yes_no_field_offers_the_text_spellings_only_for_text() -> None:
    with pytest.raises(ValueError) as from_json:
        check_field("cold_room", "yes")
    assert str(from_json.value) == "must be true or false"
    with pytest.raises(ValueError) as from_text:
        parse_field_text("cold_room", "maybe")
    assert str(from_text.value) == "must be true or false (yes/no, 1/0), not 'maybe'"


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


# -- the limits every way in shares (CONTRACT.md, "Diary files") ------------------------------

TOO_EARLY = "must be 1900 or later"
TOO_LONG = "a cramp can last at most 24 hours (1440 minutes)"


def test_a_night_before_1900_is_refused_and_1900_is_accepted() -> None:
    assert parse_date("1900-01-01") == dt.date(1900, 1, 1)
    with pytest.raises(ValueError) as caught:
        parse_date("1899-12-31")
    assert str(caught.value) == TOO_EARLY


def test_a_cramp_before_1900_is_refused_and_1900_is_accepted() -> None:
    assert parse_started_at("1900-01-01T00:00") == dt.datetime(1900, 1, 1)
    with pytest.raises(ValueError) as caught:
        parse_started_at("1899-12-31T23:59")
    assert str(caught.value) == TOO_EARLY


def test_dates_already_read_get_the_same_1900_floor() -> None:
    assert check_date(dt.date(1900, 1, 1)) == dt.date(1900, 1, 1)
    assert check_started_at(dt.datetime(1900, 1, 1, 0, 0)) == dt.datetime(1900, 1, 1, 0, 0)
    with pytest.raises(ValueError, match=f"^{TOO_EARLY}$"):
        check_date(dt.date(1899, 12, 31))
    with pytest.raises(ValueError, match=f"^{TOO_EARLY}$"):
        check_started_at(dt.datetime(1899, 12, 31, 23, 59))


def test_the_1900_floor_reads_the_date_as_written_whatever_the_offset() -> None:
    assert parse_started_at("1900-01-01T00:30+14:00").year == 1900
    with pytest.raises(ValueError, match=TOO_EARLY):
        parse_started_at("1899-12-31T23:30-12:00")


@given(st.dates(min_value=dt.date(1900, 1, 1)))
def test_any_date_from_1900_on_reads_back(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day


@given(st.dates(max_value=dt.date(1899, 12, 31)).filter(lambda d: d.year >= 1000))
def test_any_date_before_1900_is_refused_with_the_same_words(day: dt.date) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(day.isoformat())
    assert str(caught.value) == TOO_EARLY


def test_a_cramp_of_exactly_24_hours_is_accepted() -> None:
    assert check_field("duration_min", 1440) == 1440.0
    assert parse_field_text("duration_min", "1440") == 1440.0
    assert text_reader("duration_min")("1440") == 1440.0


def reasons_for_duration(value: float) -> set[str]:
    """The reasons given for `value` from JSON or a form, from a CSV cell and by the fast reader."""
    reasons: set[str] = set()
    reads: list[Callable[[], object]] = [
        partial(check_field, "duration_min", value),
        partial(parse_field_text, "duration_min", repr(value)),
        partial(text_reader("duration_min"), repr(value)),
    ]
    for read in reads:
        with pytest.raises(ValueError) as caught:
            read()
        reasons.add(str(caught.value))
    return reasons


@pytest.mark.parametrize("value", [1440.5, 1441, 2000, 10**6])
def test_a_cramp_longer_than_24_hours_is_refused_with_one_message(value: float) -> None:
    assert reasons_for_duration(value) == {TOO_LONG}


@pytest.mark.parametrize("text", ["0", "0.0", "-1", "nan", "inf"])
def test_a_cramp_of_no_time_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="must be a number greater than 0 and at most 1440"):
        parse_field_text("duration_min", text)


@given(st.floats(min_value=1440, exclude_min=True, allow_infinity=False))
def test_every_duration_over_1440_gives_the_same_reason_from_json_and_from_text(
    value: float,
) -> None:
    assert reasons_for_duration(value) == {TOO_LONG}


@given(st.floats(min_value=0, max_value=1440, exclude_min=True))
def test_every_duration_up_to_1440_is_accepted(value: float) -> None:
    assert check_field("duration_min", value) == value
    assert parse_field_text("duration_min", repr(value)) == value


def test_hours_of_a_whole_day_are_still_accepted_alone() -> None:
    assert check_field("standing_hours", 24) == 24.0
    assert check_field("sitting_hours", 24) == 24.0


def test_a_number_too_long_for_a_float_is_refused_not_crashed() -> None:
    with pytest.raises(ValueError, match="a whole number from 0 to 100"):
        parse_field_text("water_glasses", "9" * 400)
    with pytest.raises(ValueError, match="a whole number from 0 to 100"):
        check_field("water_glasses", 10**400)


# What the store keeps exactly.


@pytest.mark.parametrize(
    ("text", "reason"),
    [("a\x00b", "must not contain NUL characters"), ("\ud800", "must be valid Unicode text")],
)
def test_text_the_databases_cannot_store_is_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        check_text(text)


def test_notes_are_kept_exactly_up_to_10000_characters() -> None:
    notes = "=é\n" + "x" * 9_997
    assert check_notes(notes) is notes
    with pytest.raises(ValueError, match=r"^can be at most 10,000 characters$"):
        check_notes(notes + "x")


@pytest.mark.parametrize("hours", [18, -18])
def test_an_offset_of_up_to_18_hours_is_kept(hours: int) -> None:
    moment = dt.datetime(2026, 1, 1, 2, tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    assert check_utc_offset(moment) is moment
    assert check_utc_offset(moment.replace(tzinfo=None)).tzinfo is None


def test_an_offset_beyond_18_hours_is_refused() -> None:
    zone = dt.timezone(dt.timedelta(hours=18, minutes=1))
    with pytest.raises(ValueError, match=r"^has a time-zone offset beyond ±18:00$"):
        check_utc_offset(dt.datetime(2026, 1, 1, 2, tzinfo=zone))


@pytest.mark.parametrize("value", [True, 0, -(10**15), 1e15, 2.5])
def test_custom_values_up_to_a_thousand_million_million_are_kept(value: float) -> None:
    assert check_storable(value, custom=True) == value


@pytest.mark.parametrize("value", [10**15 + 1, -1e16, 10**400])
def test_larger_custom_values_are_refused(value: float) -> None:
    with pytest.raises(ValueError, match=r"^is too large \(at most 1,000,000,000,000,000\)$"):
        check_storable(value, custom=True)


@pytest.mark.parametrize("value", [DB_INT_MAX, -DB_INT_MAX, True])
def test_a_standard_factor_is_kept_within_a_32_bit_integer(value: int) -> None:
    assert check_storable(value) == value
    if not isinstance(value, bool):
        with pytest.raises(ValueError, match=r"^is too large \(at most 2,147,483,647\)$"):
            check_storable(value * 2)


def test_a_value_over_100_characters_is_refused_saying_how_long_it_is() -> None:
    assert check_value_length("9" * 100) == "9" * 100
    with pytest.raises(ValueError, match=r"\(2,000 characters; at most 100 are expected\)$"):
        check_value_length("9" * 2000)
