"""Fluid limits come from one list (content/plan/condition_groups.yaml), used everywhere."""

from __future__ import annotations

import pytest
from tests.core.plan.conftest import PlanFor

from nightcramp.core.plan import Status, fluids_may_be_restricted, load_plan_content, parse_profile
from nightcramp.core.plan.content import FLUID_LIMIT, KIDNEY
from nightcramp.core.plan.reminders import ReminderTimes, build_reminders

FLUID_LIMIT_CONDITIONS = ("heart_failure", "on_dialysis", "liver_disease")


def test_the_fluid_limit_group_lists_heart_failure_dialysis_and_liver_disease() -> None:
    assert load_plan_content().conditions_in(FLUID_LIMIT) == frozenset(FLUID_LIMIT_CONDITIONS)
    assert load_plan_content().conditions_in(KIDNEY) == {"kidney_disease", "on_dialysis"}


@pytest.mark.parametrize("condition", FLUID_LIMIT_CONDITIONS)
def test_a_condition_of_the_group_means_fluids_may_be_restricted(condition: str) -> None:
    assert fluids_may_be_restricted(parse_profile({"conditions": [condition]}))


@pytest.mark.parametrize("condition", FLUID_LIMIT_CONDITIONS)
def test_a_triage_answer_of_yes_counts_as_well(condition: str) -> None:
    assert fluids_may_be_restricted(parse_profile({"answers": {condition: True}}))


@pytest.mark.parametrize(
    "profile",
    [{}, {"conditions": ["diabetes", "kidney_disease"]}, {"answers": {"on_dialysis": False}}],
)
def test_other_people_have_no_fluid_limit(profile: dict[str, object]) -> None:
    assert not fluids_may_be_restricted(parse_profile(profile))


@pytest.mark.parametrize("condition", FLUID_LIMIT_CONDITIONS)
def test_reminders_never_say_drink_for_someone_whose_fluids_may_be_restricted(
    condition: str,
) -> None:
    reminders = build_reminders(ReminderTimes(), profile=parse_profile({"conditions": [condition]}))
    assert [r.id for r in reminders] == ["evening_checkin", "bedtime_routine"]
    for reminder in reminders:
        text = f"{reminder.summary} {reminder.description}".lower()
        assert "drink" not in text
        assert "water check" not in text


def test_reminders_keep_the_water_checks_for_everyone_else() -> None:
    reminders = build_reminders(
        ReminderTimes(), profile=parse_profile({"conditions": ["diabetes"]})
    )
    assert [r.id for r in reminders if r.id.startswith("water")] == [
        "water_1000",
        "water_1400",
        "water_1700",
    ]


def test_a_fluid_limit_wins_over_asking_for_water_reminders() -> None:
    profile = parse_profile({"conditions": ["heart_failure"]})
    assert not any(
        r.id.startswith("water")
        for r in build_reminders(ReminderTimes(), water=True, profile=profile)
    )


@pytest.mark.parametrize("condition", FLUID_LIMIT_CONDITIONS)
def test_the_plan_uses_the_same_group_for_hydration(plan_for: PlanFor, condition: str) -> None:
    assert plan_for({"conditions": [condition]}).item("hydration").status is Status.CAUTION
    assert plan_for({"answers": {condition: True}}).item("hydration").status is Status.CAUTION


def test_without_a_fluid_limit_hydration_is_not_a_caution(plan_for: PlanFor) -> None:
    assert plan_for({"conditions": ["diabetes"]}).item("hydration").status is not Status.CAUTION
