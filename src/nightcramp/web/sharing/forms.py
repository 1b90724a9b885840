"""Forms of the sharing pages: a new link, a new clinician grant."""

from __future__ import annotations

from django import forms

from nightcramp.store.sharing.links import DEFAULT_DAYS, MAX_DAYS

__all__ = ["GrantForm", "LinkForm"]


class LinkForm(forms.Form):
    days = forms.IntegerField(
        label="How many days should the link work?",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )
    label = forms.CharField(
        label="A note for you (optional), such as the doctor's name",
        max_length=100,
        required=False,
    )


class GrantForm(forms.Form):
    clinician = forms.CharField(label="The clinician's account name", max_length=150)
    starts_on = forms.DateField(
        label="From (leave empty for today)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label="Until (the last day they can look)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
