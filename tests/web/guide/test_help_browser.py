"""/help in a phone-sized browser: the warning cards stand apart, their sources fold behind a
44 px summary, and nothing scrolls sideways."""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_warning_cards_have_a_gap_and_a_big_sources_summary(
    page: Page, live_server: LiveServer, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]  # "light" | "dark"
    page.goto(f"{live_server.url}/help")
    cards = page.locator("[data-red-flag]")
    count = cards.count()
    assert count >= 2
    boxes = [cards.nth(i).bounding_box() for i in range(count)]
    for above, below in pairwise(boxes):
        assert above is not None and below is not None
        gap = below["y"] - (above["y"] + above["height"])
        assert gap >= 12, gap
    summaries = page.locator("[data-red-flag] details.help-sources > summary")
    expect(summaries).to_have_count(count)
    for i in range(count):
        box = summaries.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44, box
    first = cards.first
    expect(first.locator(".sources")).to_be_hidden()
    first.locator("summary").click()
    expect(first.locator(".sources")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
