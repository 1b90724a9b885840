"""Triage content is checked on load; the questionnaire branches on earlier answers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.triage import load_rules, load_vocabulary
from nightcramp.core.triage.conditions import ConditionPlace, parse_condition
from nightcramp.core.triage.phrasing import question_text
from nightcramp.core.triage.questionnaire import should_ask
from nightcramp.core.triage.rules import Condition

CONTENT = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "content"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "triage" / "VOCABULARY.md"
LEG_SIGNS = ["one_leg_swollen", "leg_red", "leg_warm", "calf_pain_or_tenderness_between_cramps"]


def _shared_keys() -> set[str]:
    """The keys of the shared VOCABULARY.md tables (empty where it is not checked out)."""
    if not SHARED.is_file():
        return set()
    row = re.compile(r"^\| `([a-z0-9_]+)` \| (bool|int|number|enum|list)")
    return {m.group(1) for line in SHARED.read_text("utf-8").splitlines() if (m := row.match(line))}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("triage", "sources"):
        shutil.copytree(CONTENT / folder, tmp_path / folder)
    return tmp_path


def test_the_vocabulary_has_every_shared_key_on_one_screen() -> None:
    vocabulary = load_vocabulary()
    shared = _shared_keys()
    if shared:
        assert set(vocabulary.questions) == shared
    assert len(vocabulary.questions) >= 69
    assert len(vocabulary.core_safety_screen) == 12
    placed = [k for s in vocabulary.screens for k in s.keys]
    assert sorted(placed) == sorted(vocabulary.questions)


def test_every_follow_up_comes_after_the_answers_it_depends_on() -> None:
    vocabulary = load_vocabulary()
    order = {k: i for i, k in enumerate(k for s in vocabulary.screens for k in s.keys)}
    for key, question in vocabulary.questions.items():
        if question.ask_if is None:
            continue
        read: set[str] = set()
        parse_condition(question.ask_if, ConditionPlace("q", key, "ask_if"), read)
        assert all(order[r] < order[key] for r in read - {"medications"}), key
        if "medications" in read:
            assert order["medications"] < order[key]


def test_every_rule_cites_a_source_and_names_vocabulary_conditions() -> None:
    ids = {c.value for c in Condition}
    for rule in load_rules().rules:
        assert rule.sources
        assert {c.value for c in rule.consider} <= ids


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("sources: [nhs_dvt, nice_ng158]", "sources: [made_up_2030]", "made_up_2030"),
        ("{yes_to: leg_cold_or_pale}", "{yes_to: leg_purple}", "leg_purple"),
        ("{yes_to: leg_cold_or_pale}", "{maybe: leg_cold_or_pale}", "maybe"),
        ("consider: [acute_limb_ischaemia]", "consider: [gout]", "acute_limb_ischaemia"),
        ("disposition: emergency", "disposition: whenever", "pulmonary_embolism_signs"),
        ("{medicine: [lithium]}", "{medicine: [lithum]}", "medicine"),
    ],
)
def test_invalid_rules_name_the_rule(content: Path, old: str, new: str, message: str) -> None:
    path = content / "triage" / "rules.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ContentError) as error:
        load_rules(content)
    assert "rules.yaml" in str(error.value)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  age: {type: int,", "  age: {type: integer,", "age"),
        ("  age: {type: int,", "  age: {kind: int, type: int,", "kind"),
        ("keys: [dark_urine_after_cramp, fever]", "keys: [dark_urine_after_cramp]", "screens"),
    ],
)
def test_invalid_questions_are_refused(content: Path, old: str, new: str, message: str) -> None:
    path = content / "triage" / "questions.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ContentError, match=message):
        load_vocabulary(content)


def test_pregnancy_questions_are_asked_of_anyone_not_male_aged_12_to_55_or_unknown() -> None:
    assert should_ask("pregnant", {})
    assert should_ask("pregnant", {"sex": "female"})
    assert should_ask("pregnant", {"sex": "other", "age": 55})
    assert should_ask("gave_birth_last_6_weeks", {"age": 12})
    assert not should_ask("pregnant", {"sex": "male"})
    assert not should_ask("pregnant", {"sex": "female", "age": 11})
    assert not should_ask("gave_birth_last_6_weeks", {"sex": "female", "age": 56})
    assert not should_ask("gave_birth_last_6_weeks", {"pregnant": True})


def test_weeks_and_the_pregnancy_warning_signs_follow_their_answers() -> None:
    assert not should_ask("pregnancy_weeks", {})
    assert not should_ask("pregnancy_weeks", {"pregnant": False})
    assert should_ask("pregnancy_weeks", {"pregnant": True})
    belly = "upper_belly_pain_or_vomiting_in_pregnancy"
    assert not should_ask(belly, {})
    assert not should_ask(belly, {"pregnant": True, "pregnancy_weeks": 19})
    assert should_ask(belly, {"pregnant": True, "pregnancy_weeks": 20})
    assert should_ask(belly, {"pregnant": True})
    assert should_ask(belly, {"pregnant": False, "gave_birth_last_6_weeks": True})


@pytest.mark.parametrize(
    ("key", "after"),
    [
        ("headache_sudden_or_stroke_signs", {"severe_headache_or_vision_change": True}),
        ("on_dialysis", {"kidney_disease": True}),
        ("recent_neck_surgery", {"tingling_around_lips": True}),
        ("leg_injury_last_2_days", {"calf_tense_pain_out_of_proportion": True}),
        ("symptoms_worse_evening_at_rest", {"urge_to_move_legs_relieved_by_moving": True}),
        ("quinine_side_effects", {"medications": ("quinine sulfate",)}),
        ("previous_clot", {"leg_red": True}),
        ("cancer_active", {"fever": True}),
        ("cancer_active", {"back_pain_with_leg_symptoms": True}),
    ],
)
def test_a_follow_up_is_asked_only_after_the_answer_that_makes_it_relevant(
    key: str, after: dict[str, object]
) -> None:
    assert not should_ask(key, {})
    assert not should_ask(key, dict.fromkeys(after, False))
    assert should_ask(key, after)  # type: ignore[arg-type]


def test_clot_risk_questions_follow_only_a_leg_sign_answered_yes() -> None:
    all_no = dict.fromkeys(LEG_SIGNS, False)
    assert not should_ask("long_travel_last_4_weeks", all_no)
    assert should_ask("long_travel_last_4_weeks", {**all_no, "leg_red": True})
    assert not should_ask("long_travel_last_4_weeks", {})


def test_quinine_side_effects_are_not_asked_of_someone_on_other_medicines() -> None:
    assert not should_ask("quinine_side_effects", {"medications": ("metformin",)})
    assert should_ask("quinine_side_effects", {"medications": ("Qualaquin",)})


def test_breathlessness_is_asked_against_the_usual_breathlessness_of_pregnancy() -> None:
    plain = question_text("short_of_breath", {})
    pregnant = question_text("short_of_breath", {"pregnant": True})
    assert plain == load_vocabulary().questions["short_of_breath"].question
    assert "usual pregnancy breathlessness" in pregnant
    assert question_text("short_of_breath", {"pregnant": False}) == plain
    assert question_text("chest_pain", {"pregnant": True}).startswith("Do you have new chest pain")


def test_the_core_safety_screen_comes_first() -> None:
    vocabulary = load_vocabulary()
    first = [k for s in vocabulary.screens[:6] for k in s.keys]
    assert set(vocabulary.core_safety_screen) <= set(first)


def test_a_rule_is_hands_off_the_leg_exactly_when_its_advice_says_so() -> None:
    # Cramp now turns its steps (stretch, rub, warmth) away from the leg of such a result.
    import re

    from nightcramp.core.triage import load_rules

    says = re.compile(r"do not (massage|rub)|not (massage|rub|heat)\b", re.IGNORECASE)
    for rule in load_rules().rules:
        assert rule.hands_off_leg is bool(says.search(rule.advice)), rule.id
