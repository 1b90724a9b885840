"""A person's custom factors: the ones they add, and the ones found only in stored nights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.diary import FactorKind, Night
from nightcramp.core.errors import InputError
from nightcramp.store.diary.factors import (
    TAKEN,
    FactorDefinition,
    add_custom_factor,
    custom_factor_kinds,
    custom_factors,
)

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 9)


def test_an_added_factor_is_kept_with_its_kind(alice: User) -> None:
    assert add_custom_factor(alice, "late_dinner", FactorKind.BOOL) == FactorDefinition(
        "late_dinner", FactorKind.BOOL
    )
    add_custom_factor(alice, "naps", FactorKind.INT)
    assert custom_factor_kinds(alice) == {"late_dinner": FactorKind.BOOL, "naps": FactorKind.INT}


def test_factors_are_kept_per_person(alice: User, bob: User) -> None:
    add_custom_factor(alice, "late_dinner", FactorKind.BOOL)
    assert custom_factor_kinds(bob) == {}
    assert add_custom_factor(bob, "late_dinner", FactorKind.NUMBER).kind is FactorKind.NUMBER


def test_a_name_already_taken_is_refused_on_the_name_field(alice: User) -> None:
    add_custom_factor(alice, "late_dinner", FactorKind.BOOL)
    with pytest.raises(InputError) as error:
        add_custom_factor(alice, "late_dinner", FactorKind.INT)
    assert (error.value.field, error.value.reason) == ("name", TAKEN)
    assert custom_factor_kinds(alice) == {"late_dinner": FactorKind.BOOL}


@pytest.mark.parametrize("name", ["", " nap", "water_glasses", "x" * 65])
def test_a_name_that_cannot_be_a_column_is_refused_and_nothing_kept(alice: User, name: str) -> None:
    with pytest.raises(InputError) as error:
        add_custom_factor(alice, name, FactorKind.BOOL)
    assert error.value.field == "name"
    assert custom_factor_kinds(alice) == {}


def test_factors_found_only_in_the_nights_shown_are_offered_with_their_kind(alice: User) -> None:
    add_custom_factor(alice, "naps", FactorKind.INT)
    shown = [
        Night(DAY, {"water_glasses": 6, "leg_day": True, "naps": 1, "sauna_minutes": 20}),
        None,
        Night(DAY - dt.timedelta(days=1), {"leg_day": False, "sauna_minutes": 12.5}),
    ]
    assert custom_factors(alice, shown) == [
        FactorDefinition("leg_day", FactorKind.BOOL, defined=False),
        FactorDefinition("naps", FactorKind.INT),
        FactorDefinition("sauna_minutes", FactorKind.NUMBER, defined=False),
    ]


def test_without_nights_only_the_defined_factors_are_offered(alice: User) -> None:
    add_custom_factor(alice, "naps", FactorKind.INT)
    assert custom_factors(alice) == [FactorDefinition("naps", FactorKind.INT)]
