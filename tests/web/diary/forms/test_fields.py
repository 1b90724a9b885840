"""Form fields read typed text with the diary's own rules, and give the rules' own reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from nightcramp.core.diary import Muscle, Relief
from nightcramp.core.diary_rules import parse_muscle, parse_relief
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.web.diary.forms.fields import (
    DiaryDateField,
    RuleChoiceField,
    RuleField,
    RuleMultipleChoiceField,
    add_problems,
    yes_no_field,
    yes_no_initial,
)


class _Form(forms.Form):
    muscle = RuleChoiceField(parse_muscle, choices=[(m.value, m.value) for m in Muscle])
    relief = RuleMultipleChoiceField(parse_relief, choices=[(r.value, r.value) for r in Relief])
    severity = RuleField("severity")
    date = DiaryDateField(required=False)
    woke = yes_no_field("Woke?")


def _errors(data: dict[str, object]) -> dict[str, list[str]]:
    form = _Form(data)
    form.is_valid()
    return {k: [str(e) for e in v] for k, v in form.errors.items()}


def test_a_choice_the_form_does_not_offer_gets_the_rules_reason() -> None:
    assert _errors({"muscle": "knee"}) == {
        "muscle": ["must be one of calf, foot, thigh_back, thigh_front, other, not 'knee'"]
    }
    assert _errors({"relief": ["stretch", "yoga"]})["relief"][0].endswith("not 'yoga'")


def test_numbers_and_dates_are_read_by_the_rules_and_blank_is_not_recorded() -> None:
    assert _errors({"severity": "11"}) == {
        "severity": ["must be a whole number from 0 to 10, not 11"]
    }
    assert _errors({"date": "1899-12-31"}) == {"date": ["must be 1900 or later"]}
    form = _Form({"muscle": "", "severity": " ", "woke": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["severity"] is None and form.cleaned_data["woke"] is None
    assert form.cleaned_data["date"] is None


def test_a_yes_no_answer_keeps_no_apart_from_not_answered() -> None:
    assert _Form({"woke": "no"}).is_valid()
    form = _Form({"woke": "no"})
    form.is_valid()
    assert form.cleaned_data["woke"] is False
    assert [yes_no_initial(v) for v in (True, False, None)] == ["yes", "no", ""]


def test_the_stores_problems_are_shown_next_to_their_fields() -> None:
    form = _Form({"date": dt.date(2026, 1, 1).isoformat()})
    assert form.is_valid()
    add_problems(
        form,
        InputErrors(
            [InputError("can't be in the future", field="date"), InputError("no", field="x")]
        ),
    )
    assert form.errors["date"] == ["can't be in the future"]
    assert form.non_field_errors() == ["x: no"]


@pytest.mark.parametrize("value", ["calf", "THIGH_BACK", " foot "])
def test_a_choice_is_read_in_any_case_like_in_a_file(value: str) -> None:
    form = _Form({"muscle": value})
    assert form.is_valid(), form.errors
