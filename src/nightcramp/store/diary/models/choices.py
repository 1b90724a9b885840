"""Database choices built from the contract's enums, so stored ids are the contract's ids."""

from __future__ import annotations

from nightcramp.core.diary import FactorKind, Muscle, Relief, Side
from nightcramp.core.diary_rules import CONDITIONS, SEXES

__all__ = [
    "CONDITION_IDS",
    "FACTOR_KIND_CHOICES",
    "MUSCLE_CHOICES",
    "RELIEF_CHOICES",
    "SEX_CHOICES",
    "SIDE_CHOICES",
]

MUSCLE_CHOICES = [(m.value, m.value.replace("_", " ")) for m in Muscle]
SIDE_CHOICES = [(s.value, s.value) for s in Side]
RELIEF_CHOICES = [(r.value, r.value.replace("_", " ")) for r in Relief]
FACTOR_KIND_CHOICES = [(k.value, k.value) for k in FactorKind]
SEX_CHOICES = [(sex, sex) for sex in SEXES]

# The contract's profile condition ids ("Profile file").
CONDITION_IDS: tuple[str, ...] = CONDITIONS
