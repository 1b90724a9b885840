"""Whole addresses for links that leave the page: NIGHTCRAMP_BASE_URL wins over the request."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory

from nightcramp.config import load_config
from nightcramp.web.links import public_url


def test_without_a_base_url_the_address_is_the_one_the_request_came_to(settings: Any) -> None:
    settings.CONFIG = load_config({})
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000")
    assert public_url(request, "/plan/x.ics") == "http://127.0.0.1:8000/plan/x.ics"


def test_the_base_url_is_used_whatever_address_the_request_came_to(settings: Any) -> None:
    settings.CONFIG = load_config({"NIGHTCRAMP_BASE_URL": "https://cramps.home.arpa/"})
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000")
    assert public_url(request, "/plan/x.ics") == "https://cramps.home.arpa/plan/x.ics"


@pytest.mark.django_db
def test_the_calendar_feed_link_uses_the_base_url(client: Client, settings: Any) -> None:
    settings.CONFIG = load_config({"NIGHTCRAMP_BASE_URL": "https://cramps.home.arpa"})
    assert client.post("/plan/calendar/new").status_code == 302
    html = client.get("/plan/calendar/").content.decode()
    assert re.search(
        r"data-share-url[^>]*>https://cramps\.home\.arpa/plan/calendar/[^<]+\.ics</p>", html
    )
    assert "http://testserver/plan/calendar/" not in html
