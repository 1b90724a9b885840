"""In a phone-sized Debian chromium (390 × 844): the Insights page of a 90-night and a 2-year
diary, its charts' type size, and how far one scrolls before the details."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from tests.web.insight.conftest import store_diary

from nightcramp.store.account.local import local_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("NIGHTCRAMP_SCREENSHOTS", "/tmp/nightcramp-screenshots"))
SCREEN = 844

# The smallest text of every chart, in CSS px as drawn (font size x the SVG's scale).
_SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('[font-size]')) {
      smallest = Math.min(smallest, parseFloat(text.getAttribute('font-size')) * scale);
    }
  }
  return smallest;
}"""


def _open_all_details(page: Page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


def test_insights_page_draws_charts_without_csp_errors(page: Page, live_server: Any) -> None:
    user = local_user()
    assert isinstance(user, User)
    store_diary(user, n_nights=90)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/insights/")
    expect(page.get_by_role("heading", name="Why am I cramping?")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "insights-90-nights.png"), full_page=True)
    _open_all_details(page)
    chart = page.get_by_role("img", name="Cramp nights per week")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390
    assert page.evaluate(_SMALLEST_CHART_TEXT) >= 14
    page.get_by_role("checkbox", name="alcohol").check()
    page.get_by_role("button", name="Check these").click()
    expect(page.locator("[data-findings]").get_by_text("Alcohol (your suspect)")).to_be_visible()
    assert errors == []


def test_two_years_fit_in_three_screens_before_the_details(page: Page, live_server: Any) -> None:
    user = local_user()
    assert isinstance(user, User)
    store_diary(user, n_nights=730)
    page.goto(f"{live_server.url}/insights/")
    expect(page.get_by_role("heading", name="What stands out")).to_be_visible()
    top = page.locator("#details-title").bounding_box()
    assert top is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "insights-2-years.png"), full_page=True)
    assert top["y"] <= 3 * SCREEN, top
    assert page.evaluate(_SMALLEST_CHART_TEXT) >= 14
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    _open_all_details(page)
    assert page.evaluate(_SMALLEST_CHART_TEXT) >= 14
    page.screenshot(path=str(SHOTS / "insights-2-years-details.png"), full_page=True)
