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


def _make_link(page: Page, live_server: LiveServer) -> str:
    """Make a link on /share/ and return its address as the page shows it."""
    page.goto(f"{live_server.url}/share/")
    page.get_by_label("How many days should the link work?").fill("3")
    page.get_by_role("button", name="Make the link").click()
    url = page.locator("[data-share-url]").inner_text().strip()
    assert url.startswith(live_server.url + "/s/")
    return url


def test_a_new_link_shows_a_scannable_qr_code_and_opens_the_summary_elsewhere(
    page: Page, browser: Browser, live_server: LiveServer
) -> None:
    url = _make_link(page, live_server)
    qr = page.locator("[data-share-qr] svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 150 and box["x"] + box["width"] <= 390
    ground = page.locator("[data-share-qr]").evaluate("e => getComputedStyle(e).backgroundColor")
    assert ground == "rgb(255, 255, 255)"  # dark squares on white, in night colours too
    assert _sideways_overflow(page) == []

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


def _qr_geometry(page: Page) -> dict[str, float]:
    """Where the QR code's dark squares sit: in the white box and in the card around it."""
    found: dict[str, float] = page.evaluate(
        """() => {
            const white = document.querySelector('[data-share-qr]').getBoundingClientRect();
            const svg = document.querySelector('[data-share-qr] svg').getBoundingClientRect();
            // The squares are strokes half a module either side of their line; the box of
            // the path leaves the strokes out, so it is measured from its left and right ends.
            const code = document.querySelector('[data-share-qr] svg path')
                .getBoundingClientRect();
            const card = document.querySelector('[data-new-link]');
            const pad = parseFloat(getComputedStyle(card).paddingLeft);
            const inner = card.getBoundingClientRect();
            return {
                size: code.width,
                square: Math.abs(svg.width - svg.height),
                quiet: Math.min(code.left - white.left, white.right - code.right),
                module: code.width / 37,
                left: white.left - (inner.left + pad),
                right: (inner.right - pad) - white.right,
            };
        }"""
    )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_link_card_has_a_centred_qr_code_with_a_quiet_zone_and_passes_axe(
    browser: Browser, live_server: LiveServer, scheme: Literal["dark", "light"]
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, color_scheme=scheme
    )
    page = context.new_page()
    try:
        _make_link(page, live_server)
        for zoomed in (False, True):
            if zoomed:
                _zoom_text(page)
            qr = _qr_geometry(page)
            assert qr["size"] >= 200 and qr["square"] < 1, qr
            assert qr["quiet"] >= 4 * qr["module"], qr  # four modules of white all round
            assert abs(qr["left"] - qr["right"]) <= 2, qr  # centred in the card
        _serve_axe(page)  # no reload: that would post the form again
        serious = [
            v
            for v in _axe(page, live_server, f"share-made-{scheme}")
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], _describe(serious)
    finally:
        context.close()


def test_the_whole_link_is_readable_at_390_px_and_at_200_percent_text(
    page: Page, live_server: LiveServer
) -> None:
    url = _make_link(page, live_server)
    link = page.locator("[data-share-url]")
    for zoomed in (False, True):
        if zoomed:
            _zoom_text(page)
        clipped = link.evaluate(
            "e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"
        )
        assert clipped is False
        assert link.inner_text().replace("\n", "") == url
        overflow = _sideways_overflow(page)
        assert overflow == [], (zoomed, overflow)


def test_a_link_on_this_computer_is_warned_about_above_the_link(
    page: Page, live_server: LiveServer
) -> None:
    _make_link(page, live_server)  # the live server answers on localhost
    warning = page.locator("[data-share-local]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("only works on this computer")
    above = warning.bounding_box()
    link = page.locator("[data-share-url]").bounding_box()
    assert above is not None and link is not None and above["y"] < link["y"]


def test_copy_link_puts_the_link_on_the_clipboard_and_says_copied(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        url = _make_link(page, live_server)
        status = page.locator("[data-copy-status]")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_text("")
        page.get_by_role("button", name="Copy link").click()
        expect(status).to_have_text("Copied")
        assert page.evaluate("() => navigator.clipboard.readText()") == url
    finally:
        context.close()


def test_without_the_clipboard_copy_link_selects_the_link(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"
        "document.execCommand = () => false;"
    )
    page = context.new_page()
    try:
        url = _make_link(page, live_server)
        page.get_by_role("button", name="Copy link").click()
        assert page.evaluate("() => String(window.getSelection())").strip() == url
        expect(page.locator("[data-copy-status]")).to_contain_text("selected")
    finally:
        context.close()


def test_share_button_appears_only_where_the_phone_can_share(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        _make_link(page, live_server)
        expect(page.get_by_role("button", name="Copy link")).to_be_visible()
        share = page.locator("[data-share-link]")
        if page.evaluate("() => 'share' in navigator"):
            expect(share).to_be_visible()
        else:
            expect(share).to_be_hidden()
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(
        "window.__shared = [];"
        "navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };"
    )
    page = context.new_page()
    try:
        url = _make_link(page, live_server)
        page.get_by_role("button", name="Share…").click()
        shared = page.evaluate("() => window.__shared")
        assert [item["url"] for item in shared] == [url]
    finally:
        context.close()


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


def test_the_shared_medicines_fit_a_phone_at_200_percent_text(
    page: Page, live_server: LiveServer
) -> None:
    from nightcramp.store.diary.models import Medication

    person = User.objects.create_user(username="enid", password="a-long-enough-password-1")
    store_diary(person, nights=30, end=timezone.localdate() - dt.timedelta(days=2))
    for name, dose in (("indapamide", "2.5 mg each morning"), ("atorvastatin", "20 mg")):
        Medication.objects.create(user=person, name=name, dose=dose, started_on=dt.date(2024, 6, 1))
    page.goto(live_server.url + create_link(person, now=timezone.now()).path)
    _zoom_text(page)
    table = page.locator("[data-medicines] table")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390, box
    assert _sideways_overflow(page) == []
    expect(page.locator("[data-medicines]")).to_contain_text("1 Jun 2024")
