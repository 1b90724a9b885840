"""The shipped knowledge covers every point of EVIDENCE.md §2 and §3, honestly and safely.

CHECKLIST has one item per row of §2.1-2.4, per point of §2.5 and per treatment of §3.
Each item maps to the entries that must cover it; those entries must declare the item in
`seed_points`, so the content says what it covers and this list says what it must.
"""

from __future__ import annotations

import re
import statistics

import pytest

from nightcramp.core.knowledge import Entry, Grade, Knowledge, load_knowledge
from nightcramp.core.triage import Disposition, assess
from nightcramp.core.triage.vocabulary import load_vocabulary

CHECKLIST: dict[str, tuple[str, ...]] = {
    # §2.1 Immediate relief during a cramp
    "relief_dorsiflexion_stretch": ("relief_stretch_calf",),
    "relief_lunge": ("relief_stand_and_lunge",),
    "relief_stand_on_toes": ("relief_stand_on_toes",),
    "relief_massage": ("relief_massage",),
    "relief_heat": ("relief_heat",),
    "relief_walk_it_out": ("relief_walk_it_out",),
    "relief_elevate": ("relief_elevate_swelling",),
    "relief_painkillers": ("relief_painkillers_after",),
    # §2.2 Causes and triggers
    "cause_electrolytes_most_common": ("cause_electrolytes",),
    "cause_magnesium_strongly_linked": ("cause_magnesium_link",),
    "cause_potassium_calcium_sodium": ("cause_electrolytes",),
    "cause_dehydration": ("cause_dehydration",),
    "cause_fatigue_overuse": ("cause_muscle_fatigue",),
    "cause_poor_circulation": ("cause_circulation",),
    "cause_feet_pointed": ("cause_feet_pointed",),
    "cause_medications": ("cause_medicines",),
    "cause_medical_conditions": ("cause_conditions",),
    "cause_pregnancy": ("cause_pregnancy",),
    "cause_age": ("cause_age",),
    "cause_alcohol": ("cause_alcohol",),
    "cause_prolonged_standing_sitting": ("cause_standing_sitting",),
    "cause_tight_sheets": ("cause_tight_sheets",),
    "cause_cold": ("cause_cold",),
    "cause_body_asking_minerals": ("cause_unknown_most_people",),
    # §2.3 "See a doctor" list, including the flags both articles miss
    "doctor_severe_frequent": ("flag_frequent_cramps",),
    "doctor_swelling_redness": ("flag_swollen_red_calf", "flag_breathless_chest_pain"),
    "doctor_weakness": ("flag_weakness_wasting",),
    "doctor_numbness": ("flag_numbness_tingling", "flag_saddle_numbness"),
    "doctor_new_medication": ("flag_new_medicine",),
    "doctor_vascular_risk": ("flag_pain_on_walking",),
    "doctor_missing_long_cramp": ("flag_long_cramp",),
    "doctor_missing_dark_urine": ("flag_dark_urine",),
    "doctor_missing_pregnancy_swelling": ("flag_swollen_red_calf",),
    "doctor_missing_cold_pale_leg": ("flag_cold_pale_leg",),
    "doctor_missing_back_bladder": ("flag_saddle_numbness",),
    "doctor_missing_tetanus": ("flag_wound_stiffness",),
    # §2.4 Prevention advice
    "prevent_calf_stretch": ("prevent_bedtime_stretch",),
    "prevent_ankle_circles": ("prevent_ankle_flex",),
    "prevent_hydrate": (
        "prevent_drink_water",
        "prevent_electrolyte_drinks",
        "prevent_limit_alcohol",
        "prevent_limit_caffeine",
    ),
    "prevent_magnesium_supplement": ("remedy_magnesium_supplement",),
    "prevent_magnesium_foods": ("food_magnesium_sources",),
    "prevent_potassium_foods": ("food_potassium_sources",),
    "prevent_loose_bedding": ("sleep_loose_bedding",),
    "prevent_sleep_position": ("sleep_position",),
    "prevent_move_hourly": ("prevent_move_hourly",),
    "prevent_supportive_shoes": ("prevent_supportive_shoes",),
    "prevent_epsom_salt": ("remedy_epsom_salt_bath",),
    "prevent_warm_compress": ("prevent_warm_bath",),
    "prevent_magnesium_oil": ("remedy_magnesium_oil",),
    "prevent_stay_warm": ("prevent_stay_warm",),
    # §2.5 Where the articles are wrong or overstated (entries must carry a verdict)
    "myth_1_magnesium": ("myth_magnesium_number_one",),
    "myth_2_electrolytes": ("myth_electrolytes_main_cause",),
    "myth_3_transdermal": ("myth_magnesium_through_skin",),
    "myth_4_elevate": ("myth_elevate_swelling",),
    "myth_5_toes": ("myth_stand_on_toes",),
    "myth_6_arteries": ("myth_walking_widens_arteries",),
    "myth_7_mechanisms": ("myth_made_up_mechanisms",),
    "myth_8_easily_fixed": ("myth_easily_fixed",),
    "myth_9_omissions": ("myth_what_articles_leave_out",),
    # §3 Treatments the articles do not mention
    "treat_quinine": ("remedy_quinine",),
    "treat_vitamin_b": ("remedy_vitamin_b",),
    "treat_calcium_channel_blockers": ("option_calcium_channel_blockers",),
    "treat_naftidrofuryl": ("option_naftidrofuryl",),
    "treat_vitamin_e": ("remedy_vitamin_e",),
    "treat_gabapentin": ("option_gabapentin",),
    "treat_mexiletine": ("option_mexiletine",),
    "treat_vitamin_k2": ("remedy_vitamin_k2",),
    "treat_pickle_juice": ("remedy_pickle_juice",),
    "treat_muscle_relaxants": ("option_muscle_relaxants",),
    "treat_baclofen": ("option_baclofen",),
    "treat_vitamin_d": ("remedy_vitamin_d",),
    "treat_calcium": ("remedy_calcium",),
    "treat_sodium": ("remedy_salt",),
    "treat_compression_soap_tonic": ("remedy_other_untested", "remedy_tonic_water"),
}

SECTION_2_5 = [item for item in CHECKLIST if item.startswith("myth_")]

# §2.1-2.4 rows the evidence brief marks as contradicting the articles: these entries, too,
# must say how the article's claim differs from the evidence.
CONTRADICTED = (
    "relief_stand_on_toes",
    "relief_walk_it_out",
    "relief_elevate_swelling",
    "cause_electrolytes",
    "cause_magnesium_link",
    "cause_dehydration",
    "cause_alcohol",
    "cause_tight_sheets",
    "cause_cold",
    "cause_unknown_most_people",
    "flag_swollen_red_calf",
    "flag_new_medicine",
    "remedy_magnesium_supplement",
    "remedy_epsom_salt_bath",
    "remedy_magnesium_oil",
    "food_magnesium_sources",
)

# Words a verdict uses to say the article is wrong, overstated or incomplete.
DISAGREES = re.compile(
    r"\b(wrong|overstated|not supported|unsupported|unsafe|contradicted|unrealistic|confuses|"
    r"incomplete|not shown|out of date|not urgent enough|never to stop|no evidence|modest)\b",
    re.IGNORECASE,
)

# Telling someone to stop, cut, skip or swap a medicine (rule R-03).
STOP_MEDICINE = re.compile(
    r"\b(stop|stopping|quit|reduce|cut down|skip|swap|switch|come off|halve)\b[^.]{0,40}"
    r"\b(medicine|medication|tablet|pill|dose|statin|diuretic|inhaler|prescription)s?\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def _all_text(entry: Entry) -> str:
    return " ".join((entry.title, entry.text, *entry.cautions, entry.grade_note or ""))


@pytest.mark.parametrize("item", sorted(CHECKLIST))
def test_checklist_item_is_covered_by_entries_that_say_so(knowledge: Knowledge, item: str) -> None:
    for entry_id in CHECKLIST[item]:
        entry = knowledge.entry(entry_id)
        assert item in entry.seed_points, f"{entry_id} should list {item} in seed_points"


def test_every_seed_point_in_the_content_is_a_checklist_item(knowledge: Knowledge) -> None:
    unknown = {p for e in knowledge.entries() for p in e.seed_points} - set(CHECKLIST)
    assert not unknown


@pytest.mark.parametrize("item", SECTION_2_5)
def test_section_2_5_entries_say_where_the_article_is_wrong(
    knowledge: Knowledge, item: str
) -> None:
    for entry_id in CHECKLIST[item]:
        entry = knowledge.entry(entry_id)
        assert entry.article_claim, f"{entry_id} should quote the article's claim"
        assert entry.verdict and DISAGREES.search(entry.verdict), entry.verdict


@pytest.mark.parametrize("entry_id", CONTRADICTED)
def test_contradicted_article_claims_carry_a_verdict(knowledge: Knowledge, entry_id: str) -> None:
    entry = knowledge.entry(entry_id)
    assert entry.article_claim
    assert entry.verdict and DISAGREES.search(entry.verdict), entry.verdict


def test_every_entry_has_a_grade_sources_audience_and_review_date(knowledge: Knowledge) -> None:
    for entry in knowledge.entries():
        assert entry.is_safety or isinstance(entry.grade, Grade), entry.id
        assert entry.sources, entry.id
        assert entry.applies_to, entry.id
        assert entry.reviewed.year >= 2026, entry.id


def test_no_entry_tells_anyone_to_stop_or_change_a_medicine(knowledge: Knowledge) -> None:
    for entry in knowledge.entries():
        text = " ".join((_all_text(entry), entry.verdict or ""))
        assert not STOP_MEDICINE.search(text), f"{entry.id}: {STOP_MEDICINE.search(text)}"


def test_the_stop_medicine_check_catches_a_bad_sentence() -> None:
    assert STOP_MEDICINE.search("If cramps are bad, stop taking your water tablets.")
    assert STOP_MEDICINE.search("You could reduce the dose of your statin.")
    assert not STOP_MEDICINE.search("Stop if you feel a cramp starting.")


def test_entries_about_medicines_send_people_to_their_prescriber(knowledge: Knowledge) -> None:
    for entry_id in ("cause_medicines", "flag_new_medicine", "remedy_quinine"):
        text = _all_text(knowledge.entry(entry_id)).lower()
        assert "prescriber" in text, entry_id


def test_quinine_is_never_graded_as_recommended(knowledge: Knowledge) -> None:
    quinine = [e for e in knowledge.entries() if "quinine" in f"{e.id} {e.title}".lower()]
    assert quinine
    for entry in quinine:
        assert entry.grade is Grade.X, entry.id
    assert "pregnancy" in _all_text(knowledge.entry("remedy_quinine")).lower()


def test_tonic_water_is_not_recommended(knowledge: Knowledge) -> None:
    assert knowledge.entry("remedy_tonic_water").grade is Grade.X


def test_magnesium_is_never_presented_as_proven_or_above_the_upper_limit(
    knowledge: Knowledge,
) -> None:
    supplement = knowledge.entry("remedy_magnesium_supplement")
    assert supplement.grade is Grade.X
    assert "350 mg" in supplement.text
    assert any("kidney" in c.lower() for c in supplement.cautions)
    assert knowledge.entry("myth_magnesium_number_one").grade is Grade.X


def test_skin_absorption_of_magnesium_is_never_endorsed(knowledge: Knowledge) -> None:
    for entry_id in (
        "remedy_epsom_salt_bath",
        "remedy_magnesium_oil",
        "myth_magnesium_through_skin",
    ):
        assert knowledge.entry(entry_id).grade is Grade.X


def test_potassium_and_magnesium_foods_show_the_kidney_caution(knowledge: Knowledge) -> None:
    potassium = knowledge.entry("food_potassium_sources")
    assert any("kidney" in c.lower() for c in potassium.cautions)
    assert knowledge.entry("food_kidney_caution").red_flag


def test_vitamin_k2_warns_warfarin_users(knowledge: Knowledge) -> None:
    k2 = knowledge.entry("remedy_vitamin_k2")
    assert any("warfarin" in c.lower() for c in k2.cautions)


def test_salty_remedies_warn_people_with_blood_pressure_heart_or_kidney_problems(
    knowledge: Knowledge,
) -> None:
    for entry_id in ("remedy_pickle_juice", "remedy_salt", "prevent_electrolyte_drinks"):
        cautions = " ".join(knowledge.entry(entry_id).cautions).lower()
        assert "blood pressure" in cautions, entry_id
        assert "kidney" in cautions, entry_id


def test_water_advice_respects_fluid_limits(knowledge: Knowledge) -> None:
    for entry_id in ("prevent_drink_water", "cause_dehydration"):
        cautions = " ".join(knowledge.entry(entry_id).cautions).lower()
        assert "limit fluids" in cautions, entry_id
        assert "heart failure" in cautions, entry_id


def test_emergency_signs_say_call_emergency_services(knowledge: Knowledge) -> None:
    for entry_id in ("flag_breathless_chest_pain", "flag_cold_pale_leg"):
        entry = knowledge.entry(entry_id)
        assert entry.red_flag
        assert "call emergency services" in entry.text.lower()


def test_red_flags_topic_lists_emergencies_first(knowledge: Knowledge) -> None:
    red_flags = knowledge.topic("red_flags")
    assert knowledge.topic_ids[0] == "red_flags"
    shown = red_flags.ordered
    first_routine = next(i for i, e in enumerate(shown) if not e.red_flag)
    assert all(not e.red_flag for e in shown[first_routine:])


def test_no_text_shouts(knowledge: Knowledge) -> None:
    for entry in knowledge.entries():
        assert "!" not in _all_text(entry), entry.id


def _syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups)
    if word.lower().endswith("e") and not word.lower().endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def _grade_level(text: str) -> float:
    """Flesch-Kincaid grade with a vowel-group syllable count (close enough to compare)."""
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def test_text_is_written_for_a_reading_age_of_about_twelve(knowledge: Knowledge) -> None:
    levels = {e.id: _grade_level(e.text) for e in knowledge.entries()}
    assert statistics.mean(levels.values()) <= 8
    hard = {k: round(v, 1) for k, v in levels.items() if v > 10.5}
    assert not hard


# Each warning sign of the help page, the answers that say it in the symptom check, and the
# urgency its title must give: the page never says "same day" where the check says "now".
_SAFE = dict.fromkeys(load_vocabulary().core_safety_screen, False)
RED_FLAG_ANSWERS: dict[str, dict[str, object]] = {
    "flag_breathless_chest_pain": {"short_of_breath": True},
    "flag_cold_pale_leg": {"leg_cold_or_pale": True},
    "flag_saddle_numbness": {"saddle_numbness": True},
    "flag_wound_stiffness": {"wound_then_jaw_stiffness_or_spasms": True},
    "flag_long_cramp": {"cramp_now_over_10_min_not_easing": True},
    "flag_swollen_red_calf": {"one_leg_swollen": True},
    "flag_dark_urine": {"dark_urine_after_cramp": True},
    "flag_weakness_wasting": {"muscle_wasting": True},
    "flag_numbness_tingling": {"numbness_or_tingling": True},
    "flag_pain_on_walking": {"pain_walking_relieved_by_rest": True},
    "flag_frequent_cramps": {"nights_sleep_disrupted_per_week": 3},
    "flag_new_medicine": {"new_medication_last_weeks": True},
}


@pytest.mark.parametrize(("entry_id", "answers"), sorted(RED_FLAG_ANSWERS.items()))
def test_each_warning_sign_on_the_help_page_is_as_urgent_as_the_symptom_check(
    knowledge: Knowledge, entry_id: str, answers: dict[str, object]
) -> None:
    result = assess({**_SAFE, "age": 50, **answers})
    title = knowledge.entry(entry_id).title
    if result.disposition is Disposition.EMERGENCY:
        assert title.startswith(("Call emergency services", "Go to hospital now")), title
    elif result.disposition is Disposition.URGENT and "do not wait" in result.advice.lower():
        assert title.startswith("Now, at any hour"), title
    elif result.disposition is Disposition.URGENT:
        assert title.startswith("Same day"), title
    else:
        assert result.disposition is Disposition.SOON
        assert title.startswith("Book an appointment"), title
