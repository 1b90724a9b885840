"""About you and your medicines: every answer optional, a blank one stays unknown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from nightcramp.core.diary_rules import CONDITIONS, EARLIEST_YEAR, birth_years, check_date
from nightcramp.core.interop.diary_document import PROFILE_KEYS
from nightcramp.store.diary.models import Medication, Profile

from .fields import yes_no_field, yes_no_initial
from .labels import CONDITION_LABELS

_AT_MOST_200 = "Use at most 200 characters."
_NAME_NEEDED = "Give the medicine's name."
_TOO_EARLY = f"Enter a date from {EARLIEST_YEAR} on."


def _from_1900(value: dt.date | None) -> dt.date | None:
    """`value` if it is a date the diary's rules take (1900 or later), as every way in does."""
    if value is not None:
        try:
            check_date(value)
        except ValueError:
            raise forms.ValidationError(_TOO_EARLY) from None
    return value


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]  # django-stubs: generic ModelForm
    """About you. Every answer is optional; a blank one stays unknown."""

    birth_year = forms.IntegerField(
        label="Year you were born",
        required=False,
        min_value=1900,
        error_messages={"min_value": "Enter a year from 1900 on."},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=[("female", "Female"), ("male", "Male"), ("other", "Other"), ("", "Not saying")],
        required=False,
        widget=forms.RadioSelect,
    )
    pregnant = yes_no_field("Are you pregnant?")
    due_date = forms.DateField(
        label="Due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pregnancy_weeks = forms.IntegerField(
        label="Weeks pregnant",
        required=False,
        min_value=0,
        max_value=45,
        error_messages={
            "min_value": "Enter a number of weeks from 0 to 45.",
            "max_value": "Enter a number of weeks from 0 to 45.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    conditions = forms.MultipleChoiceField(
        label="Do you have any of these?",
        choices=[(c, CONDITION_LABELS[c]) for c in CONDITIONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    smoker = yes_no_field("Do you smoke?")

    class Meta:
        model = Profile
        fields = PROFILE_KEYS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        if instance is not None and not self.is_bound:
            self.initial["pregnant"] = yes_no_initial(instance.pregnant)
            self.initial["smoker"] = yes_no_initial(instance.smoker)
            self.initial["sex"] = instance.sex or ""

    def clean_birth_year(self) -> int | None:
        value: int | None = self.cleaned_data.get("birth_year")
        if value is not None and value > birth_years()[1]:
            raise forms.ValidationError("That year is in the future.")
        return value

    def clean_due_date(self) -> dt.date | None:
        return _from_1900(self.cleaned_data.get("due_date"))

    def clean_sex(self) -> str | None:
        return self.cleaned_data.get("sex") or None

    def clean_conditions(self) -> list[str]:
        return sorted(set(self.cleaned_data.get("conditions", [])))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("pregnant") is False and (data.get("due_date") or data.get("pregnancy_weeks")):
            self.add_error("pregnant", "You gave pregnancy details. Answer yes or leave it blank.")
        return data


class MedicationForm(forms.ModelForm):  # type: ignore[type-arg]  # django-stubs: generic ModelForm
    """One medicine: its name, dose and when you started and stopped it (if you did)."""

    name = forms.CharField(
        label="Medicine",
        max_length=200,
        error_messages={"max_length": _AT_MOST_200, "required": _NAME_NEEDED},
    )
    dose = forms.CharField(
        label="Dose (for example 40 mg each morning)",
        max_length=200,
        required=False,
        error_messages={"max_length": _AT_MOST_200},
    )

    started_on = forms.DateField(
        label="Started on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    stopped_on = forms.DateField(
        label="Stopped on (leave blank if you still take it)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Medication
        fields = ("name", "dose", "started_on", "stopped_on")

    def clean_started_on(self) -> dt.date | None:
        return _from_1900(self.cleaned_data.get("started_on"))

    def clean_stopped_on(self) -> dt.date | None:
        return _from_1900(self.cleaned_data.get("stopped_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, stopped = data.get("started_on"), data.get("stopped_on")
        if started and stopped and stopped < started:
            self.add_error("stopped_on", "The stop date is before the start date.")
        today = timezone.localdate()
        for name in ("started_on", "stopped_on"):
            value = data.get(name)
            if value and value > today:
                self.add_error(name, "That date is in the future.")
        return data
