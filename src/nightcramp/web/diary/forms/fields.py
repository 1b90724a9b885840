"""Form pieces the diary forms share: yes/no answers and the shared field rules."""

from __future__ import annotations

from django import forms

from nightcramp.core.diary_rules import FIELD_RULES, check_field

_YES_NO = [("yes", "Yes"), ("no", "No"), ("", "Not sure")]


def _yes_no(value: str) -> bool:
    return value == "yes"


def yes_no_field(label: str) -> forms.TypedChoiceField:
    """A yes/no answer where no answer means "not recorded" (None), never "no"."""
    return forms.TypedChoiceField(
        label=label,
        choices=_YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def yes_no_initial(value: bool | None) -> str:
    """The radio value that shows a stored yes/no answer."""
    if value is None:
        return ""
    return "yes" if value else "no"


def apply_rule(form: forms.Form, name: str, key: str | None = None) -> None:
    """Check the cleaned value of `key` (default `name`) with the shared field rule `name`."""
    key = key or name
    value = form.cleaned_data.get(key)
    if value is None:
        return
    try:
        form.cleaned_data[key] = check_field(name, value)
    except ValueError:
        form.add_error(key, f"Enter {FIELD_RULES[name].describe()}.")
