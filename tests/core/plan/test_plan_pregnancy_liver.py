"""Pregnancy and liver disease: supplements named where they are not advised; alcohol."""

from __future__ import annotations

import pytest
from tests.core.plan.conftest import PlanFor

from nightcramp.core.plan import PlanItem, Status


def _item(plan_for: PlanFor, profile: dict[str, object], item_id: str) -> PlanItem:
    return next(i for i in plan_for(profile).items if i.id == item_id)


@pytest.mark.parametrize(
    ("item_id", "name"), [("vitamin_k2", "vitamin K2"), ("vitamin_b_complex", "vitamin B complex")]
)
def test_in_pregnancy_a_supplement_not_advised_is_named(
    plan_for: PlanFor, item_id: str, name: str
) -> None:
    item = _item(plan_for, {"pregnant": True}, item_id)
    assert item.status is Status.NOT_ADVISED
    assert name in item.text


def test_in_pregnancy_the_alcohol_item_says_none_at_all(plan_for: PlanFor) -> None:
    item = _item(plan_for, {"pregnant": True}, "limit_alcohol")
    assert "no alcohol at all" in item.text and "evening" in item.text
    assert item.status is Status.RECOMMENDED
    assert "uk_cmo_alcohol_2016" in item.sources


def test_with_liver_disease_the_alcohol_item_says_stop_safely(plan_for: PlanFor) -> None:
    item = _item(plan_for, {"conditions": ["liver_disease"]}, "limit_alcohol")
    assert "not to drink alcohol at all" in item.text
    assert any("do not stop all at once" in c for c in item.cautions)


def test_in_pregnancy_heavy_drinking_is_stopped_with_help_not_alone(plan_for: PlanFor) -> None:
    item = _item(plan_for, {"pregnant": True}, "limit_alcohol")
    assert any("do not stop all at once on your own" in c for c in item.cautions)


@pytest.mark.parametrize("item_id", ["magnesium_supplement", "vitamin_k2", "vitamin_b_complex"])
def test_the_pregnancy_supplement_caution_keeps_folic_acid_and_vitamin_d(
    plan_for: PlanFor, item_id: str
) -> None:
    item = _item(plan_for, {"pregnant": True}, item_id)
    words = " ".join(item.cautions)
    assert "Keep taking folic acid and vitamin D" in words
    assert "Do not take any supplement" not in words


def test_pregnancy_with_liver_disease_says_stop_drinking_safely_once(plan_for: PlanFor) -> None:
    item = _item(plan_for, {"pregnant": True, "conditions": ["liver_disease"]}, "limit_alcohol")
    assert sum("do not stop all at once" in c for c in item.cautions) == 1
