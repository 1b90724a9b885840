"""The saved triage result speaks of this installation's emergency number and health line."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.services import assess_here, emergency_signs_in, local_services

pytestmark = pytest.mark.django_db


@override_settings(NIGHTCRAMP_COUNTRY="GB", NIGHTCRAMP_EMERGENCY_NUMBER="999")
def test_a_saved_urgent_result_names_nhs_111_and_999_in_the_uk() -> None:
    person = User.objects.create_user("uk")
    record = save_assessment(person, {"one_leg_swollen": True})
    assert record.disposition == "urgent"
    assert "NHS 111" in record.result["advice"]
    assert "999" in record.result["advice"]


@override_settings(NIGHTCRAMP_COUNTRY="US", NIGHTCRAMP_EMERGENCY_NUMBER="911")
def test_elsewhere_nhs_111_is_never_named() -> None:
    assessment = assess_here({"one_leg_swollen": True})
    assert "NHS 111" not in assessment.advice
    assert "911" in assessment.advice
    assert local_services().emergency_tel == "911"


@override_settings(NIGHTCRAMP_COUNTRY="GB", NIGHTCRAMP_EMERGENCY_NUMBER="+44 20 7946 0000")
def test_a_number_set_by_the_person_wins_over_the_country() -> None:
    services = local_services()
    assert services.emergency_number == "+44 20 7946 0000"
    assert services.emergency_tel == "+442079460000"
    assert "+44 20 7946 0000" in assess_here({"short_of_breath": True}).advice


@override_settings(NIGHTCRAMP_COUNTRY="GB", NIGHTCRAMP_EMERGENCY_NUMBER="999")
@pytest.mark.parametrize("pregnant", [False, True])
def test_the_emergency_signs_are_found_in_saved_advice_pregnant_or_not(pregnant: bool) -> None:
    advice = assess_here({"one_leg_swollen": True, "pregnant": pregnant}).advice
    signs = emergency_signs_in(advice)
    assert signs.startswith("Call 999") and signs in advice
    assert ("usual for your pregnancy" in signs) is pregnant
    assert emergency_signs_in("Book an appointment.") == ""
