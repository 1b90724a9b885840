"""Triage: one test per rule, the wording rules of the vocabulary, and the JSON document."""

from __future__ import annotations

import pytest

from nightcramp.core.errors import InputError
from nightcramp.core.meds import prescriber_sentence
from nightcramp.core.meds.names import load_dictionary
from nightcramp.core.triage import (
    Disposition,
    assess,
    checks_first,
    label_of,
    load_rules,
    load_vocabulary,
    tone_of,
    validate_answers,
)
from nightcramp.core.triage.services import services_for

CORE = list(load_vocabulary().core_safety_screen)
SAFE: dict[str, object] = dict.fromkeys(CORE, False)
NOW = "now: urgent care, A&E, the out-of-hours line or the maternity unit"
MATERNITY = "contact your maternity unit or midwife now"

# One row per rule: answers that fire it, the disposition it gives, a condition it names.
RULE_TABLE: list[tuple[str, dict[str, object], str, str | None]] = [
    ("pulmonary_embolism_signs", {"short_of_breath": True}, "emergency", "pulmonary_embolism"),
    ("acute_limb_ischaemia", {"leg_cold_or_pale": True}, "emergency", "acute_limb_ischaemia"),
    (
        "compartment_syndrome",
        {"calf_tense_pain_out_of_proportion": True, "leg_injury_last_2_days": True},
        "emergency",
        "compartment_syndrome",
    ),
    ("low_calcium_hand_spasm", {"hand_spasm_bunched": True}, "emergency", "hypocalcaemia"),
    (
        "low_calcium_after_neck_surgery",
        {"tingling_around_lips": True, "recent_neck_surgery": True},
        "emergency",
        "hypocalcaemia",
    ),
    ("heart_rhythm_now", {"heart_racing_now_and_faint": True}, "emergency", "cardiac_arrhythmia"),
    ("angioedema", {"lips_tongue_or_throat_swelling": True}, "emergency", "angioedema"),
    ("tetanus", {"wound_then_jaw_stiffness_or_spasms": True}, "emergency", "tetanus"),
    (
        "stroke_or_bleeding_signs",
        {"severe_headache_or_vision_change": True, "headache_sudden_or_stroke_signs": True},
        "emergency",
        "stroke",
    ),
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
        "fever_during_cancer_treatment",
        {"fever": True, "cancer_active": True},
        "emergency",
        "neutropenic_sepsis",
    ),
    (
        "clot_signs_in_pregnancy_or_after_birth",
        {"gave_birth_last_6_weeks": True, "leg_warm": True},
        "urgent",
        "deep_vein_thrombosis",
    ),
    (
        "pre_eclampsia_signs",
        {"pregnant": True, "pregnancy_weeks": 30, "severe_headache_or_vision_change": True},
        "urgent",
        "pre_eclampsia",
    ),
    (
        "pre_eclampsia_upper_belly_pain",
        {"pregnant": True, "upper_belly_pain_or_vomiting_in_pregnancy": True},
        "urgent",
        "pre_eclampsia",
    ),
    (
        "upper_belly_pain_or_vomiting",
        {"age": 70, "sex": "male", "upper_belly_pain_or_vomiting_in_pregnancy": True},
        "urgent",
        "electrolyte_disturbance",
    ),
    (
        "compartment_syndrome_no_injury",
        {
            "calf_tense_pain_out_of_proportion": True,
            "leg_injury_last_2_days": False,
            "hard_exercise_last_days": False,
            "medications": [],
        },
        "urgent",
        "compartment_syndrome",
    ),
    ("cramp_now_not_easing", {"cramp_now_over_10_min_not_easing": True}, "urgent", None),
    ("low_calcium_tingling", {"tingling_around_lips": True}, "urgent", "hypocalcaemia"),
    ("deep_vein_thrombosis_signs", {"leg_warm": True}, "urgent", "deep_vein_thrombosis"),
    (
        "severe_headache_or_vision_change",
        {"sex": "male", "severe_headache_or_vision_change": True},
        "urgent",
        "stroke",
    ),
    (
        "statin_dark_urine",
        {"dark_urine_after_cramp": True, "medications": ["simvastatin"]},
        "urgent",
        "rhabdomyolysis",
    ),
    (
        "statin_weakness_fever",
        {"medications": ["Crestor"], "muscle_weakness_after_cramp": True, "fever": True},
        "urgent",
        "rhabdomyolysis",
    ),
    (
        "statin_interaction_weakness",
        {"medications": ["simvastatin", "clarithromycin"], "muscle_weakness_after_cramp": True},
        "urgent",
        "rhabdomyolysis",
    ),
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
        "faint_spells_with_salt_risk",
        {"palpitations_or_faintness_new": True, "on_dialysis": True},
        "urgent",
        "cardiac_arrhythmia",
    ),
    (
        "quinine_side_effects",
        {"medications": ["quinine"], "quinine_side_effects": True},
        "urgent",
        "medication_side_effect",
    ),
    (
        "sick_day_medicines",
        {"recent_vomiting_or_diarrhoea": True, "medications": ["losartan"]},
        "soon",
        "electrolyte_disturbance",
    ),
    ("under_16", {"age": 14}, "soon", None),
    ("under_16_with_fever", {"age": 14, "fever": True}, "soon", None),
    ("claudication", {"pain_walking_relieved_by_rest": True}, "soon", "peripheral_artery_disease"),
    ("progressive_weakness", {"weakness_getting_worse": True}, "soon", "motor_neurone_disease"),
    ("muscle_wasting", {"muscle_wasting": True}, "soon", "motor_neurone_disease"),
    ("weakness_after_cramp", {"muscle_weakness_after_cramp": True}, "soon", None),
    ("numbness_or_tingling", {"numbness_or_tingling": True}, "soon", "peripheral_neuropathy"),
    ("new_medicine", {"new_medication_last_weeks": True}, "soon", "medication_side_effect"),
    (
        "restless_legs_frequent",
        {"urge_to_move_legs_relieved_by_moving": True, "nights_sleep_disrupted_per_week": 3},
        "soon",
        "restless_legs_syndrome",
    ),
    ("sleep_disrupted_often", {"nights_sleep_disrupted_per_week": 3}, "soon", None),
    ("atypical_cramps", {"typical_duration_min": 12}, "soon", None),
    ("faint_spells_new", {"palpitations_or_faintness_new": True}, "soon", "cardiac_arrhythmia"),
    (
        "quinine_in_pregnancy",
        {"medications": ["quinine"], "pregnant": True},
        "soon",
        "medication_side_effect",
    ),
    ("quinine", {"medications": ["Qualaquin"]}, "routine", "medication_side_effect"),
    ("cramp_linked_medicine", {"medications": ["indapamide"]}, "routine", "medication_side_effect"),
    ("unknown_medicine", {"medications": ["notarealmedicine"]}, "routine", None),
    ("pregnancy", {"pregnant": True}, "routine", "pregnancy_related"),
    ("after_a_birth", {"gave_birth_last_6_weeks": True}, "routine", "pregnancy_related"),
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


# ---------------------------------------------------------------- the safety screen (rules 3, 7)
def test_very_unwell_is_part_of_the_core_safety_screen() -> None:
    assert "very_unwell" in CORE and len(CORE) == 12
    without = {k: v for k, v in SAFE.items() if k != "very_unwell"}
    assert assess(without).disposition is Disposition.ROUTINE
    assert assess(SAFE).disposition is Disposition.SELF_CARE


def test_an_incomplete_screen_has_its_own_headline_with_the_signs_and_lists_the_keys() -> None:
    answers = {k: v for k, v in SAFE.items() if k != "leg_red"}
    result = assess(answers, services_for("GB"))
    assert result.disposition is Disposition.ROUTINE
    assert result.headline.startswith("Some safety questions were not answered")
    assert "call 999 now if" in result.headline and "short of breath" in result.headline
    assert result.advice.startswith(result.headline)
    assert "leg_red" in result.unanswered
    assert "check-up" not in result.advice.lower() and "check-up" not in result.label.lower()
    assert any("red or darker" in reason for reason in result.reasons)


def test_an_empty_answers_file_is_never_reassurance() -> None:
    result = assess({})
    assert result.disposition is Disposition.ROUTINE
    assert "check-up" not in result.advice.lower()
    assert set(CORE) <= set(result.unanswered)


def test_a_missing_answer_is_unknown_never_no() -> None:
    with_null = assess({**SAFE, "short_of_breath": None})
    missing = assess({k: v for k, v in SAFE.items() if k != "short_of_breath"})
    assert with_null.to_json() == missing.to_json()
    assert missing.disposition is Disposition.ROUTINE
    assert "short_of_breath" in missing.unanswered


# ---------------------------------------------------------------- wording
def test_every_urgent_result_names_the_signs_that_make_it_an_emergency() -> None:
    urgent_rows = [row for row in RULE_TABLE if row[2] == "urgent"]
    for _rule, answers, _level, _condition in urgent_rows:
        advice = assess({**SAFE, **answers}, services_for("GB")).advice
        assert "Call 999 now if" in advice
        for sign in ("short of breath", "chest pain", "confused", "little or no urine", "mottled"):
            assert sign in advice


def test_an_emergency_result_starts_with_calling_the_emergency_number() -> None:
    assert assess({"chest_pain": True}, services_for("GB")).advice.startswith("Call 999 now")
    assert assess({"chest_pain": True}, services_for("US")).advice.startswith("Call 911 now")
    assert assess({"chest_pain": True}).advice.startswith("Call 112 now")


def test_the_health_line_is_named_for_the_country() -> None:
    answers = {**SAFE, "leg_warm": True}
    assert "NHS 111" in assess(answers, services_for("GB")).headline
    elsewhere = assess(answers, services_for(None))
    assert "NHS 111" not in elsewhere.advice and "999" not in elsewhere.advice
    assert services_for(None).urgent_service in elsewhere.headline
    own = services_for("GB", "01234")
    assert "Call 01234 now if" in assess(answers, own).advice


@pytest.mark.parametrize(
    "answers",
    [
        {"tingling_around_lips": True},
        {
            "calf_tense_pain_out_of_proportion": True,
            "leg_injury_last_2_days": False,
            "hard_exercise_last_days": False,
            "medications": [],
        },
        {"pregnant": True, "pregnancy_weeks": 26, "severe_headache_or_vision_change": True},
        {"gave_birth_last_6_weeks": True, "one_leg_swollen": True},
        {"cramp_now_over_10_min_not_easing": True},
    ],
)
def test_urgent_means_now_for_calcium_tense_calf_pre_eclampsia_birth_and_a_cramp_now(
    answers: dict[str, object],
) -> None:
    result = assess({**SAFE, **answers})
    assert result.disposition is Disposition.URGENT
    assert NOW in result.advice
    assert "do not wait for the surgery to open" in result.advice


def test_an_ordinary_urgent_result_is_today_not_now() -> None:
    result = assess({**SAFE, "foot_sore_or_black_toe": True})
    assert result.headline.startswith("See a doctor today")
    assert NOW not in result.advice


@pytest.mark.parametrize(
    "answers",
    [
        {"pregnant": True, "pregnancy_weeks": 30, "one_leg_swollen": True},
        {
            "pregnant": False,
            "gave_birth_last_6_weeks": True,
            "calf_pain_or_tenderness_between_cramps": True,
        },
        {"pregnant": True, "pregnancy_weeks": 30, "severe_headache_or_vision_change": True},
        {"gave_birth_last_6_weeks": True, "severe_headache_or_vision_change": True},
        {
            "pregnant": True,
            "pregnancy_weeks": 38,
            "upper_belly_pain_or_vomiting_in_pregnancy": True,
        },
        {"pregnant": True, "leg_red": True, "fever": True},
    ],
)
def test_a_clot_or_pre_eclampsia_in_or_after_pregnancy_names_the_maternity_unit_first(
    answers: dict[str, object],
) -> None:
    result = assess({**SAFE, **answers})
    assert result.disposition is Disposition.URGENT
    assert MATERNITY in result.headline.lower()
    assert result.advice.startswith(result.headline)
    sentences = result.advice.split(". ")
    assert len(sentences) == len(set(sentences))  # said first, never said twice over


def test_a_severe_headache_without_pregnancy_gets_the_stroke_advice_whatever_the_sex() -> None:
    for sex in ("male", "female", "other"):
        answers = {**SAFE, "sex": sex, "age": 70, "severe_headache_or_vision_change": True}
        result = assess(answers, services_for("GB"))
        assert result.disposition is Disposition.URGENT
        assert "Call 999 now if it came on suddenly" in result.advice
        assert "pre_eclampsia" not in result.consider


def test_before_20_weeks_a_severe_headache_also_says_tell_your_gp_or_midwife_today() -> None:
    answers = {**SAFE, "pregnant": True, "pregnancy_weeks": 14}
    result = assess({**answers, "severe_headache_or_vision_change": True})
    assert "Tell your GP or midwife today." in result.advice
    assert "pre_eclampsia" not in result.consider
    later = assess({**answers, "pregnancy_weeks": 24, "severe_headache_or_vision_change": True})
    assert "pre_eclampsia" in later.consider


def test_pre_eclampsia_is_considered_only_when_pregnancy_could_apply() -> None:
    headache = {**SAFE, "severe_headache_or_vision_change": True}
    assert "pre_eclampsia" in assess({**headache, "sex": "female", "age": 30}).consider
    assert "pre_eclampsia" not in assess({**headache, "sex": "male", "age": 30}).consider
    assert "pre_eclampsia" not in assess({**headache, "sex": "female", "age": 60}).consider
    ruled_out = {"pregnant": False, "gave_birth_last_6_weeks": False}
    assert "pre_eclampsia" not in assess({**headache, "sex": "female", **ruled_out}).consider


def test_weeks_of_pregnancy_do_not_outweigh_an_answer_of_not_pregnant() -> None:
    # A weeks answer left over from an earlier pregnancy, or typed by mistake: "no" is the
    # answer to the question the weeks depend on.
    headache = {**SAFE, "sex": "female", "age": 30, "severe_headache_or_vision_change": True}
    not_pregnant = {"pregnant": False, "gave_birth_last_6_weeks": False, "pregnancy_weeks": 30}
    result = assess({**headache, **not_pregnant}, services_for("GB"))
    assert "pre_eclampsia" not in result.consider
    assert "Call 999 now if it came on suddenly" in result.advice
    assert MATERNITY not in result.advice.lower()
    leg = assess({**SAFE, **not_pregnant, "pregnancy_weeks": 12, "one_leg_swollen": True})
    assert MATERNITY not in leg.advice.lower()
    quiet = assess({**SAFE, "sex": "male", "age": 45, "pregnant": False, "pregnancy_weeks": 25})
    assert quiet.disposition is Disposition.SELF_CARE
    assert "pregnancy_related" not in quiet.consider
    # Weeks given and the pregnancy question unanswered: pregnant, as before.
    weeks_only = assess({**headache, "pregnancy_weeks": 30})
    assert "pre_eclampsia" in weeks_only.consider


def test_pre_eclampsia_from_a_headache_also_says_when_to_call_emergency_services() -> None:
    answers = {**SAFE, "pregnant": True, "pregnancy_weeks": 30}
    result = assess({**answers, "severe_headache_or_vision_change": True}, services_for("GB"))
    assert "pre_eclampsia" in result.consider
    assert "Call 999 now if the headache came on suddenly" in result.advice


def test_a_statin_with_dark_urine_or_weakness_and_fever_says_get_seen_never_keep_taking() -> None:
    for answers in (
        {"dark_urine_after_cramp": True, "medications": ["atorvastatin"]},
        {"muscle_weakness_after_cramp": True, "fever": True, "medications": ["simvastatin"]},
        {"muscle_weakness_after_cramp": True, "medications": ["simvastatin", "clarithromycin"]},
    ):
        advice = assess({**SAFE, **answers}).advice
        assert "get seen today and say which statin" in advice.lower()
        assert "the same goes for" not in advice.lower()
        assert "the doctor may ask you to pause it" in advice
        assert "keep taking" not in advice.lower()
        assert prescriber_sentence() not in advice


def test_fever_during_chemotherapy_names_the_chemotherapy_helpline() -> None:
    result = assess({**SAFE, "fever": True, "medications": ["carboplatin"]}, services_for("GB"))
    assert result.disposition is Disposition.EMERGENCY
    assert "24-hour chemotherapy helpline" in result.headline and "999" in result.headline


def test_the_sick_day_wording_replaces_the_two_week_wording() -> None:
    result = assess({**SAFE, "recent_vomiting_or_diarrhoea": True, "medications": ["furosemide"]})
    assert result.disposition is Disposition.SOON
    assert "pharmacist or doctor within 48 hours" in result.headline
    assert "two weeks" not in result.advice


def test_under_16_the_result_says_the_questionnaire_is_for_adults() -> None:
    result = assess({**SAFE, "age": 9})
    assert result.disposition is Disposition.SOON
    assert any("made for adults" in reason for reason in result.reasons)
    assert "limp" in " ".join(result.reasons) and "fever" in result.advice


def test_a_tense_calf_on_a_blood_thinner_says_why() -> None:
    answers = {
        **SAFE,
        "calf_tense_pain_out_of_proportion": True,
        "leg_injury_last_2_days": False,
        "hard_exercise_last_days": False,
        "medications": ["Eliquis"],
    }
    result = assess(answers)
    assert result.disposition is Disposition.EMERGENCY
    assert any("blood thinner" in reason for reason in result.reasons)


def test_clot_risk_factors_alone_do_not_raise_the_disposition() -> None:
    risks = {
        "recent_surgery_or_immobility": True,
        "long_travel_last_4_weeks": True,
        "previous_clot": True,
    }
    assert assess({**SAFE, **risks}).disposition is Disposition.SELF_CARE


def test_age_alone_never_raises_the_disposition_of_an_adult() -> None:
    assert assess({**SAFE, "age": 95}).disposition is Disposition.SELF_CARE


def test_medicine_advice_never_says_stop_taking() -> None:
    result = assess(
        {**SAFE, "medications": ["Symbicort", "furosemide"], "new_medication_last_weeks": True}
    )
    assert "stop taking" not in result.advice.lower()
    assert prescriber_sentence() in result.advice


def test_no_text_carries_a_hard_coded_number_or_an_editorial_note() -> None:
    book = load_rules()
    texts = [
        *book.headlines.values(),
        book.emergency_signs,
        book.now_headline,
        book.incomplete_headline,
        book.incomplete_advice,
        book.self_care_advice,
        book.self_care_reason,
        *(t for r in book.rules for t in (r.reason, r.advice, r.headline, r.rule_out)),
        *(q.question for q in load_vocabulary().questions.values()),
    ]
    for text in texts:
        lowered = text.lower()
        for marker in ("999", "911", "112", "nhs 111", "unverified", "check the current", "todo"):
            assert marker not in lowered, text


def test_no_rule_recommends_quinine() -> None:
    for rule in load_rules().rules:
        assert "take quinine" not in rule.advice.lower().replace("do not take quinine", "")


# ---------------------------------------------------------------- the JSON document
def test_json_has_the_contract_keys() -> None:
    document = assess({"chest_pain": True}).to_json()
    assert list(document)[:4] == ["disposition", "reasons", "consider", "advice"]
    assert "unanswered" not in document
    assert "unanswered" in assess({}).to_json()


def test_dispositions_are_ordered_by_urgency() -> None:
    order = [d.urgency for d in Disposition]
    assert order == sorted(order, reverse=True)
    assert Disposition.EMERGENCY > Disposition.URGENT > Disposition.SOON
    assert Disposition.ROUTINE > Disposition.SELF_CARE >= Disposition.SELF_CARE
    assert Disposition.SOON <= Disposition.URGENT and Disposition.URGENT < Disposition.EMERGENCY
    assert max(Disposition) is Disposition.EMERGENCY
    assert Disposition.URGENT.__lt__("urgent") is NotImplemented


def test_a_wrong_type_names_the_key() -> None:
    with pytest.raises(InputError) as error:
        validate_answers({"nights_sleep_disrupted_per_week": 9}, file="a.json")
    assert error.value.field == "nights_sleep_disrupted_per_week"
    assert "a.json" in str(error.value)
    with pytest.raises(InputError, match="one_leg_swollen"):
        validate_answers({"one_leg_swollen": "yes"})
    with pytest.raises(InputError, match="pregnancy_weeks"):
        validate_answers({"pregnancy_weeks": 46})
    with pytest.raises(InputError):
        validate_answers([1, 2])


def test_an_unknown_key_is_ignored_with_a_warning() -> None:
    clean, warnings = validate_answers({"favourite_colour": "blue", "age": 40.0})
    assert clean == {"age": 40}
    assert warnings and "favourite_colour" in warnings[0]


def test_an_example_file_wrapper_is_read_as_its_answers() -> None:
    clean, warnings = validate_answers({"title": "x", "answers": {"leg_red": True}})
    assert clean == {"leg_red": True}
    assert warnings == []
    mixed, _ = validate_answers({"answers": {"leg_red": True}, "leg_warm": False})
    assert mixed == {"leg_warm": False}


@pytest.mark.parametrize(
    "blood_thinner",
    [
        "phenprocoumon",
        "Marcumar",
        "fluindione",
        "warfarin",
        "Fraxiparine",
        "Arixtra",
        *sorted(load_dictionary().groups["anticoagulant"]),
    ],
)
def test_a_tense_calf_on_any_anticoagulant_is_an_emergency(blood_thinner: str) -> None:
    answers = {
        "calf_tense_pain_out_of_proportion": True,
        "leg_injury_last_2_days": False,
        "hard_exercise_last_days": False,
        "medications": [blood_thinner],
    }
    assert assess(answers).disposition is Disposition.EMERGENCY


@pytest.mark.parametrize(
    ("fever", "says"),
    [
        (True, "Book an appointment for today:"),
        (False, "otherwise within about two weeks"),
        (None, "for today with a fever"),
    ],
)
def test_a_child_is_told_how_soon_each_sign_needs_a_doctor(fever: bool | None, says: str) -> None:
    answers = {**SAFE, "age": 11} | ({} if fever is None else {"fever": fever})
    result = assess(answers)
    assert result.disposition is Disposition.SOON  # VOCABULARY: under 16 is `soon`
    assert says in result.headline
    assert result.headline.startswith(result.label)  # the label and the first line agree
    assert sum("made for adults" in reason for reason in result.reasons) == 1
    if fever:
        assert "two weeks" not in result.advice


def test_a_medicine_list_too_long_to_be_one_persons_is_refused_naming_the_key() -> None:
    from nightcramp.core.errors import InputError
    from nightcramp.core.meds import MAX_NAMES

    with pytest.raises(InputError) as raised:
        assess({"medications": [f"zz{i}" for i in range(MAX_NAMES + 1)]})
    assert raised.value.field == "medications"
    assess({"medications": [f"zz{i}" for i in range(MAX_NAMES)]})  # the most is still read


@pytest.mark.parametrize(
    "answers",
    [
        {"age": 70, "sex": "male"},
        {"age": 60, "sex": "female"},
        {"age": 29, "sex": "female", "pregnant": True, "pregnancy_weeks": 10},
    ],
)
def test_pain_below_the_ribs_outside_the_pre_eclampsia_window_is_urgent_without_it(
    answers: dict[str, object],
) -> None:
    result = assess({**answers, "upper_belly_pain_or_vomiting_in_pregnancy": True})
    assert result.disposition is Disposition.URGENT
    assert "pre_eclampsia" not in result.consider
    assert not result.headline.startswith("Contact your maternity unit")
    assert "can be pre-eclampsia" not in " ".join(result.reasons)


def test_a_routine_result_that_an_unanswered_fact_would_make_urgent_says_check_this_first() -> None:
    answers = {**SAFE, "medications": ["mood stabiliser"], "recent_vomiting_or_diarrhoea": True}
    result = assess(answers)
    assert result.disposition is Disposition.ROUTINE
    assert result.headline.startswith("Mention this at your next check-up. But check this first:")
    assert "If you take lithium" in result.headline
    assert result.advice.count("If you take lithium") == 1
    assert result.label == "Check one thing first"
    document = {k: v for k, v in result.to_json().items() if k != "label"}
    assert label_of(document) == "Check one thing first"  # read back from the words alone
    assert tone_of(result.disposition, result.label) is Disposition.SOON
    assert not checks_first(result.to_json())  # above self-care: shown as the result it is


@pytest.mark.parametrize("leg_sign", [None, "one_leg_swollen", "leg_red", "leg_warm"])
def test_after_a_birth_the_clot_warning_is_said_once(leg_sign: str | None) -> None:
    answers: dict[str, object] = {**SAFE, "gave_birth_last_6_weeks": True, "age": 30}
    if leg_sign:
        answers[leg_sign] = True
    result = assess(answers)
    clot_sentences = [r for r in result.reasons if "clot" in r and "leg that is swollen" in r]
    assert len(clot_sentences) == 1
    # "usually settle" reassures: never beside a result that cannot wait.
    assert any("settle after the birth" in r for r in result.reasons) is (leg_sign is None)
    assert result.disposition is (Disposition.URGENT if leg_sign else Disposition.ROUTINE)


@pytest.mark.parametrize(
    ("answers", "reassurance"),
    [
        ({"hard_exercise_last_days": True}, "usually harmless"),
        (
            {"pregnant": True, "pregnancy_weeks": 28, "sex": "female", "age": 30},
            "common in pregnancy",
        ),
    ],
)
def test_a_reason_that_reassures_is_given_only_with_a_result_that_can_wait(
    answers: dict[str, object], reassurance: str
) -> None:
    calm = assess({**SAFE, **answers})
    assert calm.disposition.urgency <= Disposition.SOON.urgency
    assert any(reassurance in r for r in calm.reasons)
    for sign in ("dark_urine_after_cramp", "short_of_breath"):
        result = assess({**SAFE, **answers, sign: True})
        assert result.disposition.urgency > Disposition.SOON.urgency, sign
        assert not any(reassurance in r for r in result.reasons), (sign, result.reasons)
        assert not any(reassurance in part for part in (result.advice, result.headline))


def test_back_pain_down_the_leg_alone_is_managed_at_home_with_when_to_see_a_doctor() -> None:
    # VOCABULARY: back pain with leg symptoms raises the result only with cancer, a fever or
    # bladder trouble; on its own "everything else" is self-care.
    answers = {**SAFE, "back_pain_with_leg_symptoms": True, "cancer_active": False, "fever": False}
    result = assess(answers)
    assert result.disposition is Disposition.SELF_CARE
    assert "lumbar_radiculopathy" in result.consider
    assert "has not improved after a few weeks" in result.advice
    assert assess({**answers, "fever": True}).disposition is Disposition.URGENT
    assert assess({**answers, "cancer_active": True}).disposition is Disposition.URGENT


def test_a_booked_result_with_safety_questions_skipped_leads_with_the_signs() -> None:
    # VOCABULARY rule 7: an incomplete screen is not reassurance, whatever the booking.
    result = assess({"age": 50, "nights_sleep_disrupted_per_week": 3})
    assert result.disposition is Disposition.SOON
    assert result.headline.startswith("Book an appointment")
    assert "Some safety questions were not answered" in result.headline
    assert result.advice.count("now if") == 1
    assert set(CORE) <= set(result.unanswered)


@pytest.mark.parametrize(
    ("extra", "disposition"),
    [
        ({}, Disposition.SELF_CARE),
        ({"fever": True}, Disposition.URGENT),
        ({"saddle_numbness": True}, Disposition.EMERGENCY),
    ],
)
def test_the_sciatica_home_advice_is_never_beside_a_result_that_cannot_wait(
    extra: dict[str, object], disposition: Disposition
) -> None:
    answers = {**SAFE, "back_pain_with_leg_symptoms": True, "cancer_active": False, "fever": False}
    result = assess({**answers, **extra})
    assert result.disposition is disposition
    home = "Sciatica usually eases" in result.advice
    assert home is (disposition is Disposition.SELF_CARE)


def test_swelling_of_the_lips_on_an_ace_inhibitor_never_says_keep_it_to_the_prescriber() -> None:
    # An emergency: "talk to your prescriber before changing anything" could mean the next dose.
    result = assess({**SAFE, "lips_tongue_or_throat_swelling": True, "medications": ["ramipril"]})
    assert result.disposition is Disposition.EMERGENCY
    assert prescriber_sentence() not in result.advice
    assert "Tell the ambulance team which medicines you take." in result.advice
    assert any("ACE inhibitors" in r for r in result.reasons)


def test_lithium_with_a_medicine_that_raises_its_level_says_what_to_watch_for() -> None:
    result = assess({**SAFE, "medications": ["lithium", "bendroflumethiazide"]})
    assert any("raise the level of lithium" in r for r in result.reasons)
    assert "lithium blood test" in result.advice and "the same day" in result.advice
    assert "confusion, severe drowsiness or a fit means calling 112 now" in result.advice
    alone = assess({**SAFE, "medications": ["lithium"]})
    assert not any("raise the level of lithium" in r for r in alone.reasons)


def test_quinine_is_a_medicine_to_review_not_one_that_adds_to_cramps() -> None:
    result = assess({**SAFE, "medications": ["quinine sulfate"]})
    assert result.disposition is Disposition.ROUTINE
    assert not any("can add to cramps" in r for r in result.reasons)
    assert any("regular review" in r for r in result.reasons)
    pregnant = assess(
        {**SAFE, "medications": ["quinine"], "pregnant": True, "pregnancy_weeks": 24, "age": 30}
    )
    assert pregnant.disposition is Disposition.SOON
    assert pregnant.advice.count("before changing anything") == 1


def test_the_maternity_line_for_unknown_pregnancy_answers_is_not_given_to_a_man() -> None:
    headache = {**SAFE, "age": 30, "severe_headache_or_vision_change": True}
    man = assess({**headache, "sex": "male"})
    woman = assess({**headache, "sex": "female"})
    assert man.disposition is woman.disposition is Disposition.URGENT
    assert "maternity" not in man.advice and not any("maternity" in r for r in man.reasons)
    assert "If you are pregnant or have had a baby" in woman.advice
    # An answer of pregnant counts, whatever the sex (rule 6: never sex alone).
    pregnant_man = assess({**headache, "sex": "male", "pregnant": True, "pregnancy_weeks": 30})
    assert "maternity unit" in pregnant_man.advice.lower()


def test_a_reason_said_more_urgently_by_another_rule_is_not_said_again() -> None:
    result = assess({**SAFE, "palpitations_or_faintness_new": True, "on_dialysis": True})
    assert result.disposition is Disposition.URGENT
    about = [r for r in result.reasons if r.startswith("New spells of a racing")]
    assert len(about) == 1 and "needed today" in about[0]
    alone = assess({**SAFE, "palpitations_or_faintness_new": True})
    assert any("worth a check of your heart rhythm" in r for r in alone.reasons)


@pytest.mark.parametrize("sex", ["female", "male", "other", None])
@pytest.mark.parametrize("age", [11, 12, 30, 55, 56, None])
def test_the_maternity_line_follows_whom_the_pregnancy_question_is_asked(
    sex: str | None, age: int | None
) -> None:
    # One rule (VOCABULARY rule 6) in two files: questions.yaml asks, rules.yaml advises.
    from nightcramp.core.triage.questionnaire import should_ask

    person = {k: v for k, v in {"sex": sex, "age": age}.items() if v is not None}
    result = assess({**SAFE, **person, "severe_headache_or_vision_change": True})
    assert ("If you are pregnant or have had a baby" in result.advice) is should_ask(
        "pregnant", person
    )


def test_in_pregnancy_the_call_now_line_speaks_of_breathlessness_beyond_the_usual() -> None:
    signs = "more short of breath than is usual for your pregnancy"
    pregnant = assess({**SAFE, "pregnant": True, "pregnancy_weeks": 30, "age": 30})
    assert signs in pregnant.advice
    assert "Call 112 now if you become short of breath" not in pregnant.advice
    other = assess({**SAFE, "age": 30})
    assert (
        "Call 112 now if you become short of breath" in other.advice and signs not in other.advice
    )


@pytest.mark.parametrize(
    "sign",
    [
        {"cramp_now_over_10_min_not_easing": True},
        {
            "calf_tense_pain_out_of_proportion": True,
            "leg_injury_last_2_days": False,
            "hard_exercise_last_days": False,
            "medications": [],
        },
    ],
)
@pytest.mark.parametrize(
    "maternity", [{"pregnant": True, "pregnancy_weeks": 30}, {"gave_birth_last_6_weeks": True}]
)
def test_a_calf_that_will_not_ease_in_or_after_pregnancy_calls_the_maternity_team(
    sign: dict[str, object], maternity: dict[str, object]
) -> None:
    result = assess({**sign, **maternity})
    assert result.disposition is Disposition.URGENT
    assert "contact your maternity unit or midwife now" in result.advice.lower()
    assert "if you are pregnant" not in result.advice.lower()  # known: said plainly
    assert "if you are pregnant" not in assess({**sign, "sex": "male"}).advice.lower()


@pytest.mark.parametrize("maternity", [{"pregnant": True}, {"gave_birth_last_6_weeks": True}])
def test_pregnancy_advice_never_says_to_stop_a_medicine_or_wait_for_a_check_up(
    maternity: dict[str, object],
) -> None:
    for screen in ({}, dict.fromkeys(load_vocabulary().core_safety_screen, False)):
        advice = assess({**maternity, **screen}).advice.lower()
        assert "do not take quinine" not in advice
        assert "next antenatal appointment" not in advice
        assert "postnatal check" not in advice


def test_a_calf_that_will_not_ease_asks_about_pregnancy_when_it_is_not_answered() -> None:
    sign = {"cramp_now_over_10_min_not_easing": True}
    woman = assess({**sign, "sex": "female", "age": 30}).advice
    assert "If you are pregnant or have had a baby in the last 6 weeks" in woman
    man = assess({**sign, "sex": "male", "age": 30}).advice
    assert "If you are pregnant" not in man
