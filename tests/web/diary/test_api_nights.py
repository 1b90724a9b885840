"""The night endpoints of the JSON API: factors per night, custom factors, unknown vs no."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nightcramp.core.diary import STANDARD_FACTORS
from nightcramp.store.diary.models import Night
from nightcramp.web.diary.schemas import NightIn

pytestmark = pytest.mark.django_db


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def put(client: Client, token: str, day: str, body: Any) -> Any:
    return client.put(
        f"/api/v1/nights/{day}", body, content_type="application/json", headers=_auth(token)
    )


def _field_named(response: Any, field: str) -> bool:
    detail = response.json()["detail"]
    return any(field in [str(p) for p in item["loc"]] or field in item["msg"] for item in detail)


ALL = {
    "water_glasses": 6,
    "alcohol_drinks": 2,
    "caffeine_drinks": 3,
    "exercise_minutes": 45,
    "new_or_harder_exercise": True,
    "standing_hours": 7.5,
    "sitting_hours": 3,
    "heavy_sweating": False,
    "bedtime_stretch": True,
    "magnesium_mg": 300,
    "potassium_servings": 2,
    "tight_bedding": False,
    "feet_pointed": True,
    "warm_bath": False,
    "cold_room": True,
}


def test_the_input_schema_has_exactly_the_contracts_factor_columns() -> None:
    assert set(NightIn.model_fields) - {"date"} == set(STANDARD_FACTORS)


def test_put_stores_every_factor_and_get_returns_them(client: Client, alice_token: str) -> None:
    response = put(client, alice_token, "2026-02-01", ALL)
    assert response.status_code == 200
    got = client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert {k: got[k] for k in ALL} == ALL
    assert got["date"] == "2026-02-01"
    assert got["cramps"] == 0


def test_a_factor_left_out_is_unknown_never_zero_or_false(client: Client, alice_token: str) -> None:
    put(client, alice_token, "2026-02-01", ALL)
    put(client, alice_token, "2026-02-01", {"water_glasses": 0})
    got = client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert got["water_glasses"] == 0
    assert got["bedtime_stretch"] is None
    assert got["alcohol_drinks"] is None
    row = Night.objects.get()
    assert row.bedtime_stretch is None


def test_custom_factors_sit_beside_the_standard_ones(client: Client, alice_token: str) -> None:
    body = {"knee_pain": 3, "late_dinner": True, "tonic_water_ml": 250.5}
    response = put(client, alice_token, "2026-02-01", body)
    assert response.status_code == 200
    got = client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert {k: got[k] for k in body} == body
    listed = client.get("/api/v1/nights", headers=_auth(alice_token)).json()
    assert listed["items"][0]["late_dinner"] is True


def test_cramps_counts_the_episodes_of_that_night(client: Client, alice_token: str) -> None:
    put(client, alice_token, "2026-02-01", {})
    client.post(
        "/api/v1/episodes",
        {"started_at": "2026-02-02T03:00"},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    got = client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert got["cramps"] == 1


def test_date_in_body_must_match_the_path(client: Client, alice_token: str) -> None:
    response = put(client, alice_token, "2026-02-01", {"date": "2026-02-02"})
    assert response.status_code == 422
    assert _field_named(response, "date")
    assert put(client, alice_token, "2026-02-01", {"date": "2026-02-01"}).status_code == 200


@pytest.mark.parametrize("day", ["2026-02-30", "20260201", "tomorrow", "1700000000"])
def test_bad_date_in_path_answers_422(client: Client, alice_token: str, day: str) -> None:
    response = put(client, alice_token, day, {})
    assert response.status_code == 422
    assert _field_named(response, "date")
    assert client.get(f"/api/v1/nights/{day}", headers=_auth(alice_token)).status_code == 422


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("water_glasses", -1),
        ("water_glasses", 1.5),
        ("water_glasses", True),
        ("water_glasses", "4"),
        ("alcohol_drinks", -2),
        ("caffeine_drinks", 2.2),
        ("exercise_minutes", 5000),
        ("new_or_harder_exercise", 1),
        ("new_or_harder_exercise", "yes"),
        ("standing_hours", -0.5),
        ("standing_hours", 25),
        ("sitting_hours", False),
        ("heavy_sweating", "true"),
        ("bedtime_stretch", 0),
        ("magnesium_mg", -100),
        ("potassium_servings", 0.5),
        ("tight_bedding", "no"),
        ("feet_pointed", 2),
        ("warm_bath", []),
        ("cold_room", "1"),
        ("water_glasses", 10**20),
        ("magnesium_mg", 2**31),
        ("knee_pain", 10**30),
        ("knee_pain", "sore"),
        ("knee_pain", [1]),
        ("muscle", 3),
        (" padded", 1),
    ],
)
def test_each_bad_factor_answers_422_naming_it_and_stores_nothing(
    client: Client, alice_token: str, field: str, value: object
) -> None:
    response = put(client, alice_token, "2026-02-01", {field: value})
    assert response.status_code == 422, response.content
    assert _field_named(response, field.strip())
    assert Night.objects.count() == 0


def test_list_filters_by_date_inclusive_and_pages(client: Client, alice_token: str) -> None:
    for day in range(1, 8):
        put(client, alice_token, f"2026-02-0{day}", {"water_glasses": day})
    query: dict[str, str | int] = {"since": "2026-02-03", "until": "2026-02-06", "limit": 3}
    body = client.get("/api/v1/nights", query, headers=_auth(alice_token)).json()
    assert body["count"] == 4
    assert [i["water_glasses"] for i in body["items"]] == [3, 4, 5]
    rest = client.get(body["next"], headers=_auth(alice_token)).json()
    assert [i["date"] for i in rest["items"]] == ["2026-02-06"]
    assert rest["next"] is None


def test_delete_removes_the_night_so_it_is_missing_again(client: Client, alice_token: str) -> None:
    put(client, alice_token, "2026-02-01", ALL)
    assert client.delete("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).status_code == 204
    assert client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).status_code == 404


def test_bob_gets_404_for_alices_night(client: Client, alice_token: str, bob_token: str) -> None:
    put(client, alice_token, "2026-02-01", ALL)
    for method in ("get", "delete"):
        response = getattr(client, method)("/api/v1/nights/2026-02-01", headers=_auth(bob_token))
        assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert client.get("/api/v1/nights", headers=_auth(bob_token)).json()["count"] == 0
    put(client, bob_token, "2026-02-01", {"water_glasses": 1})
    alices = client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert alices["water_glasses"] == 6
