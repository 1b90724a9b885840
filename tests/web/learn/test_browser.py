"""/learn in a phone-sized browser: readable, red flags visible without scrolling far."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NIGHTCRAMP_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"learn-{name}.png"), full_page=False)


def test_learn_index_on_a_phone_shows_the_warning_line_and_topics(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/learn/")
    warning = page.locator(".learn-urgent-line")
    expect(warning).to_be_visible()
    assert warning.bounding_box() is not None
    assert (warning.bounding_box() or {"y": 9999})["y"] < 844
    expect(page.get_by_role("link", name="Supplements and home remedies")).to_be_visible()
    _shot(page, "index")
    page.get_by_role("link", name="Supplements and home remedies").click()
    expect(
        page.get_by_role("heading", name="Supplements and home remedies", level=1)
    ).to_be_visible()
    _shot(page, "remedies")
    claim = page.locator(".learn-claim").first
    claim.scroll_into_view_if_needed()
    expect(claim).to_contain_text("The evidence says:")
    _shot(page, "remedies-detail")


def test_relief_topic_shows_its_safety_check_first_on_screen(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/learn/relief/")
    first = page.locator("article.learn-entry").first
    expect(first).to_have_attribute("data-entry", "relief_safety_first")
    expect(first).to_be_visible()
    assert (first.bounding_box() or {"y": 9999})["y"] < 844
    _shot(page, "relief")


def test_learn_page_loads_with_no_console_errors(page: Page, live_server: LiveServer) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/learn/red_flags/")
    expect(page.locator("article.learn-entry").first).to_be_visible()
    _shot(page, "red-flags")
    assert errors == []
