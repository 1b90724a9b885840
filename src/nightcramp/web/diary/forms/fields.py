"""Form pieces the diary forms share: yes/no answers, fields read with the shared field rules,
and the store's problems shown next to their fields.

Numbers, dates and times are read with `nightcramp.core.diary_rules`, like `log`/`night` and
import read them, so a form refuses the same text with the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone

from nightcramp.core.diary_rules import parse_date, parse_field_text, parse_started_at
from nightcramp.core.errors import InputError, InputErrors

__all__ = [
    "DiaryDateField",
    "RuleChoiceField",
    "RuleField",
    "RuleMultipleChoiceField",
    "StartedAtField",
    "add_problems",
    "yes_no_field",
    "yes_no_initial",
]

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


class _ReadField(forms.Field):
    """A field whose typed text is read by `read`; blank is None, a ValueError is the reason."""

    def read(self, text: str) -> Any:
        raise NotImplementedError

    def to_python(self, value: Any) -> Any:
        text = "" if value in self.empty_values else str(value).strip()
        if not text:
            return None
        try:
            return self.read(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class RuleField(_ReadField):
    """A number answer read with the shared field rule `rule` (blank: not recorded)."""

    def __init__(self, rule: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.rule = rule

    def read(self, text: str) -> Any:
        return parse_field_text(self.rule, text)


class RuleChoiceField(forms.ChoiceField):
    """A choice (muscle, side, relief) checked with the shared rule `read`, so a value the form
    does not offer gets the rule's own reason, as in a file, the API or the terminal."""

    def __init__(self, read: Callable[[str], Any], **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.read = read

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            return
        try:
            self.read(str(value))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class RuleMultipleChoiceField(forms.MultipleChoiceField):
    """Several choices, each checked with the shared rule `read` (see `RuleChoiceField`)."""

    def __init__(self, read: Callable[[str], Any], **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.read = read

    def validate(self, value: Any) -> None:
        for item in value or ():
            try:
                self.read(str(item))
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None


class DiaryDateField(_ReadField):
    """A night's date, written YYYY-MM-DD (what a date input sends)."""

    def read(self, text: str) -> Any:
        return parse_date(text)


class StartedAtField(_ReadField):
    """A cramp's start as a date-time input sends it; a time without offset is local time."""

    def read(self, text: str) -> Any:
        return parse_started_at(text, timezone.get_current_timezone())


def add_problems(
    form: forms.Form, error: InputError, key: Callable[[str], str] = lambda name: name
) -> None:
    """Show each problem the store found next to its field (`key` maps a diary field to the
    form's field); a problem with no field on the form is shown above the form, naming it."""
    problems = error.errors if isinstance(error, InputErrors) else [error]
    for problem in problems:
        field = None if problem.field is None else key(problem.field)
        if field is not None and field in form.fields:
            form.add_error(field, problem.reason)
        else:
            named = f"{problem.field}: " if problem.field else ""
            form.add_error(None, f"{named}{problem.reason}")
