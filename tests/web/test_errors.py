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


def test_a_missing_page_offers_cramp_now_and_a_way_back(client: Client) -> None:
    page = client.get("/no-such-page/")
    html = page.content.decode()
    assert page.status_code == 404
    assert 'href="/now"' in html and 'href="/"' in html and "This page is not here" in html


def test_a_button_only_address_opened_by_hand_gets_a_page_not_an_empty_405(
    client: Client,
) -> None:
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("ann"))
    page = client.get("/triage/start/")
    assert page.status_code == 405 and page["Allow"] == "POST"
    assert "Nothing was saved or changed" in page.content.decode()
    api = client.get("/api/v1/episodes/1/followed")  # the API keeps its own answers
    assert api.status_code in (404, 405) and "text/html" not in api["Content-Type"]


def test_an_unknown_address_below_a_share_link_keeps_the_links_private_headers(
    client: Client,
) -> None:
    from nightcramp.web.sharing.headers import PRIVATE_HEADERS

    page = client.get("/s/" + "a" * 43 + "/extra")
    assert page.status_code == 404 and "This link does not work" in page.content.decode()
    for name, value in PRIVATE_HEADERS.items():
        assert page[name] == value, name
