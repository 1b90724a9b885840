"""Local mode only for visitors on this machine; the Origin check for writes."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "127.0.0.2"])
def test_local_mode_serves_a_visitor_on_this_machine_without_login(address: str) -> None:
    client = Client(REMOTE_ADDR=address)
    assert client.get("/api/v1/episodes").status_code == 200


@pytest.mark.parametrize("address", ["192.168.1.20", "203.0.113.7", "", "not-an-address"])
def test_local_mode_never_serves_a_visitor_from_another_machine(address: str) -> None:
    client = Client(REMOTE_ADDR=address)
    response = client.get("/api/v1/episodes")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_write_whose_origin_is_another_site_is_refused_before_anything_is_stored() -> None:
    client = Client()
    response = client.put(
        "/api/v1/nights/2026-01-01",
        {"water_glasses": 3},
        content_type="application/json",
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403
    assert client.get("/api/v1/nights").json()["count"] == 0
