"""Day and night in a phone-sized browser: the phone's light setting gives day colours, the
switch sticks across pages with no flash, and axe finds nothing in day colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.web.test_accessibility import _axe, _describe, _serve_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY_PAGES = ["/", "/help", "/checkin", "/log", "/plan/", "/learn/", "/history"]


@pytest.fixture
def day(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme="light",
    )
    yield context
    context.close()  # the worker's downloads end before the database is emptied


def _background(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_a_light_phone_gets_day_colours_and_a_dark_one_night(
    page: Page, day: BrowserContext, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/")
    assert _background(page) == "rgb(11, 15, 20)"
    light = day.new_page()
    light.goto(f"{live_server.url}/")
    assert _background(light) == "rgb(246, 244, 239)"


def test_the_switch_sticks_and_the_server_draws_it_first(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/")
    page.locator(".menu-btn").click()
    switch = page.locator("[data-theme-switch]")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert _background(page) == "rgb(246, 244, 239)"
    # The next page comes from the server already in day colours: no dark or white flash.
    response = page.goto(f"{live_server.url}/help")
    assert response is not None
    assert 'data-theme="day"' in response.text()
    assert _background(page) == "rgb(246, 244, 239)"


@pytest.mark.parametrize("url", DAY_PAGES)
def test_axe_finds_nothing_in_day_colours(
    day: BrowserContext, live_server: LiveServer, url: str
) -> None:
    page = day.new_page()
    _serve_axe(page)
    page.goto(f"{live_server.url}{url}")
    violations = _axe(page, live_server, f"day{url}")
    assert violations == [], _describe(violations)
