"""Profile and medication endpoints of the JSON API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.store.diary.models import Medication

pytestmark = pytest.mark.django_db


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _json(client: Client, method: str, path: str, token: str, body: Any = None) -> Any:
    return getattr(client, method)(
        path, body, content_type="application/json", headers=_auth(token)
    )


def _field_named(response: Any, field: str) -> bool:
    return any(field in [str(p) for p in i["loc"]] for i in response.json()["detail"])


PROFILE = {
    "birth_year": 1950,
    "sex": "female",
    "pregnant": False,
    "due_date": None,
    "pregnancy_weeks": None,
    "conditions": ["high_blood_pressure", "diabetes"],
    "smoker": None,
}


def test_an_unset_profile_is_all_unknown(client: Client, alice_token: str) -> None:
    body = client.get("/api/v1/profile", headers=_auth(alice_token)).json()
    assert body == {
        "birth_year": None,
        "sex": None,
        "pregnant": None,
        "due_date": None,
        "pregnancy_weeks": None,
        "conditions": [],
        "smoker": None,
    }


def test_put_profile_replaces_it(client: Client, alice_token: str) -> None:
    assert _json(client, "put", "/api/v1/profile", alice_token, PROFILE).json() == PROFILE
    later = {"pregnant": True, "pregnancy_weeks": 30, "due_date": "2026-09-01"}
    body = _json(client, "put", "/api/v1/profile", alice_token, later).json()
    assert body["pregnancy_weeks"] == 30
    assert body["birth_year"] is None
    assert client.get("/api/v1/profile", headers=_auth(alice_token)).json() == body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_year", 1800),
        ("birth_year", dt.date.today().year + 1),  # a year still to come, as import says
        ("birth_year", 1950.5),
        ("birth_year", "1950"),
        ("birth_year", True),
        ("sex", "unknown"),
        ("pregnant", "yes"),
        ("due_date", "soon"),
        ("pregnancy_weeks", 60),
        ("pregnancy_weeks", -1),
        ("conditions", ["gout"]),
        ("conditions", ["diabetes", "diabetes"]),
        ("conditions", "diabetes"),
        ("smoker", 1),
        ("shoe_size", 42),
    ],
)
def test_each_bad_profile_field_answers_422_naming_it(
    client: Client, alice_token: str, field: str, value: object
) -> None:
    response = _json(client, "put", "/api/v1/profile", alice_token, {field: value})
    assert response.status_code == 422, response.content
    assert _field_named(response, field)


def test_profiles_are_private(client: Client, alice_token: str, bob_token: str) -> None:
    _json(client, "put", "/api/v1/profile", alice_token, PROFILE)
    assert client.get("/api/v1/profile", headers=_auth(bob_token)).json()["birth_year"] is None


MED = {"name": "Furosemide", "dose": "40 mg each morning", "started_on": "2025-11-01"}


def test_medicine_list_add_get_change_remove(client: Client, alice_token: str) -> None:
    created = _json(client, "post", "/api/v1/medications", alice_token, MED)
    assert created.status_code == 201
    med = created.json()
    assert med == {**MED, "id": med["id"], "stopped_on": None}
    one = f"/api/v1/medications/{med['id']}"
    assert client.get(one, headers=_auth(alice_token)).json() == med
    stopped = {**MED, "stopped_on": "2026-01-10"}
    assert _json(client, "put", one, alice_token, stopped).json()["stopped_on"] == "2026-01-10"
    listed = client.get("/api/v1/medications", headers=_auth(alice_token)).json()
    assert listed["count"] == 1
    assert listed["next"] is None
    assert client.delete(one, headers=_auth(alice_token)).status_code == 204
    assert client.get(one, headers=_auth(alice_token)).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({}, "name"),
        ({"name": "a", "dose": 40}, "dose"),
        ({"name": "a", "started_on": "last year"}, "started_on"),
        ({"name": "a", "started_on": "2025-05-01", "stopped_on": "2025-04-01"}, "stopped_on"),
        ({"name": "a\x00b"}, "name"),
        ({"name": "a", "brand": "b"}, "brand"),
    ],
)
def test_each_bad_medicine_field_answers_422_naming_it(
    client: Client, alice_token: str, body: dict[str, Any], field: str
) -> None:
    response = _json(client, "post", "/api/v1/medications", alice_token, body)
    assert response.status_code == 422, response.content
    assert _field_named(response, field)
    assert Medication.objects.count() == 0


def test_a_medicine_past_the_most_a_list_holds_answers_422_and_stores_nothing(
    client: Client, alice: User, alice_token: str
) -> None:
    Medication.objects.bulk_create(Medication(user=alice, name=f"med{i}") for i in range(200))
    response = _json(client, "post", "/api/v1/medications", alice_token, MED)
    assert response.status_code == 422, response.content
    assert _field_named(response, "medications")
    assert Medication.objects.filter(user=alice).count() == 200


def test_bob_gets_404_for_alices_medicine(client: Client, alice_token: str, bob_token: str) -> None:
    med = _json(client, "post", "/api/v1/medications", alice_token, MED).json()
    one = f"/api/v1/medications/{med['id']}"
    assert client.get(one, headers=_auth(bob_token)).status_code == 404
    assert _json(client, "put", one, bob_token, MED).status_code == 404
    assert client.delete(one, headers=_auth(bob_token)).status_code == 404
    assert client.get("/api/v1/medications", headers=_auth(bob_token)).json()["count"] == 0
    assert Medication.objects.get().name == "Furosemide"
