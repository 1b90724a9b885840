"""Every safety rule of the plan, each on a profile built to break it."""

from __future__ import annotations

import re

import pytest
from tests.core.plan.conftest import PlanFor

from nightcramp.core.plan import CONTRACT_ITEM_IDS, Status

ADVISING = {Status.RECOMMENDED, Status.OPTIONAL}
SUPPLEMENTS = ("magnesium_supplement", "potassium_supplement", "vitamin_k2", "vitamin_b_complex")
STOP_MEDICINE = re.compile(
    r"\b(stop|stopping|reduce|skip|swap|quit|cut down)\b[^.]*\b(medicine|medication|tablet|"
    r"prescri|statin|diuretic|inhaler|dose)",
    re.IGNORECASE,
)

PROFILES: list[dict[str, object]] = [
    {},
    {"birth_year": 1946, "medications": ["bendroflumethiazide"]},
    {"sex": "female", "pregnant": True, "pregnancy_weeks": 30},
    {"conditions": ["kidney_disease", "on_dialysis", "heart_failure"]},
    {"medications": ["spironolactone", "ramipril", "losartan", "warfarin", "quinine"]},
    {"conditions": ["liver_disease"], "medications": ["atorvastatin", "doxycycline"]},
    {"birth_year": 1990, "sex": "male", "answers": {"one_leg_swollen": True}},
]


def _all_text(item: object) -> str:
    data = item.to_json()  # type: ignore[attr-defined]  # PlanItem
    return " ".join([data["text"], data["why"], *data["cautions"]])


@pytest.mark.parametrize("profile", PROFILES)
def test_every_contract_item_is_present_with_a_grade_and_a_source(
    plan_for: PlanFor, profile: dict[str, object]
) -> None:
    plan = plan_for(profile)
    ids = [item.id for item in plan.items]
    assert set(CONTRACT_ITEM_IDS) <= set(ids)
    assert len(ids) == len(set(ids))
    assert [item.priority for item in plan.items] == list(range(1, len(ids) + 1))
    for item in plan.items:
        assert item.sources, item.id
        assert item.evidence_grade.value in "ABCDX"


@pytest.mark.parametrize("profile", PROFILES)
def test_quinine_is_never_advised_whatever_the_profile(
    plan_for: PlanFor, profile: dict[str, object]
) -> None:
    assert plan_for(profile).item("quinine").status is Status.NOT_ADVISED


@pytest.mark.parametrize("profile", PROFILES)
def test_nothing_tells_anyone_to_stop_a_prescribed_medicine(
    plan_for: PlanFor, profile: dict[str, object]
) -> None:
    for item in plan_for(profile).items:
        for sentence in re.split(r"(?<=\.)\s", _all_text(item)):
            if STOP_MEDICINE.search(sentence):
                assert re.search(r"\b(do not|never|before|until)\b", sentence, re.I), sentence


@pytest.mark.parametrize("profile", PROFILES)
def test_magnesium_supplement_is_never_recommended_or_presented_as_proven(
    plan_for: PlanFor, profile: dict[str, object]
) -> None:
    item = plan_for(profile).item("magnesium_supplement")
    assert item.status not in ADVISING
    assert "prove" not in item.text.lower()


def test_kidney_disease_makes_magnesium_and_potassium_supplements_not_advised(
    plan_for: PlanFor,
) -> None:
    plan = plan_for({"conditions": ["kidney_disease"]})
    assert plan.item("magnesium_supplement").status is Status.NOT_ADVISED
    assert plan.item("potassium_supplement").status is Status.NOT_ADVISED
    assert "kidney team" in plan.item("magnesium_supplement").text


@pytest.mark.parametrize("condition", ["kidney_disease", "on_dialysis"])
def test_kidney_disease_puts_extra_potassium_food_under_caution(
    plan_for: PlanFor, condition: str
) -> None:
    item = plan_for({"conditions": [condition]}).item("potassium_foods")
    assert item.status is Status.CAUTION
    assert "kidney team" in item.text


def test_kidney_disease_said_only_in_triage_answers_still_counts(plan_for: PlanFor) -> None:
    plan = plan_for({"answers": {"kidney_disease": True}})
    assert plan.item("potassium_foods").status is Status.CAUTION


@pytest.mark.parametrize(
    "medicine", ["spironolactone", "eplerenone", "amiloride", "ramipril", "lisinopril", "losartan"]
)
def test_potassium_raising_medicines_give_a_high_potassium_caution(
    plan_for: PlanFor, medicine: str
) -> None:
    plan = plan_for({"medications": [medicine]})
    foods = plan.item("potassium_foods")
    assert foods.status is Status.CAUTION
    assert any("High potassium warning" in c and "doctor first" in c for c in foods.cautions)
    assert plan.item("potassium_supplement").status is Status.NOT_ADVISED


def test_potassium_foods_are_optional_without_a_reason_for_caution(plan_for: PlanFor) -> None:
    assert plan_for({"medications": ["paracetamol"]}).item("potassium_foods").status is (
        Status.OPTIONAL
    )


def test_magnesium_supplement_gives_the_honest_evidence_and_every_caution(
    plan_for: PlanFor,
) -> None:
    item = plan_for({"birth_year": 1950}).item("magnesium_supplement")
    assert item.evidence_grade.value == "X"
    assert "no real difference" in item.why
    cautions = " ".join(item.cautions)
    assert "350 mg" in cautions
    assert "diarrhoea" in cautions
    assert "antibiotic" in cautions
    assert "alendronate" in cautions
    assert "levothyroxine" in cautions
    assert "Ask your doctor or pharmacist first" in cautions
    assert "kidney" in cautions


def test_magnesium_supplement_names_the_timing_problem_for_someone_on_doxycycline(
    plan_for: PlanFor,
) -> None:
    item = plan_for({"medications": ["doxycycline"]}).item("magnesium_supplement")
    assert "space them apart" in item.cautions[0]


def test_every_magnesium_or_potassium_suggestion_shows_the_kidney_caution(
    plan_for: PlanFor,
) -> None:
    plan = plan_for({})
    for item_id in ("magnesium_foods", "magnesium_supplement", "potassium_foods"):
        assert any("kidney" in c for c in plan.item(item_id).cautions), item_id


def test_pregnancy_gives_only_pregnancy_appropriate_advice(plan_for: PlanFor) -> None:
    plan = plan_for({"sex": "female", "pregnant": True, "pregnancy_weeks": 32})
    for item_id in SUPPLEMENTS:
        assert plan.item(item_id).status in {Status.CAUTION, Status.NOT_ADVISED}, item_id
    magnesium = plan.item("magnesium_supplement")
    assert "midwife" in magnesium.text
    assert magnesium.evidence_grade.value == "B"
    assert plan.item("quinine").status is Status.NOT_ADVISED
    assert any("pregnancy" in c for c in plan.item("quinine").cautions)
    assert any("side" in c for c in plan.item("sleep_position").cautions)
    assert plan.item("epsom_salt_bath").status is Status.NOT_ADVISED


def test_pregnancy_said_only_in_triage_answers_still_counts(plan_for: PlanFor) -> None:
    plan = plan_for({"answers": {"pregnant": True}})
    assert plan.item("vitamin_k2").status is Status.NOT_ADVISED


def test_quinine_is_explained_not_recommended(plan_for: PlanFor) -> None:
    item = plan_for({}).item("quinine")
    assert item.evidence_grade.value == "X"
    assert "not advised" in item.text
    assert "serious" in item.why
    assert item.status is Status.NOT_ADVISED


def test_someone_taking_quinine_is_told_to_ask_the_prescriber_not_to_stop(
    plan_for: PlanFor,
) -> None:
    item = plan_for({"medications": ["quinine"]}).item("quinine")
    assert any("prescriber" in c for c in item.cautions)


@pytest.mark.parametrize("condition", ["heart_failure", "on_dialysis", "liver_disease"])
def test_fluid_restricted_people_get_hydration_caution_and_never_drink_more(
    plan_for: PlanFor, condition: str
) -> None:
    item = plan_for({"conditions": [condition]}).item("hydration")
    assert item.status is Status.CAUTION
    text = _all_text(item).lower()
    assert "fluid limit" in text
    for phrase in ("drink more", "more water", "drink enough", "rarely thirsty"):
        assert phrase not in text


@pytest.mark.parametrize(
    "condition", ["high_blood_pressure", "heart_failure", "kidney_disease", "on_dialysis"]
)
def test_no_salty_drinks_with_high_blood_pressure_heart_failure_or_kidney_disease(
    plan_for: PlanFor, condition: str
) -> None:
    assert plan_for({"conditions": [condition]}).item("electrolyte_drink").status is (
        Status.NOT_ADVISED
    )


@pytest.mark.parametrize("medicine", ["warfarin", "Warfarin", "acenocoumarol"])
def test_vitamin_k2_is_never_suggested_with_warfarin(plan_for: PlanFor, medicine: str) -> None:
    item = plan_for({"medications": [medicine]}).item("vitamin_k2")
    assert item.status is Status.NOT_ADVISED
    assert "blood thinner" in item.text


@pytest.mark.parametrize(
    "sign", ["one_leg_swollen", "leg_red", "leg_warm", "calf_pain_or_tenderness_between_cramps"]
)
def test_a_swollen_red_or_warm_leg_stops_stretching_and_heat_advice(
    plan_for: PlanFor, sign: str
) -> None:
    plan = plan_for({"answers": {sign: True}})
    for item_id in ("bedtime_calf_stretch", "hamstring_stretch", "ankle_circles", "warm_bath"):
        assert plan.item(item_id).status is Status.NOT_ADVISED, item_id


def test_a_leg_sign_answered_no_keeps_the_stretch_recommended(plan_for: PlanFor) -> None:
    plan = plan_for({"answers": {"one_leg_swollen": False}})
    assert plan.item("bedtime_calf_stretch").status is Status.RECOMMENDED


def test_a_cramp_linked_medicine_lifts_the_medication_review_and_names_it(
    plan_for: PlanFor,
) -> None:
    item = plan_for({"medications": ["indapamide"]}).item("medication_review")
    assert item.status is Status.RECOMMENDED
    assert item.why.startswith("You take indapamide")
    assert "Talk to your prescriber before changing anything" in item.text


def test_without_linked_medicines_the_review_stays_optional(plan_for: PlanFor) -> None:
    assert plan_for({}).item("medication_review").status is Status.OPTIONAL


def test_numb_feet_put_warm_baths_under_caution(plan_for: PlanFor) -> None:
    assert plan_for({"conditions": ["diabetes"]}).item("warm_bath").status is Status.CAUTION
