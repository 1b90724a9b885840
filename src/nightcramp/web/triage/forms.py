"""One form per questionnaire screen, built from the vocabulary. 'Not sure' means unknown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from nightcramp.core.triage.vocabulary import AnswerValue, Question, QuestionType

UNSURE = "unsure"
_YES_NO = [("yes", "Yes"), ("no", "No"), (UNSURE, "Not sure")]


def _field(question: Question) -> forms.Field:
    if question.type is QuestionType.BOOL:
        return forms.ChoiceField(
            label=question.question, choices=_YES_NO, required=False, widget=forms.RadioSelect
        )
    if question.type is QuestionType.ENUM:
        choices = [(c, c.capitalize()) for c in question.choices] + [(UNSURE, "Prefer not to say")]
        return forms.ChoiceField(
            label=question.question, choices=choices, required=False, widget=forms.RadioSelect
        )
    if question.type is QuestionType.LIST:
        return forms.CharField(
            label=question.question,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "placeholder": "One medicine per line"}),
        )
    attrs = {"inputmode": "numeric" if question.type is QuestionType.INT else "decimal"}
    if question.type is QuestionType.INT:
        return forms.IntegerField(
            label=question.question,
            required=False,
            min_value=None if question.minimum is None else int(question.minimum),
            max_value=None if question.maximum is None else int(question.maximum),
            widget=forms.NumberInput(attrs=attrs),
        )
    return forms.FloatField(
        label=question.question,
        required=False,
        min_value=question.minimum,
        max_value=question.maximum,
        widget=forms.NumberInput(attrs={**attrs, "step": "any"}),
    )


class ScreenForm(forms.Form):
    """The questions of one screen."""

    def __init__(self, questions: Sequence[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.key] = _field(question)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            value = cleaned.get(question.key)
            low = question.min_exclusive
            too_low = value is not None and low is not None and value <= low
            if question.type is QuestionType.NUMBER and too_low:
                self.add_error(question.key, f"Please enter a number above {low:g}.")
        return cleaned

    def answers(self) -> dict[str, AnswerValue | None]:
        """Answer per key; None for 'not sure' or blank (unknown)."""
        out: dict[str, AnswerValue | None] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if question.type is QuestionType.BOOL:
                out[question.key] = {"yes": True, "no": False}.get(value or "")
            elif question.type is QuestionType.ENUM:
                out[question.key] = None if value in ("", UNSURE, None) else value
            elif question.type is QuestionType.LIST:
                names = tuple(n.strip() for n in (value or "").splitlines() if n.strip())
                out[question.key] = names or None
            else:
                out[question.key] = value
        return out
