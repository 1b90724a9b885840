"""The plan uses the person's own data first: diary insights, what they tried, triage."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from tests.core.plan.conftest import PlanFor, StubAssessment

from nightcramp.core.errors import InputError
from nightcramp.core.plan import Status

ALCOHOL_TRIGGER = {
    "nights": 90,
    "cramp_nights": 30,
    "factors": [
        {"factor": "alcohol_drinks", "verdict": "likely_trigger", "rate_ratio": 2.4,
         "ci_low": 1.3, "ci_high": 4.4, "nights_with": 22},
        {"factor": "bedtime_stretch", "verdict": "likely_protective", "rate_ratio": 0.5,
         "ci_low": 0.3, "ci_high": 0.8, "nights_with": 40},
        {"factor": "caffeine_drinks", "verdict": "no_clear_effect", "rate_ratio": 1.1,
         "ci_low": 0.7, "ci_high": 1.6, "nights_with": 50},
    ],
}  # fmt: skip


def test_a_likely_trigger_in_the_diary_lifts_the_item_and_leads_its_why(
    plan_for: PlanFor,
) -> None:
    item = plan_for({}, insights=ALCOHOL_TRIGGER).item("limit_alcohol")
    assert item.status is Status.RECOMMENDED
    assert item.why.startswith("Your diary: cramps were 2.4 times as common")
    assert "22 nights" in item.why
    assert "not proof" in item.why


def test_a_protective_pattern_is_said_as_fewer_cramps(plan_for: PlanFor) -> None:
    item = plan_for({}, insights=ALCOHOL_TRIGGER).item("bedtime_calf_stretch")
    assert item.why.startswith("Your diary: on nights with more bedtime stretching")
    assert "50% fewer" in item.why


def test_no_clear_effect_changes_nothing(plan_for: PlanFor) -> None:
    item = plan_for({}, insights=ALCOHOL_TRIGGER).item("limit_caffeine")
    assert item.status is Status.OPTIONAL
    assert not item.why.startswith("Your diary")


def test_a_diary_pattern_never_overrides_a_safety_rule(plan_for: PlanFor) -> None:
    insights = {"factors": [{"factor": "water_glasses", "verdict": "likely_protective",
                             "rate_ratio": 0.4, "nights_with": 30}]}  # fmt: skip
    item = plan_for({"conditions": ["heart_failure"]}, insights=insights).item("hydration")
    assert item.status is Status.CAUTION


def test_personal_items_rank_above_general_ones_of_the_same_status_and_grade(
    plan_for: PlanFor,
) -> None:
    plan = plan_for({}, insights=ALCOHOL_TRIGGER)
    recommended = [i.id for i in plan.items if i.status is Status.RECOMMENDED]
    assert recommended.index("bedtime_calf_stretch") < recommended.index("hamstring_stretch")
    assert plan.item("limit_alcohol").priority < plan.item("loose_bedding").priority


def test_items_are_ordered_by_status_then_grade(plan_for: PlanFor) -> None:
    plan = plan_for({"medications": ["ramipril"]})
    keys = [(i.status.rank, i.evidence_grade.rank) for i in plan.items]
    assert keys == sorted(keys)


def test_something_that_helped_before_is_recommended_and_said(plan_for: PlanFor) -> None:
    item = plan_for({}, tried={"warm_bath": True}).item("warm_bath")
    assert item.status is Status.RECOMMENDED
    assert "helped you before" in item.why


def test_something_that_did_not_help_drops_to_optional(plan_for: PlanFor) -> None:
    item = plan_for({}, tried={"loose_bedding": False}).item("loose_bedding")
    assert item.status is Status.OPTIONAL
    assert "did not help" in item.why


def test_a_helped_supplement_stays_under_its_safety_status(plan_for: PlanFor) -> None:
    plan = plan_for({"conditions": ["kidney_disease"]}, tried={"magnesium_supplement": True})
    assert plan.item("magnesium_supplement").status is Status.NOT_ADVISED


@pytest.mark.parametrize("disposition", ["emergency", "urgent", "soon", "routine"])
def test_triage_comes_first_whenever_it_is_not_self_care(
    plan_for: PlanFor, disposition: str
) -> None:
    def assess(answers: Mapping[str, object]) -> StubAssessment:
        return StubAssessment(disposition)

    document = plan_for({"answers": {"x": True}}, assess=assess).to_json()
    assert next(iter(document)) == "triage"
    assert document["triage"] == {"disposition": disposition, "reasons": ["stub"]}


def test_self_care_leaves_triage_out(plan_for: PlanFor) -> None:
    assert list(plan_for({}).to_json()) == ["items"]


def test_invalid_triage_answers_name_the_answers_key(plan_for: PlanFor) -> None:
    def assess(answers: Mapping[str, object]) -> StubAssessment:
        raise InputError("must be true or false", field="leg_red")

    with pytest.raises(InputError) as caught:
        plan_for({"answers": {"leg_red": 3}}, assess=assess)
    assert caught.value.field == "answers.leg_red"


def test_medicines_resolve_through_the_medication_check(plan_for: PlanFor) -> None:
    class Med:
        query = "Aldactone"
        generic = "spironolactone"
        class_ = "potassium_sparing_diuretic"
        cramp_link = "established"

    class Check:
        medications = (Med(),)
        unknown = ()

    plan = plan_for({"medications": ["Aldactone"]}, check_names=lambda names: Check())
    assert plan.item("potassium_foods").status is Status.CAUTION
    assert plan.item("medication_review").why.startswith("You take Aldactone (spironolactone)")
