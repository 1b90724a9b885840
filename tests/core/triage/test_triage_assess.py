"""Triage: public examples, hard vignettes, one test per rule, and safety properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nightcramp.core.errors import InputError
from nightcramp.core.triage import Condition, Disposition, assess, load_rules, validate_answers

DATA = Path(__file__).resolve().parents[2] / "data"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "triage" / "examples"
EXAMPLES = SHARED if SHARED.is_dir() else DATA / "triage_examples"
CORE = [
    "one_leg_swollen",
    "leg_red",
    "leg_warm",
    "calf_pain_or_tenderness_between_cramps",
    "short_of_breath",
    "chest_pain",
    "leg_cold_or_pale",
    "leg_numb_and_weak_suddenly",
    "saddle_numbness",
    "bladder_or_bowel_change",
    "dark_urine_after_cramp",
]
SAFE: dict[str, object] = dict.fromkeys(CORE, False)
RED_FLAGS = [*CORE, "coughing_blood", "very_unwell", "rest_pain_eased_by_hanging_leg"]


def _cases(folder: Path) -> list[Any]:
    return [
        pytest.param(json.loads(p.read_text("utf-8")), id=p.stem)
        for p in sorted(folder.glob("*.json"))
    ]


def _check(case: dict[str, Any]) -> None:
    result = assess(case["answers"])
    expected = case["expected"]
    assert result.disposition.value == expected["disposition"], result.reasons
    assert set(expected["consider_includes"]) <= set(result.consider)


@pytest.mark.parametrize("case", _cases(EXAMPLES))
def test_every_public_example_gets_its_expected_disposition(case: dict[str, Any]) -> None:
    _check(case)


def test_the_copied_examples_match_the_shared_ones() -> None:
    copied = sorted(p.name for p in (DATA / "triage_examples").glob("*.json"))
    assert len(copied) >= 10
    if SHARED.is_dir():
        assert copied == sorted(p.name for p in SHARED.glob("*.json"))


VIGNETTES = json.loads((DATA / "triage_vignettes.json").read_text("utf-8"))


@pytest.mark.parametrize("case", VIGNETTES, ids=[v["title"] for v in VIGNETTES])
def test_hard_vignette_gets_its_expected_disposition(case: dict[str, Any]) -> None:
    _check(case)


def test_there_are_at_least_40_vignettes() -> None:
    assert len(VIGNETTES) >= 40


# One row per rule: answers that fire it, the disposition it gives, a condition it names.
RULE_TABLE: list[tuple[str, dict[str, object], str, str | None]] = [
    ("pulmonary_embolism_signs", {"short_of_breath": True}, "emergency", "pulmonary_embolism"),
    ("acute_limb_ischaemia", {"leg_cold_or_pale": True}, "emergency", "acute_limb_ischaemia"),
    ("sudden_numb_weak_leg", {"leg_numb_and_weak_suddenly": True}, "emergency", "stroke"),
    ("saddle_numbness", {"saddle_numbness": True}, "emergency", "cauda_equina_syndrome"),
    (
        "bladder_change_possible_cauda_equina",
        {"bladder_or_bowel_change": True, "back_pain_with_leg_symptoms": True},
        "emergency",
        "cauda_equina_syndrome",
    ),
    ("very_unwell", {"very_unwell": True}, "emergency", "rhabdomyolysis"),
    (
        "pre_eclampsia_in_pregnancy",
        {"pregnant": True, "severe_headache_or_vision_change": True},
        "urgent",
        "pre_eclampsia",
    ),
    (
        "severe_headache_or_vision_change",
        {"pregnant": False, "severe_headache_or_vision_change": True},
        "urgent",
        "pre_eclampsia",
    ),
    ("deep_vein_thrombosis_signs", {"leg_warm": True}, "urgent", "deep_vein_thrombosis"),
    ("rhabdomyolysis_dark_urine", {"dark_urine_after_cramp": True}, "urgent", "rhabdomyolysis"),
    ("cellulitis", {"leg_red": True, "fever": True}, "urgent", "cellulitis"),
    (
        "ischaemic_rest_pain",
        {"rest_pain_eased_by_hanging_leg": True},
        "urgent",
        "critical_limb_ischaemia",
    ),
    ("tissue_loss", {"foot_sore_or_black_toe": True}, "urgent", "critical_limb_ischaemia"),
    (
        "bladder_change_nerve_signs_ruled_out",
        {
            "bladder_or_bowel_change": True,
            "back_pain_with_leg_symptoms": False,
            "numbness_or_tingling": False,
            "weakness_getting_worse": False,
        },
        "urgent",
        "cauda_equina_syndrome",
    ),
    (
        "back_pain_with_cancer",
        {"back_pain_with_leg_symptoms": True, "cancer_active": True},
        "urgent",
        "spinal_cord_compression",
    ),
    (
        "back_pain_with_fever",
        {"back_pain_with_leg_symptoms": True, "fever": True},
        "urgent",
        "spinal_cord_compression",
    ),
    (
        "lithium_with_vomiting_or_diarrhoea",
        {"medications": ["lithium carbonate"], "recent_vomiting_or_diarrhoea": True},
        "urgent",
        "medication_side_effect",
    ),
    (
        "statin_weakness_fever",
        {"medications": ["Crestor"], "muscle_weakness_after_cramp": True, "fever": True},
        "urgent",
        "rhabdomyolysis",
    ),
    ("claudication", {"pain_walking_relieved_by_rest": True}, "soon", "peripheral_artery_disease"),
    ("progressive_weakness", {"weakness_getting_worse": True}, "soon", "motor_neurone_disease"),
    ("muscle_wasting", {"muscle_wasting": True}, "soon", "motor_neurone_disease"),
    (
        "weakness_after_cramp",
        {"muscle_weakness_after_cramp": True},
        "soon",
        "peripheral_neuropathy",
    ),
    ("numbness_or_tingling", {"numbness_or_tingling": True}, "soon", "peripheral_neuropathy"),
    (
        "back_pain_with_leg_symptoms",
        {"back_pain_with_leg_symptoms": True},
        "soon",
        "lumbar_radiculopathy",
    ),
    (
        "restless_legs_frequent",
        {"urge_to_move_legs_relieved_by_moving": True, "nights_sleep_disrupted_per_week": 3},
        "soon",
        "restless_legs_syndrome",
    ),
    ("sleep_disrupted_often", {"nights_sleep_disrupted_per_week": 3}, "soon", None),
    ("new_medicine", {"new_medication_last_weeks": True}, "soon", "medication_side_effect"),
    (
        "atypical_cramps",
        {"typical_duration_min": 12, "cramps_in_daytime_too": True},
        "soon",
        None,
    ),
    (
        "fluid_loss_with_risk",
        {"recent_vomiting_or_diarrhoea": True, "medications": ["furosemide"]},
        "soon",
        "electrolyte_disturbance",
    ),
    ("quinine", {"medications": ["Qualaquin"]}, "routine", "medication_side_effect"),
    ("cramp_linked_medicine", {"medications": ["indapamide"]}, "routine", "medication_side_effect"),
    (
        "quinine_in_pregnancy",
        {"medications": ["quinine"], "pregnant": True},
        "soon",
        "medication_side_effect",
    ),
    (
        "severe_headache_or_vision_change_male",
        {"sex": "male", "severe_headache_or_vision_change": True},
        "urgent",
        None,
    ),
    ("unknown_medicine", {"medications": ["notarealmedicine"]}, "routine", None),
    ("pregnancy", {"pregnant": True}, "routine", "pregnancy_related"),
    (
        "restless_legs_pattern",
        {"urge_to_move_legs_relieved_by_moving": True},
        "routine",
        "restless_legs_syndrome",
    ),
    ("peripheral_artery_disease", {"peripheral_artery_disease": True}, "routine", None),
    ("kidney_disease", {"on_dialysis": True}, "routine", "chronic_kidney_disease"),
    ("liver_disease", {"liver_disease": True}, "routine", "liver_cirrhosis"),
    ("thyroid_disease", {"thyroid_disease": True}, "routine", "hypothyroidism"),
    ("parkinsons", {"parkinsons": True}, "routine", "parkinsons_disease"),
    ("vascular_risk", {"smoker": True}, "routine", None),
    ("self_care_not_working", {"self_care_tried_without_relief": True}, "routine", None),
    ("both_ankles_swollen", {"both_ankles_swollen": True}, "routine", None),
    ("long_cramps", {"typical_duration_min": 11}, "routine", None),
]


@pytest.mark.parametrize(("rule_id", "answers", "disposition", "condition"), RULE_TABLE)
def test_each_rule_fires_with_its_disposition(
    rule_id: str, answers: dict[str, object], disposition: str, condition: str | None
) -> None:
    result = assess({**SAFE, **answers})
    assert rule_id in result.rules
    assert result.disposition.value == disposition
    if condition:
        assert condition in result.consider


def test_every_rule_with_a_disposition_has_a_row_in_the_table() -> None:
    covered = {row[0] for row in RULE_TABLE} | {"safety_screen_incomplete"}
    with_disposition = {r.id for r in load_rules().rules if r.disposition is not None}
    assert with_disposition <= covered


def test_the_safety_screen_rule_gives_routine_when_one_core_answer_is_missing() -> None:
    answers = dict(SAFE)
    del answers["leg_red"]
    result = assess(answers)
    assert result.disposition is Disposition.ROUTINE
    assert "safety_screen_incomplete" in result.rules
    assert "leg_red" in result.unanswered
    assert any("red or darker" in reason for reason in result.reasons)


def test_self_care_needs_every_core_answer_false() -> None:
    assert assess(SAFE).disposition is Disposition.SELF_CARE
    assert assess({}).disposition is Disposition.ROUTINE


def test_a_missing_answer_is_unknown_never_no() -> None:
    with_null = assess({**SAFE, "short_of_breath": None})
    missing = assess({k: v for k, v in SAFE.items() if k != "short_of_breath"})
    assert with_null.to_json() == missing.to_json()
    assert missing.disposition is Disposition.ROUTINE
    assert "short_of_breath" in missing.unanswered


def test_every_urgent_result_names_the_emergency_signs() -> None:
    for answers in ({"leg_warm": True}, {"dark_urine_after_cramp": True}):
        advice = assess({**SAFE, **answers}).advice
        assert "emergency number" in advice
        assert "short of breath" in advice and "confused" in advice


def test_an_emergency_result_starts_with_calling_emergency_services() -> None:
    result = assess({"chest_pain": True})
    assert result.advice.startswith("Call your emergency number now")


def test_pre_eclampsia_advice_names_the_maternity_unit() -> None:
    result = assess({**SAFE, "pregnancy_weeks": 30, "severe_headache_or_vision_change": True})
    assert "maternity unit or midwife" in result.advice


def test_clot_risk_factors_alone_do_not_raise_the_disposition() -> None:
    risks = {
        "recent_surgery_or_immobility": True,
        "long_travel_last_4_weeks": True,
        "previous_clot": True,
    }
    assert assess({**SAFE, **risks}).disposition is Disposition.SELF_CARE


def test_age_alone_never_raises_the_disposition() -> None:
    assert assess({**SAFE, "age": 95}).disposition is Disposition.SELF_CARE


def test_medicine_advice_never_says_stop_taking() -> None:
    result = assess(
        {**SAFE, "medications": ["Symbicort", "furosemide"], "new_medication_last_weeks": True}
    )
    assert "stop taking" not in result.advice.lower()
    assert "prescriber before changing anything" in result.advice


def test_consider_uses_only_vocabulary_condition_ids() -> None:
    ids = {c.value for c in Condition}
    for case in VIGNETTES:
        assert set(assess(case["answers"]).consider) <= ids


def test_json_has_the_contract_keys() -> None:
    document = assess({"chest_pain": True}).to_json()
    assert list(document)[:4] == ["disposition", "reasons", "consider", "advice"]
    assert "unanswered" not in document
    assert "unanswered" in assess({}).to_json()


def test_dispositions_are_ordered_by_urgency() -> None:
    order = [d.urgency for d in Disposition]
    assert order == sorted(order, reverse=True)
    assert Disposition.EMERGENCY > Disposition.URGENT > Disposition.SOON
    assert Disposition.ROUTINE > Disposition.SELF_CARE
    assert max(Disposition) is Disposition.EMERGENCY


def test_a_wrong_type_names_the_key() -> None:
    with pytest.raises(InputError) as error:
        validate_answers({"nights_sleep_disrupted_per_week": 9}, file="a.json")
    assert error.value.field == "nights_sleep_disrupted_per_week"
    assert "a.json" in str(error.value)
    with pytest.raises(InputError, match="one_leg_swollen"):
        validate_answers({"one_leg_swollen": "yes"})
    with pytest.raises(InputError):
        validate_answers([1, 2])


def test_an_unknown_key_is_ignored_with_a_warning() -> None:
    clean, warnings = validate_answers({"favourite_colour": "blue", "age": 40.0})
    assert clean == {"age": 40}
    assert warnings and "favourite_colour" in warnings[0]


# ---------------------------------------------------------------- properties
bool_answers = st.dictionaries(
    st.sampled_from([*RED_FLAGS, "fever", "pregnant", "smoker", "diabetes", "muscle_wasting"]),
    st.one_of(st.booleans(), st.none()),
)


@settings(max_examples=150, deadline=None)
@given(answers=bool_answers, flag=st.sampled_from(RED_FLAGS))
def test_adding_a_red_flag_never_lowers_urgency(answers: dict[str, object], flag: str) -> None:
    before = assess(answers).disposition
    after = assess({**answers, flag: True}).disposition
    assert after.urgency >= before.urgency
    assert after.urgency >= Disposition.URGENT.urgency


@settings(max_examples=150, deadline=None)
@given(answers=bool_answers, data=st.data())
def test_removing_answers_never_turns_an_emergency_into_self_care(
    answers: dict[str, object], data: st.DataObject
) -> None:
    if assess(answers).disposition is not Disposition.EMERGENCY:
        return
    keys = data.draw(st.lists(st.sampled_from(sorted(answers)), unique=True))
    reduced = {k: v for k, v in answers.items() if k not in keys}
    assert assess(reduced).disposition is not Disposition.SELF_CARE


@settings(max_examples=100, deadline=None)
@given(answers=bool_answers, key=st.sampled_from(RED_FLAGS))
def test_null_means_the_same_as_a_missing_key(answers: dict[str, object], key: str) -> None:
    without = {k: v for k, v in answers.items() if k != key}
    assert assess({**without, key: None}).to_json() == assess(without).to_json()


def test_the_rule_table_in_the_docs_is_current() -> None:
    from nightcramp.core.triage.table import render_rule_table

    docs = Path(__file__).resolve().parents[3] / "docs" / "triage-rules.md"
    assert docs.read_text("utf-8") == render_rule_table(), (
        "run: python -m nightcramp.core.triage.table > docs/triage-rules.md"
    )


def test_an_example_file_wrapper_is_read_as_its_answers() -> None:
    clean, warnings = validate_answers({"title": "x", "answers": {"leg_red": True}})
    assert clean == {"leg_red": True}
    assert warnings == []
    mixed, _ = validate_answers({"answers": {"leg_red": True}, "leg_warm": False})
    assert mixed == {"leg_warm": False}
