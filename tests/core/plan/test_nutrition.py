"""Targets by age, sex and pregnancy; a day's estimate and the gap to the target."""

from __future__ import annotations

import pytest

from nightcramp.core.errors import InputError
from nightcramp.core.plan import parse_profile
from nightcramp.core.plan.build import potassium_target_applies
from nightcramp.core.plan.nutrition import estimate_intake, intake_targets, load_nutrition


@pytest.mark.parametrize(
    ("age", "sex", "pregnant", "magnesium", "potassium"),
    [
        (25, "female", False, 310, 2600),
        (25, "male", False, 400, 3400),
        (40, "female", False, 320, 2600),
        (70, "male", False, 420, 3400),
        (16, "female", False, 360, 2300),
        (33, "female", True, 360, 2900),
        (24, "female", True, 350, 2900),
    ],
)
def test_targets_follow_the_ods_and_nasem_tables(
    age: int, sex: str, pregnant: bool, magnesium: int, potassium: int
) -> None:
    targets = intake_targets(age=age, sex=sex, pregnant=pregnant)
    assert targets.magnesium is not None and targets.potassium is not None
    assert (targets.magnesium.low, targets.magnesium.high) == (magnesium, magnesium)
    assert (targets.potassium.low, targets.potassium.high) == (potassium, potassium)


def test_unknown_sex_shows_the_range() -> None:
    targets = intake_targets(age=60, sex=None)
    assert targets.magnesium is not None
    assert (targets.magnesium.low, targets.magnesium.high) == (320, 420)
    assert any("range" in note for note in targets.notes)


def test_potassium_target_is_withheld_when_kidneys_or_medicines_change_it() -> None:
    targets = intake_targets(age=60, sex="male", potassium_restricted=True)
    assert targets.potassium is None
    assert any("do not apply" in note for note in targets.notes)


def test_unknown_age_shows_the_adult_range() -> None:
    targets = intake_targets(age=None, sex="female")
    assert targets.magnesium is not None
    assert (targets.magnesium.low, targets.magnesium.high) == (310, 320)
    assert any("adult range" in note for note in targets.notes)


def test_children_get_no_targets() -> None:
    targets = intake_targets(age=10, sex="male")
    assert targets.magnesium is None and targets.potassium is None


def test_the_supplement_upper_limit_is_350_mg() -> None:
    assert intake_targets(age=50, sex="female").supplement_upper_limit_mg == 350


def test_the_estimate_adds_servings_and_gives_the_gap() -> None:
    intake = estimate_intake({"banana": 2, "spinach": 1})  # 2x32+78 mg Mg, 2x422+420 mg K
    assert (intake.magnesium_mg, intake.potassium_mg) == (142, 1264)
    targets = intake_targets(age=70, sex="female")
    assert intake.gap(targets.magnesium, "magnesium") == 320 - 142
    assert intake.gap(targets.potassium, "potassium") == 2600 - 1264


def test_the_gap_is_zero_once_the_target_is_met() -> None:
    intake = estimate_intake({"pumpkin_seeds": 3})
    assert intake.gap(intake_targets(age=40, sex="female").magnesium, "magnesium") == 0


def test_foods_with_unknown_values_are_listed_not_counted_as_zero() -> None:
    intake = estimate_intake({"white_beans": 1})
    assert intake.potassium_mg == 595
    assert intake.not_counted_magnesium == ("White beans, canned",)


@pytest.mark.parametrize(
    ("servings", "field"), [({"chips": 1}, "chips"), ({"banana": -1}, "banana")]
)
def test_a_bad_entry_names_the_food(servings: dict[str, float], field: str) -> None:
    with pytest.raises(InputError) as caught:
        estimate_intake(servings)
    assert caught.value.field == field


def test_every_food_cites_usda_and_unverified_values_are_marked() -> None:
    foods = load_nutrition().foods
    assert len(foods) >= 20
    assert all("usda_fdc" in food.sources for food in foods)
    kale = next(f for f in foods if f.id == "kale")
    assert not kale.magnesium_verified


@pytest.mark.parametrize(
    ("profile", "applies"),
    [
        ({}, True),
        ({"conditions": ["kidney_disease"]}, False),
        ({"answers": {"on_dialysis": True}}, False),
        ({"medications": ["spironolactone"]}, False),
        ({"medications": ["paracetamol"]}, True),
    ],
)
def test_the_potassium_target_does_not_apply_with_kidney_disease_or_such_medicines(
    profile: dict[str, object], applies: bool
) -> None:
    assert potassium_target_applies(parse_profile(profile)) is applies
