"""GET /api/v1/insights: the analysis document for the token's owner."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.insight.conftest import store_diary

pytestmark = pytest.mark.django_db


def _get(client: Client, token: str, query: str = "") -> tuple[int, dict[str, object]]:
    response = client.get(f"/api/v1/insights{query}", HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, json.loads(response.content)


def test_insights_need_a_token(client: Client, alice: User) -> None:
    response = client.get("/api/v1/insights", HTTP_AUTHORIZATION="Bearer wrong")
    assert response.status_code == 401


def test_insights_answer_the_contract_document(
    client: Client, alice: User, alice_token: str
) -> None:
    store_diary(alice)
    status, body = _get(client, alice_token)
    assert status == 200
    assert isinstance(body["nights"], int) and body["nights"] > 60
    factors = body["factors"]
    assert isinstance(factors, list)
    assert {f["verdict"] for f in factors} <= {
        "likely_trigger", "likely_protective", "no_clear_effect", "not_enough_data",
    }  # fmt: skip
    ranks = [r["rank"] for r in body["relief"]]  # type: ignore[attr-defined]
    assert ranks == sorted(ranks)


def test_suspects_form_their_own_family(client: Client, alice: User, alice_token: str) -> None:
    store_diary(alice)
    status, body = _get(client, alice_token, "?suspect=alcohol_drinks")
    assert status == 200, body
    assert body["suspects"] == ["alcohol_drinks"]
    families = {f["factor"]: f["family"] for f in body["factors"]}  # type: ignore[attr-defined]
    assert families["alcohol_drinks"] == "suspect"
    assert families["water_glasses"] == "exploratory"


def test_unknown_suspect_answers_422_naming_the_field(
    client: Client, alice: User, alice_token: str
) -> None:
    status, body = _get(client, alice_token, "?suspect=moon_phase")
    assert status == 422
    assert "suspect" in json.dumps(body)


def test_bob_gets_his_own_empty_analysis(client: Client, alice: User, bob_token: str) -> None:
    store_diary(alice, n_nights=30)
    status, body = _get(client, bob_token)
    assert status == 200
    assert body["nights"] == 0
