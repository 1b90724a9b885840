"""Day and night: the phone's setting until the switch is used; the server draws the chosen
colours from the cookie so nothing flashes; the menu reaches every page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _html_tag(client: Client, url: str = "/") -> str:
    html = client.get(url).content.decode()
    found = re.search(r"<html[^>]*>", html)
    assert found
    return found.group(0)


def test_with_no_choice_the_page_follows_the_phone(client: Client) -> None:
    assert 'data-theme="auto"' in _html_tag(client)
    assert '<meta name="color-scheme" content="dark light">' in client.get("/").content.decode()


@pytest.mark.parametrize(("choice", "scheme"), [("day", "light"), ("night", "dark")])
def test_a_chosen_theme_is_drawn_by_the_server(client: Client, choice: str, scheme: str) -> None:
    client.cookies["nightcramp_theme"] = choice
    assert f'data-theme="{choice}"' in _html_tag(client, "/help")
    assert f'<meta name="color-scheme" content="{scheme}">' in client.get("/").content.decode()


def test_a_strange_cookie_value_means_no_choice(client: Client) -> None:
    client.cookies["nightcramp_theme"] = '"><script>'
    assert 'data-theme="auto"' in _html_tag(client)


def test_the_switch_is_on_every_page_with_the_menu(client: Client) -> None:
    html = client.get("/learn/").content.decode()
    assert "data-theme-switch" in html


@pytest.mark.parametrize(
    ("href", "words"),
    [("/profile", "About you"), ("/medicines", "Medicines"), ("/help", "When to get help")],
)
def test_the_menu_reaches_every_page(client: Client, href: str, words: str) -> None:
    nav = client.get("/").content.decode().split('<nav id="site-nav"')[1].split("</nav>")[0]
    assert f'<a href="{href}">{words}</a>' in nav


def test_the_menu_reaches_experiments_when_the_app_has_them(client: Client) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("experiments:index")
    except NoReverseMatch:
        pytest.skip("no experiment pages in this build")
    nav = client.get("/").content.decode().split('<nav id="site-nav"')[1].split("</nav>")[0]
    assert f'<a href="{url}">Experiments</a>' in nav
