"""The diary's busiest routes answer without checking their bodies against the response schema
again: each body must already be exactly what that schema would give (fields, order, types)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel

from nightcramp.web.diary.schemas import EpisodeList, EpisodeOut, NightList, NightOut

pytestmark = pytest.mark.django_db

CRAMP = {
    "started_at": "2026-11-10T02:30:00+01:00",
    "muscle": "calf",
    "side": "left",
    "duration_min": 3,
    "severity": 5,
    "relief": ["stretch", "walk"],
    "relief_worked": "stretch",
    "woke_from_sleep": True,
    "notes": "after a long walk",
}


def _same_as_schema(schema: type[BaseModel], raw: bytes) -> None:
    """The body, checked by the schema and written out again, is byte for byte the body."""
    checked = schema.model_validate_json(raw).model_dump(mode="json")
    assert json.dumps(checked) == raw.decode()


def _send(
    client: Client, token: str, method: str, path: str, body: Any = None, **headers: str
) -> Any:
    return client.generic(
        method,
        path,
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def test_logged_cramps_and_their_pages_are_the_schemas_bodies(
    client: Client, alice_token: str
) -> None:
    first = _send(
        client, alice_token, "POST", "/api/v1/episodes", CRAMP, **{"Idempotency-Key": "a"}
    )
    assert first.status_code == 201 and first["Content-Type"] == "application/json; charset=utf-8"
    _same_as_schema(EpisodeOut, first.content)
    again = _send(
        client, alice_token, "POST", "/api/v1/episodes", CRAMP, **{"Idempotency-Key": "a"}
    )
    assert again.content == first.content
    plain = {"started_at": "2026-11-11T01:00", "muscle": "foot", "duration_min": 2.5}
    second = _send(client, alice_token, "POST", "/api/v1/episodes", plain)
    assert second.status_code == 201
    _same_as_schema(EpisodeOut, second.content)
    for path in ("/api/v1/episodes", "/api/v1/episodes?limit=1", "/api/v1/episodes?offset=9"):
        page = _send(client, alice_token, "GET", path)
        assert page.status_code == 200
        _same_as_schema(EpisodeList, page.content)


def test_saved_nights_and_their_pages_are_the_schemas_bodies(
    client: Client, alice_token: str
) -> None:
    night = {"water_glasses": 5, "standing_hours": 2, "bedtime_stretch": False, "knee_ache": 3}
    saved = _send(client, alice_token, "PUT", "/api/v1/nights/2026-11-09", night)
    assert saved.status_code == 200
    _same_as_schema(NightOut, saved.content)
    assert saved.json()["knee_ache"] == 3 and saved.json()["standing_hours"] == 2.0
    _send(
        client, alice_token, "POST", "/api/v1/episodes", {**CRAMP, "started_at": "2026-11-10T01:00"}
    )
    patched = _send(
        client, alice_token, "PATCH", "/api/v1/nights/2026-11-09", {"alcohol_drinks": 1}
    )
    assert patched.json()["cramps"] == 1
    _same_as_schema(NightOut, patched.content)
    for path in ("/api/v1/nights", "/api/v1/nights/2026-11-09", "/api/v1/nights?offset=3"):
        page = _send(client, alice_token, "GET", path)
        assert page.status_code == 200
        _same_as_schema(
            NightList if "?" in path or path.endswith("nights") else NightOut, page.content
        )
