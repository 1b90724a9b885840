"""Triage content is checked on load; the questionnaire branches on earlier answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.triage import load_rules, load_vocabulary
from nightcramp.core.triage.questionnaire import questions_to_ask, screens, should_ask
from nightcramp.core.triage.rules import Condition

CONTENT = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "content"
VOCABULARY_KEYS = 55


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("triage", "sources"):
        shutil.copytree(CONTENT / folder, tmp_path / folder)
    return tmp_path


def test_the_vocabulary_has_every_key_on_one_screen() -> None:
    vocabulary = load_vocabulary()
    assert len(vocabulary.questions) == VOCABULARY_KEYS
    assert len(vocabulary.core_safety_screen) == 11
    placed = [k for s in vocabulary.screens for k in s.keys]
    assert sorted(placed) == sorted(vocabulary.questions)


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


def test_pregnancy_questions_are_asked_unless_male() -> None:
    assert should_ask("pregnant", {})
    assert should_ask("pregnant", {"sex": "female"})
    assert not should_ask("pregnant", {"sex": "male"})
    assert not should_ask("pregnancy_weeks", {})
    assert should_ask("pregnancy_weeks", {"pregnant": True})


def test_clot_risk_questions_follow_a_leg_sign_that_is_yes_or_not_sure() -> None:
    all_no = dict.fromkeys(
        ["one_leg_swollen", "leg_red", "leg_warm", "calf_pain_or_tenderness_between_cramps"], False
    )
    assert not should_ask("long_travel_last_4_weeks", all_no)
    assert should_ask("long_travel_last_4_weeks", {**all_no, "leg_red": True})
    assert should_ask(
        "long_travel_last_4_weeks", {k: v for k, v in all_no.items() if k != "leg_red"}
    )


def test_a_screen_lists_only_the_questions_that_apply() -> None:
    about = next(s for s in screens() if s.id == "about")
    keys = [q.key for q in questions_to_ask(about, {"sex": "male"})]
    assert keys == ["age", "sex", "severe_headache_or_vision_change"]
