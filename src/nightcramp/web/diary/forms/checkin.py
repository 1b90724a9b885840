"""The evening check-in form and the form that adds a custom factor."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, FactorValue, Night
from nightcramp.core.diary_rules import (
    COUNTED_NAMES,
    FIELD_RULES,
    RESERVED_NAMES,
    check_factor_name,
)
from nightcramp.store.diary.factors import FactorDefinition

from .fields import DiaryDateField, RuleField, yes_no_field, yes_no_initial
from .labels import FACTOR_LABELS, FACTOR_STEPS

_CUSTOM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _factor_field(kind: FactorKind, label: str) -> forms.Field:
    """A custom factor's field (standard factors are read with their rule: `_standard_field`)."""
    if kind is FactorKind.BOOL:
        return yes_no_field(label)
    if kind is FactorKind.INT:
        return forms.IntegerField(
            label=label,
            required=False,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    return forms.FloatField(
        label=label,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )


def _standard_field(name: str, kind: FactorKind) -> forms.Field:
    label = FACTOR_LABELS[name]
    if kind is FactorKind.BOOL:
        return yes_no_field(label)
    rule = FIELD_RULES[name]
    attrs = {
        "inputmode": "numeric" if kind is FactorKind.INT else "decimal",
        "min": "0",
        "data-step": FACTOR_STEPS.get(name, "1"),
    }
    if kind is not FactorKind.INT:
        attrs["step"] = "any"
    if rule.maximum is not None:
        attrs["max"] = _number_text(rule.maximum)
    return RuleField(name, label=label, widget=forms.NumberInput(attrs=attrs))


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def custom_field_name(name: str) -> str:
    """The form field that carries custom factor `name` (kept apart from standard names)."""
    return f"custom__{name}"


class CheckinForm(forms.Form):
    """The evening check-in: every standard factor and the person's custom ones, all optional."""

    date = DiaryDateField(
        label="Night of", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(
        self, *args: Any, custom_factors: Iterable[FactorDefinition] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in STANDARD_FACTORS.items():
            self.fields[name] = _standard_field(name, kind)
        self.custom_kinds: dict[str, FactorKind] = {}
        for factor in custom_factors:
            self.custom_kinds[factor.name] = factor.kind
            label = factor.name.replace("_", " ").capitalize()
            self.fields[custom_field_name(factor.name)] = _factor_field(factor.kind, label)

    def factors(self) -> dict[str, FactorValue | None]:
        """Every factor on the form by column name (call after `is_valid()`); blank is None.

        Saved with MERGE, a blank answer clears what was stored and a stored custom factor that
        is not on the form is kept.
        """
        data = self.cleaned_data
        factors: dict[str, FactorValue | None] = {n: data.get(n) for n in STANDARD_FACTORS}
        for name in self.custom_kinds:
            value = data.get(custom_field_name(name))
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # 3 stays 3, as an import would store it
            factors[name] = value
        return factors

    def field_key(self, name: str) -> str:
        """The form field that shows the diary field `name`."""
        return custom_field_name(name) if name in self.custom_kinds else name

    @staticmethod
    def initial_from(night: Night) -> dict[str, object]:
        """Form values that show a stored night's factors."""
        initial: dict[str, object] = {}
        for name, value in night.factors.items():
            key = name if name in STANDARD_FACTORS else custom_field_name(name)
            initial[key] = yes_no_initial(value) if isinstance(value, bool) else value
        return initial

    def standard_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in STANDARD_FACTORS]

    def custom_fields(self) -> list[forms.BoundField]:
        return [self[custom_field_name(name)] for name in self.custom_kinds]


class CustomFactorForm(forms.Form):
    """Add a factor of your own to the check-in: a number or a yes/no answer."""

    name = forms.CharField(
        label="Name", max_length=60, error_messages={"max_length": "Use at most 40 characters."}
    )
    kind = forms.ChoiceField(
        label="Answer",
        choices=[(FactorKind.NUMBER.value, "A number"), (FactorKind.BOOL.value, "Yes or no")],
        initial=FactorKind.NUMBER.value,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, existing: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = frozenset(existing)

    def clean_name(self) -> str:
        raw: str = self.cleaned_data["name"]
        name = re.sub(r"[\s-]+", "_", raw.strip().lower())
        if not _CUSTOM_NAME.match(name):
            raise forms.ValidationError(
                "Use letters, numbers and spaces, starting with a letter (at most 40)."
            )
        if name in COUNTED_NAMES:
            raise forms.ValidationError("That is counted for you from the cramps you log.")
        if name in RESERVED_NAMES:
            raise forms.ValidationError("That is already one of the standard questions.")
        try:
            check_factor_name(name)
        except ValueError as error:
            raise forms.ValidationError(f"That name cannot be used: it {error}.") from None
        if name in self.existing:
            raise forms.ValidationError("You already have a factor with that name.")
        return name
