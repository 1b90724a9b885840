"""The API's authentication: Bearer token, a logged-in session (with CSRF), local mode."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.conftest import make_token

from nightcramp.store.account.models import ApiToken, TokenScope
from nightcramp.store.account.tokens import issue_token

pytestmark = pytest.mark.django_db


def test_a_session_may_read_and_write_with_its_csrf_token(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/v1/episodes").status_code == 200
    body = {"started_at": "2026-01-01T23:00"}
    refused = client.post("/api/v1/episodes", body, content_type="application/json")
    assert refused.status_code == 401
    csrf = "A" * 32  # a CSRF secret as the cookie; the same value as the header token
    client.cookies["csrftoken"] = csrf
    accepted = client.post(
        "/api/v1/episodes", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201


def test_a_token_acts_for_its_owner_even_with_another_session(
    alice: User, bob: User, bob_token: str
) -> None:
    client = Client()
    client.force_login(alice)
    client.post(
        "/api/v1/episodes",
        {"started_at": "2026-01-01T23:00"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {bob_token}"},
    )
    assert client.get("/api/v1/episodes").json()["count"] == 0
    listed = client.get("/api/v1/episodes", headers={"Authorization": f"Bearer {bob_token}"})
    assert listed.json()["count"] == 1


def test_a_token_of_a_deactivated_account_is_refused(client: Client, alice: User) -> None:
    token = make_token(alice)
    alice.is_active = False
    alice.save()
    response = client.get("/api/v1/episodes", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_using_a_token_records_when_it_was_last_used(client: Client, alice_token: str) -> None:
    assert ApiToken.objects.get().last_used is None
    client.get("/api/v1/profile", headers={"Authorization": f"Bearer {alice_token}"})
    assert ApiToken.objects.get().last_used is not None


def test_a_read_only_token_reads_but_every_write_is_refused_403_json(
    client: Client, alice: User
) -> None:
    writer = issue_token(alice)
    made = client.post(
        "/api/v1/episodes",
        {"started_at": "2026-01-01T23:00"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {writer}"},
    )
    assert made.status_code == 201
    episode = f"/api/v1/episodes/{made.json()['id']}"
    reader = {"Authorization": f"Bearer {issue_token(alice, scope=TokenScope.READ)}"}
    assert client.get("/api/v1/episodes", headers=reader).json()["count"] == 1
    assert client.get(episode, headers=reader).status_code == 200
    writes = [
        client.post(
            "/api/v1/episodes",
            {"started_at": "2026-01-02T23:00"},
            content_type="application/json",
            headers=reader,
        ),
        client.put(episode, {"started_at": "2026-01-01T22:00"}, "application/json", headers=reader),
        client.patch(
            "/api/v1/nights/2026-01-01", {"water_glasses": 2}, "application/json", headers=reader
        ),
        client.delete(episode, headers=reader),
    ]
    for refused in writes:
        assert refused.status_code == 403
        assert "read" in refused.json()["detail"]
    assert client.get("/api/v1/episodes", headers=reader).json()["count"] == 1
    assert client.get(episode, headers=reader).json()["started_at"].startswith("2026-01-01T23")


def test_a_token_made_without_a_scope_may_write(client: Client, alice: User) -> None:
    token = make_token(alice)
    assert ApiToken.objects.get().scope == "write"
    response = client.put(
        "/api/v1/nights/2026-01-01",
        {"water_glasses": 3},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("scheme", ["bearer", "BEARER"])
def test_the_bearer_scheme_is_accepted_in_any_case(
    client: Client, alice_token: str, scheme: str
) -> None:
    response = client.get("/api/v1/episodes", headers={"Authorization": f"{scheme} {alice_token}"})
    assert response.status_code == 200


def test_in_local_mode_a_write_needs_no_csrf_token(db: None) -> None:
    client = Client(enforce_csrf_checks=True)  # from 127.0.0.1, with no account yet
    response = client.post(
        "/api/v1/episodes", {"started_at": "2026-01-01T23:00"}, content_type="application/json"
    )
    assert response.status_code == 201
