"""Medicines or conditions not given are unknown, never "none": the plan says when to ask first.

A profile that says `"medications": []` or `"conditions": []` means none; a missing key, or a
medicine name the check does not recognise, means not known.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from tests.core.plan.conftest import PlanFor

from nightcramp.core.plan import PlanItem, Status, load_plan_content, parse_profile

_POTASSIUM = "Some medicines raise potassium."
_FLUID = "If your care team has told you to limit how much you drink"
_SALT = "Not for you if you have high blood pressure"
_UNRECOGNISED = "We did not recognise"


def _item(plan_for: PlanFor, profile: Mapping[str, object], item_id: str) -> PlanItem:
    return next(i for i in plan_for(profile).items if i.id == item_id)


def _says(item: PlanItem, start: str) -> bool:
    return any(c.startswith(start) for c in item.cautions)


@pytest.mark.parametrize(
    "profile",
    [
        {},
        {"conditions": []},
        {"birth_year": 1950, "sex": "female"},
        {"medications": ["Xyzzyol"]},
        {"medications": ["paracetamol", "Zqqtab"], "conditions": []},
        {"answers": {"fever": False}},
    ],
)
def test_medicines_not_known_get_the_potassium_caution(
    plan_for: PlanFor, profile: Mapping[str, object]
) -> None:
    assert _says(_item(plan_for, profile, "potassium_foods"), _POTASSIUM)


@pytest.mark.parametrize(
    "profile",
    [
        {"medications": []},
        {"medications": ["paracetamol", "metformin"]},
        {"answers": {"medications": []}},
        {"answers": {"medications": ["amoxicillin"]}},
    ],
)
def test_medicines_known_get_no_general_potassium_caution(
    plan_for: PlanFor, profile: Mapping[str, object]
) -> None:
    assert not _says(_item(plan_for, profile, "potassium_foods"), _POTASSIUM)


@pytest.mark.parametrize("names", [["ramipril", "Xyzzyol"], ["Septrin"], ["Rasilez"]])
def test_a_medicine_that_raises_potassium_gets_its_own_warning_not_the_general_one(
    plan_for: PlanFor, names: list[str]
) -> None:
    # Co-trimoxazole (Septrin) through its trimethoprim; aliskiren (Rasilez) on its own.
    item = _item(plan_for, {"medications": names}, "potassium_foods")
    assert not _says(item, _POTASSIUM)
    assert _says(item, "High potassium warning")


@pytest.mark.parametrize("profile", [{}, {"medications": []}, {"birth_year": 1940}])
def test_conditions_not_known_get_the_fluid_limit_and_salt_cautions(
    plan_for: PlanFor, profile: Mapping[str, object]
) -> None:
    assert _says(_item(plan_for, profile, "hydration"), _FLUID)
    assert _says(_item(plan_for, profile, "electrolyte_drink"), _SALT)


@pytest.mark.parametrize("conditions", [[], ["diabetes"], ["parkinsons", "thyroid_disease"]])
def test_conditions_listed_get_neither(plan_for: PlanFor, conditions: list[str]) -> None:
    profile = {"conditions": conditions}
    assert not _says(_item(plan_for, profile, "hydration"), _FLUID)
    assert not _says(_item(plan_for, profile, "electrolyte_drink"), _SALT)


def test_kidney_disease_without_dialysis_is_told_to_keep_to_a_fluid_limit(
    plan_for: PlanFor,
) -> None:
    item = _item(plan_for, {"conditions": ["kidney_disease"]}, "hydration")
    assert _says(item, "If your kidney team has given you a fluid limit")


def test_unrecognised_medicines_are_named_in_the_review(plan_for: PlanFor) -> None:
    item = _item(
        plan_for, {"medications": ["Xyzzyol", "bendroflumethiazide", "Qwop"]}, "medication_review"
    )
    mentioned = [c for c in item.cautions if c.startswith(_UNRECOGNISED)]
    assert mentioned == [
        load_plan_content().messages.medicines_unrecognised.format(
            names="\u201cXyzzyol\u201d and \u201cQwop\u201d"
        )
    ]
    assert item.status is Status.RECOMMENDED


def test_recognised_medicines_are_not_named_as_unrecognised(plan_for: PlanFor) -> None:
    item = _item(plan_for, {"medications": ["Lasix", "simvastatin"]}, "medication_review")
    assert not _says(item, _UNRECOGNISED)


def test_the_profile_keeps_none_apart_from_unknown() -> None:
    assert parse_profile({}).to_json() == {}
    stated = parse_profile({"medications": [], "conditions": []})
    assert (stated.medications, stated.conditions) == ((), ())
    assert stated.to_json() == {"conditions": [], "medications": []}


def test_a_condition_answered_yes_counts_as_known_and_its_own_rule_speaks(
    plan_for: PlanFor,
) -> None:
    profile = {"answers": {"kidney_disease": True}}
    hydration = _item(plan_for, profile, "hydration")
    assert not _says(hydration, _FLUID)
    assert _says(hydration, "If your kidney team has given you a fluid limit")


def test_a_fluid_limit_is_said_once_with_kidney_disease_and_heart_failure(
    plan_for: PlanFor,
) -> None:
    item = _item(plan_for, {"conditions": ["kidney_disease", "heart_failure"]}, "hydration")
    assert not _says(item, "If your kidney team has given you a fluid limit")
    assert item.status is Status.CAUTION


def test_kidney_disease_with_unknown_medicines_gets_only_the_kidney_potassium_words(
    plan_for: PlanFor,
) -> None:
    item = _item(plan_for, {"conditions": ["on_dialysis"]}, "potassium_foods")
    assert not _says(item, _POTASSIUM)
    assert item.status is Status.CAUTION


def test_a_condition_answered_yes_says_nothing_about_the_others(plan_for: PlanFor) -> None:
    profile = {"answers": {"diabetes": True}}
    assert _says(_item(plan_for, profile, "hydration"), _FLUID)
    assert _says(_item(plan_for, profile, "electrolyte_drink"), _SALT)


@pytest.mark.parametrize("none", [["none"], ["N/A"], ["No medicines"], ["nothing"]])
def test_a_list_that_says_none_means_no_medicines(plan_for: PlanFor, none: list[str]) -> None:
    review = _item(plan_for, {"medications": none}, "medication_review")
    assert not _says(review, _UNRECOGNISED)
    assert not _says(_item(plan_for, {"medications": none}, "potassium_foods"), _POTASSIUM)


def test_desmopressin_keeps_its_drinking_limits_in_the_plan(plan_for: PlanFor) -> None:
    item = _item(plan_for, {"medications": ["DDAVP"], "conditions": []}, "hydration")
    assert item.status is Status.CAUTION
    assert "desmopressin" in item.text and "Do not drink extra" in item.text
    assert "desmopressin_label" in item.sources
    from nightcramp.core.meds import check_names

    (own,) = check_names(["DDAVP"]).medications[0].cautions
    assert own in item.cautions  # the medicine's own caution, not a copy that could drift


def test_unknown_medicines_carry_the_desmopressin_drinking_caution(plan_for: PlanFor) -> None:
    item = _item(plan_for, {}, "hydration")
    assert _says(item, "If you take desmopressin")
    known = _item(plan_for, {"medications": ["paracetamol"]}, "hydration")
    assert not _says(known, "If you take desmopressin")


def test_a_rule_showing_medicine_cautions_must_name_its_medicines() -> None:
    from pydantic import ValidationError

    from nightcramp.core.plan.content import RuleSpec

    with pytest.raises(ValidationError, match=r"medicine_cautions needs when\.medicines"):
        RuleSpec.model_validate(
            {"id": "x", "items": ["hydration"], "when": {}, "medicine_cautions": True}
        )


@pytest.mark.parametrize(
    ("profile", "says"),
    [
        # A water tablet with other conditions listed: heart failure is not ruled out.
        ({"medications": ["furosemide"], "conditions": ["high_blood_pressure"]}, True),
        ({"medications": ["Bendroflumethiazide 2.5mg"], "conditions": []}, True),
        # Conditions unknown as well: one fluid caution, not two.
        ({"medications": ["furosemide"]}, True),
        ({"medications": ["amlodipine"], "conditions": ["high_blood_pressure"]}, False),
    ],
)
def test_a_water_tablet_brings_the_fluid_limit_caution_once(
    plan_for: PlanFor, profile: Mapping[str, object], says: bool
) -> None:
    item = _item(plan_for, profile, "hydration")
    fluid = [c for c in item.cautions if "limit how much you drink" in c]
    assert len(fluid) == (1 if says else 0), item.cautions


def test_a_water_tablet_with_kidney_disease_gives_the_kidney_teams_limit_only(
    plan_for: PlanFor,
) -> None:
    profile = {"medications": ["furosemide"], "conditions": ["kidney_disease"]}
    item = _item(plan_for, profile, "hydration")
    limits = [c for c in item.cautions if "limit" in c]
    assert len(limits) == 1 and "kidney team" in limits[0], item.cautions
