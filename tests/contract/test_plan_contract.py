"""CONTRACT.md "Profile file (`--profile F`) and `nightcramp plan --json`", black-box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from nightcramp.cli.app import build_app

CONTRACT_IDS = {
    "bedtime_calf_stretch", "ankle_circles", "hydration", "limit_alcohol", "limit_caffeine",
    "magnesium_foods", "magnesium_supplement", "potassium_foods", "loose_bedding",
    "sleep_position", "move_hourly", "supportive_shoes", "warm_bath", "epsom_salt_bath",
    "quinine", "medication_review",
}  # fmt: skip
ITEM_KEYS = {"id", "category", "status", "priority", "text", "why", "evidence_grade", "sources",
             "cautions"}  # fmt: skip
SAFETY_NO = {
    k: False
    for k in (
        "one_leg_swollen", "leg_red", "leg_warm", "calf_pain_or_tenderness_between_cramps",
        "short_of_breath", "chest_pain", "leg_cold_or_pale", "leg_numb_and_weak_suddenly",
        "saddle_numbness", "bladder_or_bowel_change", "dark_urine_after_cramp", "very_unwell",
    )
}  # fmt: skip

PROFILES = [
    {},
    {"birth_year": 1948, "sex": "female", "medications": ["Lasix", "indapamide"]},
    {"sex": "female", "pregnant": True, "pregnancy_weeks": 28, "answers": {"pregnant": True}},
    {"conditions": ["kidney_disease", "on_dialysis"], "medications": ["spironolactone"]},
    {"conditions": ["heart_failure", "liver_disease"], "answers": SAFETY_NO},
    {"birth_year": 1990, "answers": {**SAFETY_NO, "one_leg_swollen": True}},
]


def run(*args: str) -> Result:
    return CliRunner().invoke(build_app(), list(args))


def _plan(tmp_path: Path, profile: dict[str, object]) -> dict[str, object]:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    result = run("plan", "--profile", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def _triage(tmp_path: Path, answers: object) -> dict[str, object]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = run("triage", "--answers", str(path), "--json", "--no-save")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("profile", PROFILES)
def test_plan_json_keeps_the_contract(tmp_path: Path, profile: dict[str, object]) -> None:
    document = _plan(tmp_path, profile)
    items = document["items"]
    assert isinstance(items, list)
    ids = {item["id"] for item in items}
    assert ids >= CONTRACT_IDS
    for item in items:
        assert set(item) >= ITEM_KEYS
        assert item["status"] in {"recommended", "optional", "caution", "not_advised"}
        assert item["evidence_grade"] in {"A", "B", "C", "D", "X"}
        assert item["sources"]
    by_id = {item["id"]: item for item in items}
    assert by_id["quinine"]["status"] == "not_advised"
    conditions = profile.get("conditions", [])
    assert isinstance(conditions, list)
    if {"heart_failure", "on_dialysis", "liver_disease"} & set(conditions):
        assert by_id["hydration"]["status"] == "caution"
        assert "drink more" not in json.dumps(by_id["hydration"]).lower()


@pytest.mark.parametrize("profile", PROFILES)
def test_triage_comes_first_and_equals_the_triage_command(
    tmp_path: Path, profile: dict[str, object]
) -> None:
    document = _plan(tmp_path, profile)
    triage = _triage(tmp_path, profile.get("answers", {}))
    if triage["disposition"] == "self_care":
        assert "triage" not in document
    else:
        assert next(iter(document)) == "triage"
        assert document["triage"] == triage


def test_an_invalid_profile_exits_1_and_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"pregnancy_weeks": 99}', encoding="utf-8")
    result = run("plan", "--profile", str(path), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:pregnancy_weeks" in result.stderr
