"""CONTRACT.md "Web app and JSON API": the promises of /api/v1/ checked from the outside."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_openapi_document_lists_the_diary_endpoints(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/episodes"])
    assert {"get", "put", "delete"} <= set(paths["/api/v1/episodes/{episode_id}"])
    assert {"get", "put", "delete"} <= set(paths["/api/v1/nights/{night_date}"])
    assert "get" in paths["/api/v1/nights"]
    assert {"get", "put"} <= set(paths["/api/v1/profile"])
    assert {"get", "post"} <= set(paths["/api/v1/medications"])


def test_list_answers_items_count_next_with_default_and_maximum_page(
    client: Client, alice_token: str
) -> None:
    body = client.get("/api/v1/episodes", headers=_auth(alice_token)).json()
    assert body == {"items": [], "count": 0, "next": None}
    limit = client.get("/api/v1/nights", {"limit": 1000}, headers=_auth(alice_token))
    assert limit.status_code == 200
    assert client.get(
        "/api/v1/nights", {"limit": 1001}, headers=_auth(alice_token)
    ).status_code in {
        400,
        422,
    }


def test_relief_is_an_array_and_relief_worked_an_id_or_null(
    client: Client, alice_token: str
) -> None:
    body = client.post(
        "/api/v1/episodes",
        {"started_at": "2026-01-01T23:00", "relief": ["massage", "heat"]},
        content_type="application/json",
        headers=_auth(alice_token),
    ).json()
    assert body["relief"] == ["massage", "heat"]
    assert body["relief_worked"] is None


def test_a_host_name_it_is_not_served_as_is_refused(client: Client) -> None:
    response = client.get("/api/v1/episodes", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}  # JSON, as every API answer


def test_a_cross_site_origin_is_refused_for_writes_also_in_local_mode(client: Client) -> None:
    response = client.post(
        "/api/v1/episodes",
        {"started_at": "2026-01-01T23:00"},
        content_type="application/json",
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "detail" in response.json()
    same_site = client.post(
        "/api/v1/episodes",
        {"started_at": "2026-01-01T23:00"},
        content_type="application/json",
        headers={"Origin": "http://testserver"},
    )
    assert same_site.status_code == 201


def test_local_mode_serves_one_user_without_login_while_no_account_exists(
    client: Client,
) -> None:
    response = client.put(
        "/api/v1/nights/2026-01-01", {"water_glasses": 2}, content_type="application/json"
    )
    assert response.status_code == 200
    assert client.get("/api/v1/nights").json()["count"] == 1


def test_bad_input_answers_4xx_json_naming_the_field(client: Client, alice_token: str) -> None:
    response = client.post(
        "/api/v1/episodes",
        {"started_at": "2026-01-01T23:00", "severity": 12},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code in {400, 422}
    assert "severity" in response.content.decode()
