"""In a phone-sized Debian chromium (390 × 844): the Insights page of a 90-night and a 2-year
diary, its charts' type size and contrast in day and night colours, the folded sections' marker,
and how far one scrolls before the details."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, Page, expect
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


@pytest.fixture
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """A phone-sized context in the colour scheme given by the test's parameter."""
    context = browser.new_context(
        viewport={"width": 390, "height": SCREEN},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme=request.param,
    )
    yield context
    context.close()


# WCAG 2 contrast of every chart's text and of its bars and lines, against the card behind it.
_CHART_CONTRAST = """() => {
  const rgb = (paint) => paint.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  const ground = (el) => {
    for (let n = el; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return rgb(c);
    }
    return [255, 255, 255];
  };
  const out = { text: Infinity, marks: Infinity, texts: 0, paints: 0 };
  for (const svg of document.querySelectorAll("svg.chart")) {
    if (svg.getBoundingClientRect().width === 0) continue;
    const bg = ground(svg);
    for (const t of svg.querySelectorAll("text")) {
      out.text = Math.min(out.text, ratio(rgb(getComputedStyle(t).fill), bg));
      out.texts++;
    }
    for (const shape of svg.querySelectorAll("path, use")) {
      if (shape.closest("defs, clipPath")) continue;
      const style = getComputedStyle(shape);
      for (const paint of [style.fill, style.stroke]) {
        if (!paint.startsWith("rgb")) continue;
        out.marks = Math.min(out.marks, ratio(rgb(paint), bg));
        out.paints++;
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("phone", ["light", "dark"], indirect=True)
def test_chart_text_and_bars_stand_out_in_day_and_night_colours(
    phone: BrowserContext, live_server: Any
) -> None:
    user = local_user()
    assert isinstance(user, User)
    store_diary(user, n_nights=90)
    page = phone.new_page()
    page.goto(f"{live_server.url}/insights/")
    _open_all_details(page)
    expect(page.get_by_role("img", name="Cramps by time of night")).to_be_visible()
    contrast = page.evaluate(_CHART_CONTRAST)
    assert contrast["texts"] > 10 and contrast["paints"] > 10, contrast
    assert contrast["text"] >= 4.5, contrast  # WCAG AA for text
    assert contrast["marks"] >= 3, contrast  # WCAG AA for graphics
    SHOTS.mkdir(parents=True, exist_ok=True)
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: light)').matches")
    name = "light" if scheme else "dark"
    page.get_by_role("img", name="Cramp nights per week").screenshot(
        path=str(SHOTS / f"insights-weekly-chart-{name}.png")
    )


# The marker a summary shows: the browser's own (a list item) or a drawn one (::before/::after).
_SUMMARY_MARKER = """(summary) => {
  const own = getComputedStyle(summary);
  const native = own.display === "list-item" && own.listStyleType !== "none";
  const drawn = ["::before", "::after"]
    .map((part) => getComputedStyle(summary, part))
    .find((s) => s.content !== "none" && s.content !== "normal"
      && parseFloat(s.width) >= 8 && parseFloat(s.height) >= 8);
  return {
    height: summary.getBoundingClientRect().height,
    shown: native || drawn !== undefined,
    transform: drawn ? drawn.transform : null,
    colour: drawn ? drawn.borderRightColor : null,
  };
}"""


@pytest.mark.parametrize("phone", ["light"], indirect=True)
def test_folded_sections_show_a_marker_that_turns_when_opened(
    phone: BrowserContext, live_server: Any
) -> None:
    user = local_user()
    assert isinstance(user, User)
    store_diary(user, n_nights=90)
    page = phone.new_page()
    page.emulate_media(reduced_motion="reduce")  # the marker turns at once, with no transition
    page.goto(f"{live_server.url}/insights/")
    summaries = page.locator("details.card > summary")
    assert summaries.count() >= 3
    for index in range(summaries.count()):
        summary = summaries.nth(index)
        closed = summary.evaluate(_SUMMARY_MARKER)
        assert closed["shown"], (summary.inner_text(), closed)
        assert closed["height"] >= 44, closed
        if closed["colour"]:
            assert closed["colour"] != "rgba(0, 0, 0, 0)", closed
        summary.click()
        opened = summary.evaluate(_SUMMARY_MARKER)
        assert opened["shown"] and opened["transform"] != closed["transform"], (closed, opened)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "insights-open-light.png"), full_page=True)


def test_the_relief_table_stacks_into_labelled_rows_at_200_percent_text(
    page: Page, live_server: Any
) -> None:
    user = local_user()
    assert isinstance(user, User)
    store_diary(user, n_nights=90)
    page.set_viewport_size({"width": 390, "height": SCREEN})
    page.goto(f"{live_server.url}/insights/")
    page.evaluate("""() => { const root = document.documentElement;
      root.style.fontSize = (parseFloat(getComputedStyle(root).fontSize) * 2) + 'px'; }""")
    _open_all_details(page)
    table = page.locator("table[data-relief-ranked]")
    table.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "insights-relief-text200.png"))
    box = table.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    minutes = page.locator("table[data-relief-ranked] td[data-label='Minutes']").first
    label = minutes.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Minutes: "'
    cell = minutes.bounding_box()
    assert cell is not None and cell["x"] + cell["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
