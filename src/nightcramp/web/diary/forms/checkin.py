"""The evening check-in form and the form that adds a custom factor."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils import timezone

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, FactorValue, Night
from nightcramp.core.diary_rules import FIELD_RULES, RESERVED_NAMES, check_factor_name
from nightcramp.store.diary.models import CustomFactor

from .fields import apply_rule, yes_no_field, yes_no_initial
from .labels import FACTOR_LABELS, FACTOR_STEPS

_CUSTOM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _factor_field(kind: FactorKind, label: str) -> forms.Field:
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


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def custom_field_name(name: str) -> str:
    """The form field that carries custom factor `name` (kept apart from standard names)."""
    return f"custom__{name}"


class CheckinForm(forms.Form):
    """The evening check-in: every standard factor and the person's custom ones, all optional."""

    date = forms.DateField(
        label="Night of", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(
        self, *args: Any, custom_factors: Iterable[CustomFactor] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in STANDARD_FACTORS.items():
            field = _factor_field(kind, FACTOR_LABELS[name])
            if kind is not FactorKind.BOOL:
                rule = FIELD_RULES[name]
                field.widget.attrs.update(min="0", **{"data-step": FACTOR_STEPS.get(name, "1")})
                if rule.maximum is not None:
                    field.widget.attrs["max"] = _number_text(rule.maximum)
            self.fields[name] = field
        self.custom_kinds: dict[str, FactorKind] = {}
        for factor in custom_factors:
            kind = FactorKind(factor.kind)
            self.custom_kinds[factor.name] = kind
            label = factor.name.replace("_", " ").capitalize()
            self.fields[custom_field_name(factor.name)] = _factor_field(kind, label)

    def clean_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["date"]
        if value > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError("That night is in the future. Check the date.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in STANDARD_FACTORS:
            apply_rule(self, name)
        return data

    def to_night(self, kept_custom: Mapping[str, FactorValue] | None = None) -> Night:
        """The validated night as a core value; a blank answer is left out (not recorded).

        `kept_custom` holds stored custom values this form does not show; they are kept.
        """
        data = self.cleaned_data
        kept = kept_custom or {}
        factors = {k: v for k, v in kept.items() if k not in STANDARD_FACTORS}
        for name in STANDARD_FACTORS:
            if data.get(name) is not None:
                factors[name] = data[name]
        for name in self.custom_kinds:
            factors.pop(name, None)
            value = data.get(custom_field_name(name))
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # 3 stays 3, as an import would store it
            if value is not None:
                factors[name] = value
        return Night(date=data["date"], factors=factors)

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
        if name in RESERVED_NAMES:
            raise forms.ValidationError("That is already one of the standard questions.")
        try:
            check_factor_name(name)
        except ValueError as error:
            raise forms.ValidationError(f"That name cannot be used: it {error}.") from None
        if name in self.existing:
            raise forms.ValidationError("You already have a factor with that name.")
        return name
