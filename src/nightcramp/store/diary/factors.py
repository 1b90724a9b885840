"""A person's custom factors: the ones they added, and the ones only found in stored nights.

A custom column that came in with an import has no definition; its kind is read from the values
stored under it (`nightcramp.core.diary.custom_factor_kind`), so the check-in can offer it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind, Night, custom_factor_kind
from nightcramp.core.diary_rules import check_factor_name
from nightcramp.core.errors import InputError

from . import models

__all__ = [
    "TAKEN",
    "FactorDefinition",
    "add_custom_factor",
    "custom_factor_kinds",
    "custom_factors",
]

TAKEN = "is already one of your factors"


@dataclass(frozen=True, slots=True)
class FactorDefinition:
    """A custom factor's name and kind; `defined` is False when it is only found in nights."""

    name: str
    kind: FactorKind
    defined: bool = True


def custom_factor_kinds(user: User) -> dict[str, FactorKind]:
    """Return the kind of each custom factor `user` added, by name."""
    rows = models.CustomFactor.objects.filter(user=user).values_list("name", "kind")
    return {name: FactorKind(kind) for name, kind in rows}


def custom_factors(user: User, shown: Iterable[Night | None] = ()) -> list[FactorDefinition]:
    """Return `user`'s custom factors, plus any undefined ones found in the nights `shown`.

    Sorted by name. An undefined factor's kind is read from its values in `shown`.
    """
    defined = [FactorDefinition(n, k) for n, k in custom_factor_kinds(user).items()]
    known = {f.name for f in defined} | set(STANDARD_FACTORS)
    found: dict[str, list[object]] = {}
    for night in shown:
        for name, value in ({} if night is None else night.factors).items():
            if name not in known:
                found.setdefault(name, []).append(value)
    extra = [
        FactorDefinition(name, custom_factor_kind(values), defined=False)
        for name, values in found.items()
    ]
    return sorted([*defined, *extra], key=lambda f: f.name)


def add_custom_factor(user: User, name: str, kind: FactorKind) -> FactorDefinition:
    """Define a custom factor for `user` and return it.

    Raises InputError (field "name") when the name cannot be a column or is already taken.
    """
    try:
        check_factor_name(name)
    except ValueError as error:
        raise InputError(str(error), field="name") from None
    try:
        with transaction.atomic():
            models.CustomFactor.objects.create(user=user, name=name, kind=FactorKind(kind).value)
    except IntegrityError:
        raise InputError(TAKEN, field="name") from None
    return FactorDefinition(name, FactorKind(kind))
