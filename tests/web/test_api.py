"""The NinjaAPI under /api/v1/: every app's routes mounted, and a field rule's reason as written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nightcramp import __version__

pytestmark = pytest.mark.django_db


def _post_episode(client: Client, token: str, body: dict[str, Any]) -> Any:
    return client.post(
        "/api/v1/episodes",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_document_names_the_api_and_its_version(client: Client) -> None:
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert (info["title"], info["version"]) == ("nightcramp API", __version__)


def test_each_apps_routes_are_mounted_under_api_v1(client: Client) -> None:
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    for path in ("episodes", "nights", "profile", "triage", "insights", "plan", "experiments"):
        assert f"/api/v1/{path}" in paths
    assert all(p.startswith("/api/v1/") for p in paths)


def test_a_field_rules_reason_reads_without_pydantics_prefix(
    client: Client, alice_token: str
) -> None:
    response = _post_episode(
        client, alice_token, {"started_at": "2026-03-04T02:30", "severity": 11}
    )
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["type"] == "value_error"
    assert item["msg"] == "must be a whole number from 0 to 10, not 11"
    assert item["loc"][-1] == "severity"


def test_other_validation_errors_keep_their_message(client: Client, alice_token: str) -> None:
    response = _post_episode(client, alice_token, {})
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["type"], item["msg"], item["loc"][-1]) == (
        "missing",
        "Field required",
        "started_at",
    )
