"""In a phone-sized dark browser: make a share link, see its QR code, open the link elsewhere."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer
from tests.web.report.diaries import store_diary
from tests.web.test_accessibility import (
    _axe,
    _describe,
    _serve_axe,
    _sideways_overflow,
    _zoom_text,
)

from nightcramp.store.sharing.links import create_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(page: Page, live_server: LiveServer, name: str) -> list[str]:
    _serve_axe(page)
    page.reload()
    violations = [
        v for v in _axe(page, live_server, name) if v["impact"] in ("serious", "critical")
    ]
    return [_describe(violations)] if violations else []


def test_a_new_link_shows_a_scannable_qr_code_and_opens_the_summary_elsewhere(
    page: Page, browser: Browser, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/share/")
    page.get_by_label("How many days should the link work?").fill("3")
    page.get_by_role("button", name="Make the link").click()
    qr = page.locator("[data-share-qr] svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 150 and box["x"] + box["width"] <= 390
    ground = page.locator("[data-share-qr]").evaluate("e => getComputedStyle(e).backgroundColor")
    assert ground == "rgb(255, 255, 255)"  # dark squares on white, in night colours too
    assert _sideways_overflow(page) == []
    url = page.locator("[data-share-url]").input_value()

    stranger = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    other = stranger.new_page()
    response = other.goto(url)
    assert response is not None and response.status == 200
    expect(other.locator("[data-shared-summary]")).to_be_visible()
    assert stranger.cookies() == []
    assert _serious(other, live_server, "shared") == []
    _zoom_text(other)
    assert _sideways_overflow(other) == []
    stranger.close()


def test_the_share_page_has_no_serious_axe_violation(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/share/")
    assert _serious(page, live_server, "share") == []
    _zoom_text(page)
    assert _sideways_overflow(page) == []


def _colours(browser: Browser, url: str, scheme: Literal["dark", "light"]) -> dict[str, object]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, color_scheme=scheme
    )
    page = context.new_page()
    try:
        page.goto(url)
        found: dict[str, object] = page.evaluate(
            """() => {
                const svg = document.querySelector('svg.week-chart');
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const texts = [...svg.querySelectorAll('text')];
                return {
                    background: getComputedStyle(document.body).backgroundColor,
                    ink: getComputedStyle(texts[0]).fill,
                    smallest: Math.min(...texts.map(
                        t => parseFloat(getComputedStyle(t).fontSize) * scale)),
                    sideways: document.documentElement.scrollWidth > 390,
                };
            }"""
        )
    finally:
        context.close()
    return found


def test_the_shared_page_follows_light_and_dark_and_its_chart_is_readable(
    browser: Browser, live_server: LiveServer
) -> None:
    person = User.objects.create_user(username="dora", password="a-long-enough-password-1")
    store_diary(person, nights=60, end=timezone.localdate() - dt.timedelta(days=2))
    url = live_server.url + create_link(person, now=timezone.now()).path
    dark = _colours(browser, url, "dark")
    light = _colours(browser, url, "light")
    assert dark["background"] == "rgb(11, 15, 20)"
    assert light["background"] == "rgb(246, 244, 239)"
    assert dark["ink"] != light["ink"]  # the chart's labels change with the page
    for found in (dark, light):
        assert float(str(found["smallest"])) >= 12, found
        assert found["sideways"] is False
