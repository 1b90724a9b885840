"""Who may run which change: the plan's rules, pregnancy, triage first, a doctor's yes."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.eligibility import MayRun, check_change, list_changes
from nightcramp.core.plan import parse_profile


def may(profile: Mapping[str, object], change: str, *, doctor_agreed: bool = False) -> MayRun:
    spec = load_experiment_content().changes[change]
    person = parse_profile(dict(profile))
    return check_change(
        spec, person, triage=lambda a: "self_care", doctor_agreed=doctor_agreed
    ).may_run


def test_everyone_may_run_every_change_when_nothing_is_known() -> None:
    found = list_changes(parse_profile({}), triage=lambda a: "self_care")
    assert {e.may_run for e in found} == {MayRun.YES}


def test_magnesium_with_kidney_disease_needs_a_doctors_yes() -> None:
    kidney = {"conditions": ["kidney_disease"]}
    assert may(kidney, "magnesium_supplement") is MayRun.ASK_DOCTOR
    assert may(kidney, "magnesium_supplement", doctor_agreed=True) is MayRun.YES
    assert may(kidney, "bedtime_stretch") is MayRun.YES


def test_in_pregnancy_only_behaviour_changes_run() -> None:
    pregnant = {"pregnant": True}
    for change in ("magnesium_supplement", "vitamin_b_complex", "vitamin_k2"):
        assert may(pregnant, change) is MayRun.NO
        assert may(pregnant, change, doctor_agreed=True) is MayRun.NO
    assert may(pregnant, "knee_pillow") is MayRun.YES


def test_in_pregnancy_the_refusal_of_a_supplement_comes_first_and_offers_no_way_round() -> None:
    spec = load_experiment_content().changes["magnesium_supplement"]
    found = check_change(
        spec, parse_profile({"pregnant": True}), triage=lambda a: "self_care", doctor_agreed=True
    )
    assert found.may_run is MayRun.NO
    first = found.reasons[0]
    assert first == load_experiment_content().wording.reasons.pregnancy
    assert "only changes in what you do" in first and "unless" not in first
    assert load_experiment_content().wording.reasons.doctor_agreed not in found.reasons


def test_no_extra_water_with_a_fluid_limit_and_no_k2_with_warfarin() -> None:
    assert may({"conditions": ["heart_failure"]}, "extra_water") is MayRun.NO
    assert may({"medications": ["warfarin"]}, "vitamin_k2") is MayRun.NO
    assert may({"medications": ["warfarin"]}, "vitamin_k2", doctor_agreed=True) is MayRun.NO


def test_leg_warning_signs_stop_the_stretch_experiment() -> None:
    assert may({"answers": {"one_leg_swollen": True}}, "bedtime_stretch") is MayRun.NO


def test_an_urgent_triage_result_comes_first() -> None:
    spec = load_experiment_content().changes["loose_bedding"]
    profile = parse_profile({"answers": {"one_leg_swollen": True}})
    urgent = check_change(spec, profile, triage=lambda a: "urgent")
    assert urgent.may_run is MayRun.NO and urgent.reasons
    real = check_change(spec, profile)
    assert real.may_run is MayRun.NO


@pytest.mark.parametrize("change", list(load_experiment_content().changes))
def test_every_change_shows_grade_sources_and_design(change: str) -> None:
    spec = load_experiment_content().changes[change]
    doc: Mapping[str, object] = check_change(spec, parse_profile({})).to_json()
    assert str(doc["evidence_grade"]) in "ABCDX" and doc["sources"]
    assert doc["period_nights"] == (14 if doc["kind"] == "supplement" else 7)
    assert doc["kind"] == "behaviour" or doc["washout_nights"] > 0  # type: ignore[operator]
