"""Edge cases of the plan, the routine and the nutrition content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.core.plan.conftest import PlanFor

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.sources import CONTENT_DIR
from nightcramp.core.plan import Status
from nightcramp.core.plan.nutrition import load_nutrition
from nightcramp.core.plan.routine import load_routine


def test_asking_for_an_item_that_is_not_there_raises_key_error(plan_for: PlanFor) -> None:
    with pytest.raises(KeyError):
        plan_for({}).item("hot_tub")


def test_age_can_come_from_the_triage_answers(plan_for: PlanFor) -> None:
    item = plan_for({"answers": {"age": 80}}).item("magnesium_supplement")
    assert any("Over 65" in c for c in item.cautions)


def test_under_65_there_is_no_older_adult_caution(plan_for: PlanFor) -> None:
    item = plan_for({"birth_year": 1990}).item("magnesium_supplement")
    assert not any("Over 65" in c for c in item.cautions)


def test_medicines_in_the_triage_answers_count_too(plan_for: PlanFor) -> None:
    plan = plan_for({"answers": {"medications": ["losartan"]}})
    assert plan.item("potassium_foods").status is Status.CAUTION


def test_an_insights_document_without_factors_changes_nothing(plan_for: PlanFor) -> None:
    assert plan_for({}, insights={"nights": 0}).item("limit_alcohol").status is Status.OPTIONAL


def test_tried_but_unsure_says_keep_going(plan_for: PlanFor) -> None:
    item = plan_for({}, tried={"ankle_circles": None}).item("ankle_circles")
    assert "Keep going for four weeks" in item.why


def test_two_linked_medicines_are_named_together(plan_for: PlanFor) -> None:
    why = plan_for({"medications": ["indapamide", "salmeterol"]}).item("medication_review").why
    assert why.startswith("You take indapamide and salmeterol.")


def test_a_brand_name_is_shown_with_its_generic(plan_for: PlanFor) -> None:
    why = plan_for({"medications": ["Lasix"]}).item("medication_review").why
    assert why.startswith("You take Lasix (furosemide).")


def test_the_routine_document_has_each_step_with_its_total_time() -> None:
    document = load_routine().to_json()
    steps = document["steps"]
    assert isinstance(steps, list)
    assert steps[0]["total_seconds"] == 110
    assert document["total_seconds"] == sum(s["total_seconds"] for s in steps)


def _copy(tmp_path: Path, *folders: str) -> Path:
    for folder in ("sources", *folders):
        shutil.copytree(CONTENT_DIR / folder, tmp_path / folder)
    return tmp_path


def test_a_routine_step_without_a_time_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, "plan")
    path = root / "plan" / "routine.yaml"
    path.write_text(path.read_text().replace("    hold_seconds: 40\n", "", 1))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/plan/routine.yaml: entry "ankle_circles", field "hold_seconds": Field required'
        ),
    ):
        load_routine(root)


def test_a_routine_with_an_unknown_source_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, "plan")
    path = root / "plan" / "routine.yaml"
    path.write_text(path.read_text().replace("[hallegraeff_stretching_2012,", "[nope,", 1))
    with pytest.raises(
        ContentError,
        match=re.escape('content/plan/routine.yaml: field "sources": unknown source id "nope"'),
    ):
        load_routine(root)


def test_a_food_with_a_negative_value_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, "nutrition")
    path = root / "nutrition" / "foods.yaml"
    path.write_text(path.read_text().replace("magnesium_mg: 156", "magnesium_mg: -1", 1))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/nutrition/foods.yaml: entry "pumpkin_seeds", '
            'field "magnesium_mg": Input should be greater than or equal to 0'
        ),
    ):
        load_nutrition(root)


def test_a_food_with_an_unknown_source_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, "nutrition")
    path = root / "nutrition" / "foods.yaml"
    path.write_text(
        path.read_text().replace("sources: [ods_magnesium, usda_fdc]", "sources: [x]", 1)
    )
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/nutrition/foods.yaml: entry "pumpkin_seeds", '
            'field "sources": unknown source id "x"'
        ),
    ):
        load_nutrition(root)


def test_a_duplicate_food_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, "nutrition")
    path = root / "nutrition" / "foods.yaml"
    path.write_text(path.read_text().replace("id: chia_seeds", "id: pumpkin_seeds", 1))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/nutrition/foods.yaml: entry "pumpkin_seeds", field "id": duplicate id'
        ),
    ):
        load_nutrition(root)


def test_a_targets_table_with_a_missing_note_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, "nutrition")
    path = root / "nutrition" / "targets.yaml"
    path.write_text(path.read_text().replace("  under_14:", "  under_twelve:", 1))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/nutrition/targets.yaml: entry "notes", '
            'field "under_twelve": Extra inputs are not permitted'
        ),
    ):
        load_nutrition(root)


def test_a_plan_rule_with_an_unknown_condition_is_refused(tmp_path: Path) -> None:
    from nightcramp.core.plan import load_plan_content

    root = _copy(tmp_path, "plan")
    path = root / "plan" / "rules.yaml"
    path.write_text(path.read_text().replace("conditions: [diabetes]}", "conditions: [gout]}", 1))
    with pytest.raises(
        ContentError,
        match=re.escape(
            'content/plan/rules.yaml: entry "diabetes_sugary_drinks", '
            'field "when.conditions": unknown condition "gout"'
        ),
    ):
        load_plan_content(root)


def test_a_missing_contract_item_is_refused(tmp_path: Path) -> None:
    from nightcramp.core.plan import load_plan_content

    root = _copy(tmp_path, "plan")
    path = root / "plan" / "items.yaml"
    path.write_text(path.read_text().replace("id: supportive_shoes", "id: good_shoes", 1))
    with pytest.raises(ContentError, match="missing contract item ids: supportive_shoes"):
        load_plan_content(root)
