"""The forms about you and your medicines: blanks stay unknown, and every refusal is in plain
words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from nightcramp.store.diary.models import Profile
from nightcramp.web.diary.forms.person import MedicationForm, ProfileForm

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today(settings: Any) -> Iterator[None]:
    settings.TIME_ZONE = "UTC"
    with time_machine.travel(TODAY, tick=False):
        yield


def _errors(form: ProfileForm | MedicationForm) -> dict[str, list[str]]:
    assert not form.is_valid()
    return {k: [str(e) for e in v] for k, v in form.errors.items()}


def test_a_blank_profile_keeps_every_answer_unknown() -> None:
    form = ProfileForm({})
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["birth_year"], data["sex"], data["pregnant"], data["smoker"]) == (
        None,
        None,
        None,
        None,
    )
    assert data["conditions"] == []


def test_conditions_are_kept_once_and_sorted() -> None:
    form = ProfileForm({"conditions": ["heart_failure", "diabetes", "heart_failure"]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["conditions"] == ["diabetes", "heart_failure"]


def test_a_stored_profile_shows_its_yes_no_answers_and_a_blank_for_unknown() -> None:
    form = ProfileForm(instance=Profile(pregnant=False, smoker=None, sex=None))
    assert (form.initial["pregnant"], form.initial["smoker"], form.initial["sex"]) == ("no", "", "")


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"birth_year": "2027"}, "birth_year", "That year is in the future."),
        ({"birth_year": "1899"}, "birth_year", "Enter a year from 1900 on."),
        ({"pregnancy_weeks": "46"}, "pregnancy_weeks", "Enter a number of weeks from 0 to 45."),
        (
            {"pregnant": "no", "due_date": "2027-01-10"},
            "pregnant",
            "You gave pregnancy details. Answer yes or leave it blank.",
        ),
    ],
)
def test_a_bad_answer_says_why_in_plain_words(data: dict[str, str], field: str, words: str) -> None:
    assert _errors(ProfileForm(data)) == {field: [words]}


def test_this_year_is_accepted_as_a_birth_year() -> None:
    form = ProfileForm({"birth_year": "2026"})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_medicine_name_is_refused_in_plain_words(blank: str) -> None:
    errors = _errors(MedicationForm({"name": blank, "dose": "5 mg"}))
    assert errors == {"name": ["Give the medicine's name."]}


def test_a_medicine_name_is_trimmed_and_its_dates_read() -> None:
    form = MedicationForm({"name": "  indapamide ", "dose": "2.5 mg", "started_on": "2026-01-05"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "indapamide"
    assert form.cleaned_data["started_on"] == dt.date(2026, 1, 5)
    assert form.cleaned_data["stopped_on"] is None


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"name": "x" * 201}, {"name": ["Use at most 200 characters."]}),
        (
            {"name": "quinine", "started_on": "2026-03-01", "stopped_on": "2026-02-01"},
            {"stopped_on": ["The stop date is before the start date."]},
        ),
        (
            {"name": "quinine", "started_on": "2026-11-22"},
            {"started_on": ["That date is in the future."]},
        ),
    ],
)
def test_a_bad_medicine_says_why_in_plain_words(
    data: dict[str, str], errors: dict[str, list[str]]
) -> None:
    assert _errors(MedicationForm(data)) == errors
