"""The suspects form: up to three factors a person suspects, checked as their own family."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from nightcramp.core.insights.analyze import MAX_SUSPECTS
from nightcramp.core.insights.wording import label


class SuspectsForm(forms.Form):
    suspect = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=f"What do you suspect? Pick up to {MAX_SUSPECTS}.",
    )

    def __init__(self, *args: Any, factors: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suspect"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(name, label(name)) for name in factors]

    def clean_suspect(self) -> list[str]:
        chosen: list[str] = self.cleaned_data.get("suspect") or []
        if len(chosen) > MAX_SUSPECTS:
            raise forms.ValidationError(f"Pick at most {MAX_SUSPECTS}.")
        return chosen
