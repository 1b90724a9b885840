"""Every check on the triage content names the file, the rule or key, and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.knowledge.sources import CONTENT_DIR
from nightcramp.core.triage import load_rules, load_vocabulary

RULES = "content/triage/rules.yaml"
QUESTIONS = "content/triage/questions.yaml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("triage", "sources"):
        shutil.copytree(CONTENT_DIR / folder, tmp_path / folder)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    rule_out: a blood clot in the lungs\n",
            "",
            f'{RULES}: entry "pulmonary_embolism_signs", field "rule_out": '
            "required for a rule with a disposition",
        ),
        (
            "  - id: acute_limb_ischaemia\n",
            "  - id: pulmonary_embolism_signs\n",
            f'{RULES}: entry "pulmonary_embolism_signs", field "id": duplicate rule id',
        ),
        (
            "    said_by: [faint_spells_with_salt_risk]\n",
            "    said_by: [pregnancy]\n",
            f'{RULES}: entry "faint_spells_new", field "said_by": '
            '"pregnancy" is less urgent: it cannot say more',
        ),
        (
            "    said_by: [faint_spells_with_salt_risk]\n",
            "    said_by: [faint_spells]\n",
            f'{RULES}: entry "faint_spells_new", field "said_by": '
            'no rule with the id "faint_spells"',
        ),
        (
            "  sources: [nice_cks_leg_cramps, hallegraeff_stretching_2012]",
            "  sources: [nobody_2099]",
            f'{RULES}: entry "self_care", field "sources": unknown source id "nobody_2099"',
        ),
        (
            "  self_care:\n    label: Manage at home",
            "  selfcare:\n    label: Manage at home",
            f'{RULES}: entry "selfcare", field "dispositions": Input should be',
        ),
        (
            "Please answer: {questions}",
            "Please answer the questions.",
            f'{RULES}: field "could_not_rule_out": missing placeholder "{{questions}}"',
        ),
        (
            "{at_least: {nights_sleep_disrupted_per_week: 3}}]}\n",
            "{at_least: {nights_sleep_disrupted_per_week: many}}]}\n",
            f'{RULES}: entry "restless_legs_frequent", field "when": '
            'at_least: expected a number, not "many"',
        ),
        (
            "    when: {at_least: {nights_sleep_disrupted_per_week: 3}}",
            "    when: {at_least: [nights_sleep_disrupted_per_week]}",
            f'{RULES}: entry "sleep_disrupted_often", field "when": '
            "at_least: expected {key: value}",
        ),
        (
            "    when: {at_least: {nights_sleep_disrupted_per_week: 3}}",
            "    when: {any: []}",
            f'{RULES}: entry "sleep_disrupted_often", field "when": '
            "any: expected a list of conditions",
        ),
        (
            "    when: {at_least: {nights_sleep_disrupted_per_week: 3}}",
            "    when: [yes_to, fever]",
            f'{RULES}: entry "sleep_disrupted_often", field "when": '
            "a condition is a mapping with one operator",
        ),
        (
            '      recent_neck_surgery: "If you have had',
            '      fever: "If you have had',
            f'{RULES}: entry "low_calcium_after_neck_surgery", field "if_unknown": '
            '"fever" is not a key this rule reads',
        ),
        (
            '      recent_neck_surgery: "If you have had an operation on your neck (thyroid or'
            ' parathyroid) in the last 4 weeks, call {emergency_number} now."',
            '      recent_neck_surgery: "Call {ambulance} now."',
            f'{RULES}: entry "low_calcium_after_neck_surgery", field '
            '"if_unknown.recent_neck_surgery": unknown placeholder "{ambulance}"',
        ),
    ],
)
def test_a_bad_rule_is_named(content: Path, old: str, new: str, message: str) -> None:
    _edit(content / "triage" / "rules.yaml", old, new)
    with pytest.raises(ContentFileError) as caught:
        load_rules(content)
    assert str(caught.value).startswith(message), str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    choices: [female, male, other]\n",
            "",
            f'{QUESTIONS}: entry "sex", field "choices": an enum needs choices',
        ),
        (
            "keys: [dark_urine_after_cramp, fever]",
            "keys: [dark_urine_after_cramp, fever, age]",
            f'{QUESTIONS}: entry "about", field "keys": "age" is also on screen "urine"',
        ),
        (
            "keys: [dark_urine_after_cramp, fever]",
            "keys: [dark_urine_after_cramp, fever, dizzy]",
            f'{QUESTIONS}: entry "urine", field "keys": "dizzy" is not a vocabulary key',
        ),
        (
            "bladder_or_bowel_change, dark_urine_after_cramp, very_unwell]",
            "bladder_or_bowel_change, dark_urine, very_unwell]",
            f'{QUESTIONS}: field "core_safety_screen": "dark_urine" is not a vocabulary key',
        ),
        (
            "keys: [dark_urine_after_cramp, fever]",
            "keys: [dark_urine_after_cramp]",
            f'{QUESTIONS}: entry "fever", field "screens": every key must be on exactly one screen',
        ),
    ],
)
def test_a_bad_question_or_screen_is_named(content: Path, old: str, new: str, message: str) -> None:
    _edit(content / "triage" / "questions.yaml", old, new)
    with pytest.raises(ContentFileError) as caught:
        load_vocabulary(content)
    assert str(caught.value) == message or str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    advice: Do not wait to see if it passes.",
            "    advice: Call {ambulance_number}. Do not wait to see if it passes.",
            f'{RULES}: entry "pulmonary_embolism_signs", field "advice": '
            'unknown placeholder "{ambulance_number}"',
        ),
        (
            "    advice: Do not wait to see if it passes.",
            "    advice: Do not wait {",
            f'{RULES}: entry "pulmonary_embolism_signs", field "advice": bad placeholder',
        ),
        (
            "    headline: Call {emergency_number} now to reach emergency services.",
            "    headline: Call {number} now to reach emergency services.",
            f'{RULES}: entry "emergency", field "headline": unknown placeholder "{{number}}"',
        ),
        (
            "    rule_out: a nerve or muscle condition\n    reason: Weakness",
            "    now: true\n    rule_out: a nerve or muscle condition\n    reason: Weakness",
            f'{RULES}: entry "progressive_weakness", field "now": '
            "only an urgent rule can be marked now",
        ),
        (
            'emergency_signs: "Call {emergency_number} now if {danger_signs}."',
            'emergency_signs: "Call {emergency_number} now if {signs}."',
            f'{RULES}: field "emergency_signs": unknown placeholder "{{signs}}"',
        ),
    ],
)
def test_a_bad_text_is_named(content: Path, old: str, new: str, message: str) -> None:
    _edit(content / "triage" / "rules.yaml", old, new)
    with pytest.raises(ContentFileError) as caught:
        load_rules(content)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_bad_question_variant_is_named(content: Path) -> None:
    _edit(
        content / "triage" / "questions.yaml",
        "- when: {yes_to: pregnant}",
        "- when: {yes_to: expecting}",
    )
    with pytest.raises(ContentFileError) as caught:
        load_rules(content)
    assert str(caught.value).startswith(
        f'{QUESTIONS}: entry "short_of_breath", field "variants": yes_to: "expecting"'
    )
