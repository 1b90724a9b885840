"""Forms of the experiment pages: start a change, a reason for pause/resume/stop, adherence."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.records import MAX_REASON

__all__ = ["FollowedForm", "ReasonForm", "StartForm"]

_ANSWERS: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}


class StartForm(forms.Form):
    change = forms.CharField(max_length=64)
    doctor_agreed = forms.BooleanField(required=False)

    def clean_change(self) -> str:
        value = str(self.cleaned_data["change"])
        if value not in load_experiment_content().changes:
            raise forms.ValidationError("Choose one of the changes on this page.")
        return value


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=MAX_REASON,
        required=False,
        label="Why (optional)",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class FollowedForm(forms.Form):
    """Whether a night's plan was kept: yes, no, or unknown (forget the answer)."""

    CHOICES: ClassVar[list[tuple[str, str]]] = [
        ("yes", "Yes"),
        ("no", "No"),
        ("unknown", "Not sure"),
    ]

    date = forms.DateField(label="Night", widget=forms.DateInput(attrs={"type": "date"}))
    answer = forms.ChoiceField(choices=CHOICES)

    def clean_answer(self) -> bool | None:
        return _ANSWERS[str(self.cleaned_data["answer"])]
