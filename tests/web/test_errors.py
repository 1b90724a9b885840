"""Error answers: JSON under /api/, the site's own pages elsewhere."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_api_route_that_does_not_exist_answers_json_404(client: Client) -> None:
    response = client.get("/api/v1/nonexistent")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_page_that_does_not_exist_answers_html_404(client: Client) -> None:
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


def test_a_host_name_not_served_gets_json_400_under_api_and_never_its_own_name_back(
    client: Client,
) -> None:
    api = client.get("/api/v1/episodes", HTTP_HOST="evil.example")
    assert api.status_code == 400 and api.json() == {"detail": "Bad request."}
    page = client.get("/", HTTP_HOST="evil.example")
    assert page.status_code == 400 and b"evil.example" not in page.content
