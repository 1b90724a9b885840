"""The check-in form: every factor optional and blank means unknown; the custom factor form
turns a typed name into a column name or says why it cannot."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, Night
from nightcramp.store.diary.factors import FactorDefinition
from nightcramp.web.diary.forms.checkin import CheckinForm, CustomFactorForm, custom_field_name

DATE = "2026-11-21"
CUSTOM = [
    FactorDefinition("naps", FactorKind.INT),
    FactorDefinition("screen_hours", FactorKind.NUMBER),
    FactorDefinition("late_dinner", FactorKind.BOOL, defined=False),
]


def _valid(data: dict[str, str]) -> CheckinForm:
    form = CheckinForm({"date": DATE, **data}, custom_factors=CUSTOM)
    assert form.is_valid(), form.errors
    return form


def test_a_blank_checkin_records_every_factor_as_unknown() -> None:
    form = _valid({})
    assert form.cleaned_data["date"] == dt.date(2026, 11, 21)
    factors = form.factors()
    assert set(factors) == set(STANDARD_FACTORS) | {"naps", "screen_hours", "late_dinner"}
    assert all(value is None for value in factors.values())


def test_answers_are_read_as_their_kind() -> None:
    factors = _valid(
        {
            "water_glasses": "6",
            "standing_hours": "7.5",
            "cold_room": "no",
            "bedtime_stretch": "yes",
            custom_field_name("naps"): "2",
            custom_field_name("screen_hours"): "3",
            custom_field_name("late_dinner"): "yes",
        }
    ).factors()
    assert (factors["water_glasses"], factors["standing_hours"]) == (6, 7.5)
    assert (factors["cold_room"], factors["bedtime_stretch"]) == (False, True)
    assert factors["naps"] == 2
    assert factors["screen_hours"] == 3 and isinstance(factors["screen_hours"], int)
    assert factors["late_dinner"] is True


def test_a_value_outside_its_rule_is_refused_on_its_field() -> None:
    form = CheckinForm({"date": DATE, "water_glasses": "2.5", "heavy_sweating": "maybe"})
    assert not form.is_valid()
    assert set(form.errors) == {"water_glasses", "heavy_sweating"}


def test_the_number_fields_carry_their_rules_maximum() -> None:
    form = CheckinForm()
    assert form.fields["water_glasses"].widget.attrs["max"] == "100"
    assert form.fields["standing_hours"].widget.attrs["step"] == "any"
    assert "step" not in form.fields["water_glasses"].widget.attrs


def test_a_stored_night_is_shown_in_the_forms_own_field_names() -> None:
    night = Night(
        dt.date(2026, 11, 21),
        {"water_glasses": 4, "cold_room": False, "naps": 1, "late_dinner": True},
    )
    assert CheckinForm.initial_from(night) == {
        "water_glasses": 4,
        "cold_room": "no",
        "custom__naps": 1,
        "custom__late_dinner": "yes",
    }
    form = CheckinForm(custom_factors=CUSTOM)
    assert (form.field_key("naps"), form.field_key("water_glasses")) == (
        "custom__naps",
        "water_glasses",
    )
    assert [f.name for f in form.custom_fields()] == [
        "custom__naps",
        "custom__screen_hours",
        "custom__late_dinner",
    ]
    assert len(form.standard_fields()) == len(STANDARD_FACTORS)


@pytest.mark.parametrize(
    ("typed", "name"),
    [("Late dinner", "late_dinner"), ("  leg-day ", "leg_day"), ("Nap  2", "nap_2")],
)
def test_a_typed_name_becomes_a_column_name(typed: str, name: str) -> None:
    form = CustomFactorForm({"name": typed, "kind": "bool"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == name


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("9lives", "Use letters, numbers and spaces, starting with a letter (at most 40)."),
        ("a" * 41, "Use letters, numbers and spaces, starting with a letter (at most 40)."),
        ("Water glasses", "That is already one of the standard questions."),
        ("Naps", "You already have a factor with that name."),
    ],
)
def test_a_name_that_cannot_be_used_says_why(typed: str, reason: str) -> None:
    form = CustomFactorForm({"name": typed, "kind": "number"}, existing=["naps"])
    assert not form.is_valid()
    assert form.errors["name"] == [reason]
