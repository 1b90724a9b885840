"""Five people from issue #6, with the real triage engine and medication check."""

from __future__ import annotations

from tests.core.plan.conftest import TODAY

from nightcramp.core.plan import Plan, Status, build_plan, parse_profile

SAFE_SCREEN = {
    key: False
    for key in (
        "one_leg_swollen", "leg_red", "leg_warm", "calf_pain_or_tenderness_between_cramps",
        "short_of_breath", "chest_pain", "leg_cold_or_pale", "leg_numb_and_weak_suddenly",
        "saddle_numbness", "bladder_or_bowel_change", "dark_urine_after_cramp", "very_unwell",
    )
}  # fmt: skip

OLDER_ADULT_ON_THIAZIDE = {
    "birth_year": 1948,
    "sex": "female",
    "conditions": ["high_blood_pressure"],
    "medications": ["indapamide"],
    "answers": {**SAFE_SCREEN, "age": 78, "high_blood_pressure": True},
}
PREGNANT_WOMAN = {
    "birth_year": 1995,
    "sex": "female",
    "pregnant": True,
    "pregnancy_weeks": 30,
    "answers": {**SAFE_SCREEN, "pregnant": True, "pregnancy_weeks": 30,
                "severe_headache_or_vision_change": False},
}  # fmt: skip
KIDNEY_DISEASE = {
    "birth_year": 1958,
    "sex": "male",
    "conditions": ["kidney_disease", "high_blood_pressure"],
    "medications": ["ramipril", "Lasix"],
    "answers": {**SAFE_SCREEN, "kidney_disease": True},
}
RUNNER = {
    "birth_year": 1990,
    "sex": "male",
    "answers": {**SAFE_SCREEN, "hard_exercise_last_days": True},
}
STATIN_NEW_WEAKNESS = {
    "birth_year": 1955,
    "sex": "male",
    "medications": ["atorvastatin"],
    "answers": {
        **SAFE_SCREEN,
        "muscle_weakness_after_cramp": True,
        "medications": ["atorvastatin"],
    },
}


def _plan(profile: dict[str, object]) -> Plan:
    return build_plan(parse_profile(profile), today=TODAY)


def _status(plan: Plan, item_id: str) -> Status:
    return plan.item(item_id).status


def test_older_adult_on_a_thiazide_gets_stretching_and_a_medicine_review() -> None:
    plan = _plan(OLDER_ADULT_ON_THIAZIDE)
    top = [i.id for i in plan.items[:3]]
    assert "bedtime_calf_stretch" in top and "medication_review" in top
    assert _status(plan, "medication_review") is Status.RECOMMENDED
    assert "indapamide" in plan.item("medication_review").why
    assert _status(plan, "electrolyte_drink") is Status.NOT_ADVISED
    assert _status(plan, "magnesium_supplement") is Status.NOT_ADVISED
    assert any("Over 65" in c for c in plan.item("magnesium_supplement").cautions)
    assert plan.triage is not None and plan.triage["disposition"] == "routine"


def test_pregnant_woman_gets_pregnancy_safe_advice_and_antenatal_triage() -> None:
    plan = _plan(PREGNANT_WOMAN)
    assert plan.triage is not None and plan.triage["disposition"] == "routine"
    assert next(iter(plan.to_json())) == "triage"
    assert _status(plan, "bedtime_calf_stretch") is Status.RECOMMENDED
    for item_id in ("magnesium_supplement", "vitamin_k2", "vitamin_b_complex", "quinine"):
        assert _status(plan, item_id) in {Status.CAUTION, Status.NOT_ADVISED}, item_id
    assert "midwife" in plan.item("magnesium_supplement").text


def test_person_with_kidney_disease_is_kept_away_from_extra_magnesium_and_potassium() -> None:
    plan = _plan(KIDNEY_DISEASE)
    assert _status(plan, "magnesium_supplement") is Status.NOT_ADVISED
    assert _status(plan, "potassium_supplement") is Status.NOT_ADVISED
    assert _status(plan, "potassium_foods") is Status.CAUTION
    assert _status(plan, "magnesium_foods") is Status.CAUTION
    assert _status(plan, "electrolyte_drink") is Status.NOT_ADVISED
    assert _status(plan, "epsom_salt_bath") is Status.NOT_ADVISED
    cautions = " ".join(plan.item("potassium_foods").cautions)
    assert "High potassium warning" in cautions  # ramipril


def test_runner_with_a_clear_safety_screen_gets_self_care_and_no_triage_block() -> None:
    plan = _plan(RUNNER)
    assert plan.triage is None
    assert list(plan.to_json()) == ["items"]
    assert _status(plan, "bedtime_calf_stretch") is Status.RECOMMENDED
    assert _status(plan, "electrolyte_drink") is Status.OPTIONAL
    assert _status(plan, "quinine") is Status.NOT_ADVISED


def test_statin_with_new_weakness_points_to_triage_not_to_a_supplement() -> None:
    plan = _plan(STATIN_NEW_WEAKNESS)
    document = plan.to_json()
    assert next(iter(document)) == "triage"
    assert plan.triage is not None and plan.triage["disposition"] == "soon"
    for item in plan.items:
        if item.category == "supplements":
            assert item.status in {Status.CAUTION, Status.NOT_ADVISED}, item.id
    review = plan.item("medication_review")
    assert review.status is Status.RECOMMENDED
    assert any("statin" in c and "blood test" in c for c in review.cautions)
    assert review.priority < plan.item("magnesium_supplement").priority


def test_the_plan_triage_is_exactly_what_triage_gives_for_those_answers() -> None:
    from nightcramp.core.triage import assess

    for profile in (OLDER_ADULT_ON_THIAZIDE, PREGNANT_WOMAN, KIDNEY_DISEASE, STATIN_NEW_WEAKNESS):
        answers = profile["answers"]
        assert isinstance(answers, dict)
        assert _plan(profile).triage == assess(answers).to_json()


def test_without_answers_the_plan_asks_for_the_safety_screen_first() -> None:
    plan = _plan({})
    assert plan.triage is not None
    assert plan.triage["disposition"] == "routine"


def test_the_profile_fills_what_the_answers_leave_out_when_that_is_more_urgent() -> None:
    # The answers never name the lithium the profile lists: alone they give no result, with
    # the profile the vomiting on lithium needs a blood test today (VOCABULARY, urgent).
    answers = {**SAFE_SCREEN, "age": 50, "recent_vomiting_or_diarrhoea": True}
    profile: dict[str, object] = {"medications": ["lithium 400mg"], "answers": answers}
    plan = _plan(profile)
    assert plan.triage is None or plan.triage["disposition"] != "urgent"
    assert plan.triage_with_profile is not None
    assert plan.triage_with_profile["disposition"] == "urgent"
    assert "lithium" in str(plan.triage_with_profile["advice"])
    document = plan.to_json()
    assert list(document)[-2:] == ["triage_with_profile", "items"]


def test_no_profile_result_when_the_answers_alone_are_as_urgent() -> None:
    for profile in (OLDER_ADULT_ON_THIAZIDE, PREGNANT_WOMAN, KIDNEY_DISEASE, STATIN_NEW_WEAKNESS):
        assert _plan(profile).triage_with_profile is None
        assert "triage_with_profile" not in _plan(profile).to_json()


def test_weeks_of_pregnancy_without_a_yes_count_as_pregnant_unless_she_said_no() -> None:
    assert parse_profile({"sex": "female", "pregnancy_weeks": 28}).is_pregnant
    assert not parse_profile({"pregnant": False, "pregnancy_weeks": 28}).is_pregnant
    assert not parse_profile({"sex": "female"}).is_pregnant


def test_a_cramp_that_will_not_ease_stops_stretching_and_heat_until_checked() -> None:
    for key in ("cramp_now_over_10_min_not_easing", "calf_tense_pain_out_of_proportion"):
        plan = _plan({"answers": {**SAFE_SCREEN, key: True}})
        for item in ("bedtime_calf_stretch", "ankle_circles", "warm_bath", "epsom_salt_bath"):
            assert _status(plan, item) is Status.NOT_ADVISED, (key, item)


def test_medicines_risky_together_are_named_in_the_medicine_review() -> None:
    plan = _plan({"medications": ["lithium carbonate 400mg", "lisinopril 10mg"]})
    review = plan.item("medication_review")
    assert review.status is Status.RECOMMENDED
    assert any("lithium" in c.lower() and "blood test" in c for c in review.cautions)
    assert "mhra_lithium_toxicity" in review.sources
    alone = _plan({"medications": ["lisinopril 10mg"]}).item("medication_review")
    assert not any("lithium" in c.lower() for c in alone.cautions)


def test_a_line_listing_several_medicines_counts_each_in_the_plan() -> None:
    plan = _plan({"medications": ["1. lithium 400mg 2. ibuprofen 400mg"]})
    assert any("lithium" in c.lower() for c in plan.item("medication_review").cautions)


def test_liver_disease_gets_no_salty_drinks_and_supplements_only_with_the_team() -> None:
    plan = _plan({"conditions": ["liver_disease"], "medications": ["spironolactone"]})
    assert _status(plan, "electrolyte_drink") is Status.NOT_ADVISED
    for item in ("magnesium_supplement", "vitamin_b_complex", "vitamin_k2"):
        assert _status(plan, item) in {Status.CAUTION, Status.NOT_ADVISED}, item
        assert any("liver team" in c for c in plan.item(item).cautions), item


def test_quinine_in_pregnancy_says_now_only_and_is_never_a_cause_of_cramps() -> None:
    plan = _plan({"pregnant": True, "pregnancy_weeks": 22, "medications": ["quinine sulfate"]})
    cautions = " ".join(plan.item("quinine").cautions)
    assert "now" in cautions and "every three months" not in cautions
    assert "review it" not in cautions  # only "now", never "at the next review"
    assert "quinine" not in plan.item("medication_review").why.lower()
    not_pregnant = _plan({"medications": ["quinine sulfate"]}).item("quinine").cautions
    assert any("every three months" in c for c in not_pregnant)


def test_a_child_is_never_given_adult_supplement_doses() -> None:
    plan = _plan({"birth_year": TODAY.year - 7, "answers": {**SAFE_SCREEN}})
    for item in ("magnesium_supplement", "potassium_supplement", "vitamin_k2", "electrolyte_drink"):
        assert _status(plan, item) is Status.NOT_ADVISED, item
        assert "350 mg" not in plan.item(item).text
        assert not any("350 mg" in c for c in plan.item(item).cautions), item
    adult = _plan({"birth_year": TODAY.year - 40})
    assert _status(adult, "vitamin_b_complex") is not Status.NOT_ADVISED


def test_medicines_named_in_the_answers_add_to_the_profiles() -> None:
    answers = {**SAFE_SCREEN, "recent_vomiting_or_diarrhoea": True, "medications": ["paracetamol"]}
    plan = _plan({"medications": ["lithium"], "answers": answers})
    assert plan.triage_with_profile is not None
    assert plan.triage_with_profile["disposition"] == "urgent"
