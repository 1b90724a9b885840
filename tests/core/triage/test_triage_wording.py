"""Triage wording comes from content: each sentence is written once."""

from __future__ import annotations

from pathlib import Path

from nightcramp.core.meds import prescriber_sentence
from nightcramp.core.triage import assess, load_rules

CORE = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "core"


def test_an_unanswered_red_flag_is_worded_from_the_content_template() -> None:
    template = load_rules().could_not_rule_out
    start = template.split("{rule_out}")[0]
    reasons = [r for r in assess({}).reasons if r.startswith(start)]
    assert reasons
    assert all("Please answer: “" in r and r.endswith("”") for r in reasons)


def test_medicine_advice_says_the_prescriber_sentence_once() -> None:
    result = assess({"medications": ["Symbicort", "furosemide"], "chest_pain": False})
    assert result.advice.count(prescriber_sentence()) == 1


def test_the_prescriber_sentence_is_not_spelled_out_in_core_code() -> None:
    spelled = [
        str(path.relative_to(CORE))
        for path in CORE.rglob("*.py")
        if "before changing anything" in path.read_text(encoding="utf-8")
    ]
    assert spelled == []
