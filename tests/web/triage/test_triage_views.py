"""The web questionnaire, saved results and the triage API."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.models import TriageRecord

pytestmark = pytest.mark.django_db


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_start_page_offers_the_questions(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.get("/triage/")
    assert response.status_code == 200
    assert "Start the questions" in response.content.decode()


def test_an_emergency_answer_goes_straight_to_a_result_that_says_call_first(
    client: Client, alice: User
) -> None:
    client.force_login(alice)
    client.post("/triage/start/")
    response = client.post("/triage/step/1/", {"short_of_breath": "yes"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert page.index("Call your emergency number now") < page.index("What to do now")
    record = TriageRecord.objects.get(user=alice)
    assert record.disposition == "emergency"
    assert record.answers == {"short_of_breath": True}


def test_all_no_answers_through_every_screen_give_self_care(client: Client, alice: User) -> None:
    client.force_login(alice)
    client.post("/triage/start/")
    location = "/triage/step/1/"
    for _ in range(20):
        page = client.get(location)
        form = page.context["form"]
        data: dict[str, Any] = {}
        for name, field in form.fields.items():
            if hasattr(field, "choices"):
                choices = [c[0] for c in field.choices]
                data[name] = "no" if "no" in choices else choices[0]
        response = client.post(location, data)
        assert response.status_code == 302
        location = response["Location"]
        if "/result/" in location:
            break
    record = TriageRecord.objects.get(user=alice)
    assert record.disposition == "self_care"
    assert "Manage at home" in client.get(location).content.decode()


def test_not_sure_counts_as_unknown(client: Client, alice: User) -> None:
    client.force_login(alice)
    client.post("/triage/start/")
    client.post("/triage/step/1/", {"short_of_breath": "unsure", "chest_pain": "no"})
    assert client.session["triage_answers"] == {"chest_pain": False}


def test_pregnancy_questions_are_skipped_for_men(client: Client, alice: User) -> None:
    client.force_login(alice)
    client.post("/triage/start/")
    session = client.session
    session["triage_answers"] = {"sex": "male"}
    session.save()
    assert "pregnant" not in client.get("/triage/step/5/").context["form"].fields


def test_bob_cannot_see_alices_result(client: Client, alice: User, bob: User) -> None:
    record = save_assessment(alice, {"leg_warm": True})
    client.force_login(bob)
    assert client.get(f"/triage/result/{record.pk}/").status_code == 404
    client.force_login(alice)
    assert client.get(f"/triage/result/{record.pk}/").status_code == 200


def test_api_post_saves_and_latest_returns_it(client: Client, alice_token: str) -> None:
    response = client.post(
        "/api/v1/triage",
        {"leg_warm": True},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 201
    assert response.json()["disposition"] == "urgent"
    latest = client.get("/api/v1/triage/latest", headers=_auth(alice_token))
    assert latest.json()["id"] == response.json()["id"]


def test_api_invalid_answer_names_the_key(client: Client, alice_token: str) -> None:
    response = client.post(
        "/api/v1/triage",
        {"age": "old"},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 422
    assert "age" in str(response.json())


def test_api_latest_is_private(client: Client, alice_token: str, bob_token: str) -> None:
    client.post(
        "/api/v1/triage",
        {"leg_warm": True},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert client.get("/api/v1/triage/latest", headers=_auth(bob_token)).status_code == 404
    assert client.get("/api/v1/triage/latest").status_code == 401


def test_the_questionnaire_starts_from_the_profile_and_medicine_list(
    client: Client, alice: User
) -> None:
    from nightcramp.store.diary.models import Medication, Profile

    Profile.objects.create(user=alice, sex="male", birth_year=1950, conditions=["diabetes"])
    Medication.objects.create(user=alice, name="Lasix")
    Medication.objects.create(user=alice, name="Old pill", stopped_on="2020-01-01")
    client.force_login(alice)
    client.post("/triage/start/")
    answers = client.session["triage_answers"]
    assert answers["sex"] == "male" and answers["diabetes"] is True
    assert answers["medications"] == ["Lasix"]
    assert "pregnant" not in client.get("/triage/step/5/").context["form"].fields


def test_result_points_out_a_medicine_started_before_the_cramps(
    client: Client, alice: User
) -> None:
    import datetime as dt

    from nightcramp.store.diary.models import Episode, Medication

    Medication.objects.create(user=alice, name="indapamide", started_on=dt.date(2026, 5, 1))
    Medication.objects.create(user=alice, name="metformin", started_on=dt.date(2019, 5, 1))
    Episode.objects.create(
        user=alice,
        started_at=dt.datetime(2026, 6, 1, 23, 0, tzinfo=dt.UTC),
        night=dt.date(2026, 6, 1),
    )
    record = save_assessment(alice, {"leg_warm": True})
    client.force_login(alice)
    page = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert "You started indapamide in the 12 weeks" in page
    assert "metformin" not in page
