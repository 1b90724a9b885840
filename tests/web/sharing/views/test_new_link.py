"""The card that shows a new share link once: a warning when the address only works on this
computer, the link in full, and the buttons that copy or share it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.config import load_config

pytestmark = pytest.mark.django_db

WARNING = "only works on this computer"


def _made(user: User, host: str = "testserver") -> str:
    client = Client()
    client.force_login(user)
    response = client.post("/share/", {"days": "14"}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def _card(body: str) -> str:
    return body.split("data-new-link")[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("127.1.2.3", "http://127.1.2.3"),
        ("localhost:8000", "http://localhost:8000"),
        ("[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_a_link_on_a_loopback_address_says_the_doctor_cannot_open_it(
    alice: User, settings: Any, host: str, shown: str
) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    settings.CONFIG = load_config({})
    card = _card(_made(alice, host))
    warning = card.split("data-share-local")[1].split("</div>")[0]
    assert f"This link starts with {shown}, which {WARNING}." in warning
    assert "NIGHTCRAMP_BASE_URL" not in warning  # plain words on the page; the guide explains
    assert "Sharing from home" in warning
    # The warning comes before the link, so it is read first.
    assert card.index("data-share-local") < card.index("data-share-url")


@pytest.mark.parametrize("host", ["testserver", "nas.local:8000", "192.168.1.20:8000"])
def test_a_link_at_another_address_has_no_warning(alice: User, settings: Any, host: str) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    settings.CONFIG = load_config({})
    body = _made(alice, host)
    assert "data-share-local" not in body and WARNING not in body


def test_the_base_url_decides_not_the_address_the_page_was_opened_at(
    alice: User, settings: Any
) -> None:
    settings.CONFIG = load_config({"NIGHTCRAMP_BASE_URL": "https://cramps.example.org"})
    assert WARNING not in _made(alice, "127.0.0.1:8765")
    settings.ALLOWED_HOSTS = ["*"]
    settings.CONFIG = load_config({"NIGHTCRAMP_BASE_URL": "http://localhost:8765"})
    card = _card(_made(alice, "nas.local"))
    assert f"This link starts with http://localhost:8765, which {WARNING}." in card


def test_the_link_is_shown_as_text_with_copy_and_share_buttons(alice: User) -> None:
    card = _card(_made(alice))
    url = re.search(r"<p[^>]*data-share-url[^>]*>(http://testserver/s/[\w-]+/)</p>", card)
    assert url is not None, card
    assert re.search(r'<button type="button"[^>]*data-copy-link[^>]*>Copy link</button>', card)
    assert re.search(r'<button type="button"[^>]*data-share-link[^>]*>Share…</button>', card)
    # Without JavaScript the buttons would do nothing: the script shows them.
    for name in ("data-copy-link", "data-share-link"):
        assert re.search(rf"<button [^>]*{name}[^>]* hidden", card)
    status = re.search(r"<p [^>]*data-copy-status[^>]*>", card)
    assert status is not None and 'role="status"' in status.group(0)


def test_the_buttons_script_is_a_static_file_and_nothing_is_inline(alice: User) -> None:
    body = _made(alice)
    assert re.search(r'<script src="/static/nightcramp/copy_link\.js" defer></script>', body)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)  # no inline script
    assert " style=" not in body and "<style" not in body
    assert not re.search(r" on[a-z]+=", body)  # no inline event handlers


def test_the_page_without_a_new_link_loads_no_copy_script(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    body = client.get("/share/").content.decode()
    assert "copy_link.js" not in body and WARNING not in body


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8000"])
def test_a_loopback_link_does_not_promise_a_scan_or_offer_the_report_with_its_code(
    alice: User, settings: Any, host: str
) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    settings.CONFIG = load_config({})
    card = _card(_made(alice, host))
    assert "can scan" not in card
    assert "Download the report with this code on it" not in card
    assert "data-share-pdf" not in card and "/share/pdf" not in card
    assert "only works on this computer too" in card  # the code says what it is
    # Plain words for the guide, no file path for someone who has never seen the repository.
    assert "docs/" not in card and ".md" not in card


def test_a_link_at_a_reachable_address_offers_the_scan_and_the_report_with_its_code(
    alice: User,
) -> None:
    card = _card(_made(alice))
    assert "Your doctor can scan this code with a phone camera." in card
    assert "Download the report with this code on it" in card
