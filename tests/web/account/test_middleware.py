"""Local mode only for visitors on this machine (or, through a proxy here, the home network);
the Origin check for writes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nightcramp.config import Config

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


# A reverse proxy on this machine (Caddy) passes requests on from 127.0.0.1 and names the visitor.
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_FORWARDED_FOR": "127.0.0.1"},
        {"HTTP_X_FORWARDED_FOR": "192.168.1.20"},  # a phone on the home network
        {"HTTP_X_FORWARDED_FOR": "8.8.8.8, 10.0.0.7"},  # the last entry is the proxy's own
        {"HTTP_X_FORWARDED_FOR": "[fd00::5]:51234"},
        {"HTTP_X_REAL_IP": "100.64.1.2"},  # a VPN address, not on the internet
        {"HTTP_FORWARDED": 'for="[fe80::1]:80";proto=https'},
    ],
)
def test_through_a_proxy_here_a_visitor_on_the_home_network_gets_local_mode(
    headers: dict[str, Any],
) -> None:
    assert Client().get("/api/v1/episodes", REMOTE_ADDR="127.0.0.1", **headers).status_code == 200


@pytest.mark.parametrize("behind_proxy", [True, False])
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_FORWARDED_FOR": "8.8.8.8"},
        {"HTTP_X_FORWARDED_FOR": "192.168.1.20, 2001:4860::8888"},
        {"HTTP_X_FORWARDED_FOR": "unknown"},  # names no address: not trusted
        {"HTTP_X_FORWARDED_FOR": ""},
        {"HTTP_X_REAL_IP": "8.8.4.4"},
        {"HTTP_FORWARDED": "for=1.1.1.1;proto=https"},
        {"HTTP_FORWARDED": "proto=https"},  # no visitor named
        {"HTTP_X_FORWARDED_FOR": "2001:0:53aa:64c:0:3c4b:4b3e:b6b1"},  # Teredo: the internet
        # A made-up header beside the proxy's own never lends local mode.
        {"HTTP_X_REAL_IP": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "8.8.8.8"},
    ],
)
def test_through_a_proxy_a_visitor_from_the_internet_never_gets_local_mode(
    headers: dict[str, Any], behind_proxy: bool, settings: Any
) -> None:
    settings.CONFIG = Config(behind_proxy=behind_proxy)
    response = Client().get("/api/v1/episodes", REMOTE_ADDR="127.0.0.1", **headers)
    assert response.status_code == 401


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
