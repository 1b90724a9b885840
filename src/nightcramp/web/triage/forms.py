"""The form of one questionnaire step: the reply a person tapped. 'Not sure' means unknown."""

from __future__ import annotations

from typing import Any

from django import forms

from nightcramp.core.triage.questionnaire import Reply, Step
from nightcramp.core.triage.vocabulary import QuestionType

UNSURE = "unsure"
NEXT = "next"
NONE = "none"
YES_NO = (("yes", "Yes"), ("no", "No"), (UNSURE, "Not sure"))


def kind_of(step: Step) -> str:
    """How the step is answered: `yes_no` (one or several questions), `enum`, `number`, `list`."""
    question = step.questions[0]
    if step.together or question.type is QuestionType.BOOL:
        return "yes_no"
    if question.type is QuestionType.ENUM:
        return "enum"
    if question.type is QuestionType.LIST:
        return "list"
    return "number"


def buttons(step: Step) -> list[tuple[str, str]]:
    """The submit buttons of a step, as (value, words)."""
    kind = kind_of(step)
    if kind == "yes_no":
        return list(YES_NO)
    if kind == "enum":
        choices = step.questions[0].choices
        return [*((c, c.capitalize()) for c in choices), (UNSURE, "Prefer not to say")]
    if kind == "list":
        return [(NEXT, "Next"), (NONE, "I take none"), (UNSURE, "Not sure")]
    return [(NEXT, "Next"), (UNSURE, "Not sure")]


class StepForm(forms.Form):
    """One step: the button tapped (`answer`) and, for a number or a list, what was typed."""

    answer = forms.ChoiceField(choices=())

    def __init__(self, step: Step, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        self.kind = kind_of(step)
        answer = self.fields["answer"]
        assert isinstance(answer, forms.ChoiceField)
        answer.choices = buttons(step)
        question = step.questions[0]
        if self.kind == "list":
            self.fields["value"] = forms.CharField(
                label=question.question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "placeholder": "One medicine per line"}),
            )
        elif self.kind == "number":
            whole = question.type is QuestionType.INT
            low = question.minimum if question.minimum is not None else None
            high = question.maximum if question.maximum is not None else None
            attrs = {"inputmode": "numeric" if whole else "decimal"}
            field: forms.Field = (
                forms.IntegerField(
                    required=False,
                    min_value=None if low is None else int(low),
                    max_value=None if high is None else int(high),
                    widget=forms.NumberInput(attrs=attrs),
                )
                if whole
                else forms.FloatField(
                    required=False,
                    min_value=low,
                    max_value=high,
                    widget=forms.NumberInput(attrs={**attrs, "step": "any"}),
                )
            )
            field.label = question.question
            self.fields["value"] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.kind != "number" or cleaned.get("answer") != NEXT:
            return cleaned
        value = cleaned.get("value")
        low = self.step.questions[0].min_exclusive
        if value is None and "value" not in self.errors:
            self.add_error("value", "Please type a number, or choose Not sure.")
        elif value is not None and low is not None and value <= low:
            self.add_error("value", f"Please type a number above {low:g}.")
        return cleaned

    def reply(self) -> Reply:
        """The reply: True, False or None (not sure) for yes/no, else the value."""
        answer = str(self.cleaned_data["answer"])
        if answer == UNSURE:
            return None
        if self.kind == "yes_no":
            return answer == "yes"
        if self.kind == "enum":
            return str(answer)
        if self.kind == "list":
            if answer == NONE:
                return ()
            text = self.cleaned_data.get("value") or ""
            names = tuple(n.strip() for n in text.splitlines() if n.strip())
            return names or None
        value = self.cleaned_data.get("value")
        return value if isinstance(value, int | float) else None
