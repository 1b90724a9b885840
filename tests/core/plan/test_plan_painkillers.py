"""Painkillers after a cramp: paracetamol first, and no anti-inflammatory where it can harm."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.core.plan.conftest import PlanFor

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.sources import CONTENT_DIR
from nightcramp.core.plan import load_plan_content

NSAID = re.compile(r"\b(ibuprofen|naproxen|anti-inflammatory|nsaids?)\b", re.IGNORECASE)
WARNING = re.compile(r"\b(do not|not safe|can harm|ask a pharmacist before)\b", re.IGNORECASE)

AT_RISK: list[dict[str, object]] = [
    {"sex": "female", "pregnant": True, "pregnancy_weeks": 24},
    {"sex": "female", "pregnant": True},
    {"conditions": ["heart_failure"]},
    {"conditions": ["kidney_disease"]},
    {"conditions": ["on_dialysis"]},
    {"medications": ["ramipril", "furosemide"]},
    {"medications": ["losartan", "indapamide"]},
    {"medications": ["Zestril", "Lasix"]},
]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _advises_an_nsaid(text: str) -> bool:
    """A sentence that names an anti-inflammatory without warning against it."""
    return any(NSAID.search(s) and not WARNING.search(s) for s in _sentences(text))


@pytest.mark.parametrize("profile", AT_RISK)
def test_no_anti_inflammatory_is_advised_when_it_can_harm(
    plan_for: PlanFor, profile: dict[str, object]
) -> None:
    item = plan_for(profile).item("painkillers_after")
    assert "paracetamol" in item.text.lower()
    assert re.search(r"do not take ibuprofen", item.text, re.IGNORECASE), item.text
    assert "ask a pharmacist before you take ibuprofen" not in item.text.lower()
    for text in (item.text, item.why, *item.cautions):
        assert not _advises_an_nsaid(text), text
    assert item.sources and item.evidence_grade.value == "C"


def test_with_no_profile_paracetamol_comes_first_and_the_cautions_are_shown(
    plan_for: PlanFor,
) -> None:
    item = plan_for({}).item("painkillers_after")
    text = item.text.lower()
    assert text.index("paracetamol") < text.index("ibuprofen")
    assert "pharmacist" in text
    cautions = " ".join(item.cautions).lower()
    for word in ("pregnant", "heart failure", "kidney disease", "water tablet"):
        assert word in cautions
    for text in (item.text, item.why, *item.cautions):
        assert not _advises_an_nsaid(text), text


def test_a_blood_pressure_tablet_alone_or_a_water_tablet_alone_keeps_the_general_advice(
    plan_for: PlanFor,
) -> None:
    general = plan_for({}).item("painkillers_after").text
    assert plan_for({"medications": ["ramipril"]}).item("painkillers_after").text == general
    assert plan_for({"medications": ["furosemide"]}).item("painkillers_after").text == general


def test_the_combination_rule_names_both_medicine_groups() -> None:
    rules = {r.id: r for r in load_plan_content().rules}
    assert set(rules["blood_pressure_water_tablet_no_nsaid"].when.all_medicines) == {
        "ace_inhibitor_or_arb",
        "diuretic",
    }


def test_each_painkiller_rule_cites_its_source() -> None:
    for rule in load_plan_content().rules:
        if "painkillers_after" in rule.items:
            assert rule.sources, rule.id


def test_an_unknown_group_in_all_medicines_is_refused(tmp_path: Path) -> None:
    shutil.copytree(CONTENT_DIR / "plan", tmp_path / "plan")
    shutil.copytree(CONTENT_DIR / "sources", tmp_path / "sources")
    rules = tmp_path / "plan" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    old = "all_medicines: [ace_inhibitor_or_arb, diuretic]"
    assert old in text
    rules.write_text(text.replace(old, "all_medicines: [ace_inhibitor_or_arb, tonic]"))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/plan/rules.yaml: entry "blood_pressure_water_tablet_no_nsaid", '
            'field "when.all_medicines": unknown medicine group "tonic"'
        ),
    ):
        load_plan_content(tmp_path)
