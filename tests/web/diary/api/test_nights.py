"""The night endpoints of the JSON API: factors per night, custom factors, unknown vs no."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nightcramp.core.diary import STANDARD_FACTORS
from nightcramp.core.diary_limits import IN_THE_FUTURE, TOO_MANY_HOURS
from nightcramp.core.diary_rules import TOO_EARLY
from nightcramp.store.diary.models import Night

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


def test_cramps_is_counted_never_stored_as_a_factor(client: Client, alice_token: str) -> None:
    response = put(client, alice_token, "2026-02-01", {"cramps": 5})
    assert response.status_code == 422
    assert _field_named(response, "cramps")
    assert not Night.objects.exists()


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
        ("water_glasses", 3.0),
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


# ---- PATCH: change some factors, keep the rest -----------------------------------------------


def patch(client: Client, token: str, day: str, body: Any) -> Any:
    return client.patch(
        f"/api/v1/nights/{day}", body, content_type="application/json", headers=_auth(token)
    )


def test_patch_changes_only_the_factors_given_and_answers_the_night(
    client: Client, alice_token: str
) -> None:
    put(client, alice_token, "2026-02-01", {"water_glasses": 6, "warm_bath": True, "knee_pain": 2})
    response = patch(client, alice_token, "2026-02-01", {"alcohol_drinks": 1, "late_dinner": True})
    assert response.status_code == 200
    body = response.json()
    assert body == client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert (body["water_glasses"], body["alcohol_drinks"], body["warm_bath"]) == (6, 1, True)
    assert (body["knee_pain"], body["late_dinner"]) == (2, True)
    assert (body["date"], body["cramps"]) == ("2026-02-01", 0)


def test_patch_null_clears_a_factor_and_an_absent_key_keeps_it(
    client: Client, alice_token: str
) -> None:
    put(client, alice_token, "2026-02-01", {"water_glasses": 6, "warm_bath": True, "knee_pain": 2})
    body = patch(client, alice_token, "2026-02-01", {"warm_bath": None, "knee_pain": None}).json()
    assert body["water_glasses"] == 6
    assert body["warm_bath"] is None
    assert "knee_pain" not in body
    row = Night.objects.get()
    assert (row.warm_bath, row.custom) == (None, {})


def test_patch_logs_a_night_that_was_not_logged(client: Client, alice_token: str) -> None:
    response = patch(client, alice_token, "2026-02-01", {})
    assert response.status_code == 200
    assert all(response.json()[name] is None for name in STANDARD_FACTORS)
    assert Night.objects.count() == 1


def test_patch_date_in_body_must_match_the_path(client: Client, alice_token: str) -> None:
    response = patch(client, alice_token, "2026-02-01", {"date": "2026-02-02"})
    assert response.status_code == 422
    assert _field_named(response, "date")
    assert not Night.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("water_glasses", -1),
        ("water_glasses", 3.0),
        ("cold_room", 1),
        ("standing_hours", 25),
        ("knee_pain", "sore"),
    ],
)
def test_patch_refuses_a_bad_factor_naming_it_and_changes_nothing(
    client: Client, alice_token: str, field: str, value: object
) -> None:
    put(client, alice_token, "2026-02-01", {"water_glasses": 6})
    response = patch(client, alice_token, "2026-02-01", {field: value})
    assert response.status_code == 422, response.content
    assert _field_named(response, field)
    assert Night.objects.get().water_glasses == 6


def test_patch_checks_the_merged_night_against_the_day_rule(
    client: Client, alice_token: str
) -> None:
    put(client, alice_token, "2026-02-01", {"standing_hours": 14})
    response = patch(client, alice_token, "2026-02-01", {"sitting_hours": 11})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "sitting_hours"], "msg": TOO_MANY_HOURS, "type": "value_error"}]
    }
    assert Night.objects.get().sitting_hours is None


def test_patch_of_bobs_night_never_touches_alices(
    client: Client, alice_token: str, bob_token: str
) -> None:
    put(client, alice_token, "2026-02-01", {"water_glasses": 6, "warm_bath": True})
    assert patch(client, bob_token, "2026-02-01", {"warm_bath": None}).status_code == 200
    alices = client.get("/api/v1/nights/2026-02-01", headers=_auth(alice_token)).json()
    assert (alices["water_glasses"], alices["warm_bath"]) == (6, True)
    bobs = client.get("/api/v1/nights/2026-02-01", headers=_auth(bob_token)).json()
    assert (bobs["water_glasses"], bobs["warm_bath"]) == (None, None)


# ---- the diary's record rules answer 422, one entry per problem ------------------------------


@pytest.mark.parametrize("method", [put, patch])
def test_a_night_in_the_future_or_before_1900_is_refused_with_the_rules_words(
    client: Client, alice_token: str, method: Any
) -> None:
    future = method(client, alice_token, "2999-01-01", {})
    assert future.status_code == 422
    assert future.json()["detail"] == [
        {"loc": ["body", "date"], "msg": IN_THE_FUTURE, "type": "value_error"}
    ]
    early = method(client, alice_token, "1899-12-31", {})
    assert early.status_code == 422
    assert early.json()["detail"][0]["msg"] == TOO_EARLY
    assert not Night.objects.exists()


def test_every_problem_of_a_night_is_one_detail_entry(client: Client, alice_token: str) -> None:
    response = put(client, alice_token, "2999-01-01", {"standing_hours": 20, "sitting_hours": 5})
    assert response.status_code == 422
    assert [(d["loc"], d["msg"]) for d in response.json()["detail"]] == [
        (["body", "date"], IN_THE_FUTURE),
        (["body", "sitting_hours"], TOO_MANY_HOURS),
    ]
