"""In Debian chromium: the check-in and the history fit a phone at 390 px and at 200 % zoom
(195 CSS px wide), with every tap target at least 44 by 44 px."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("NIGHTCRAMP_SCREENSHOTS", "/tmp/nightcramp-screenshots"))
PHONE = ViewportSize(width=390, height=844)
ZOOMED = ViewportSize(width=195, height=422)  # the same phone, text zoomed to 200 %
TAP = 44

_BOXES = """(selector) => Array.from(document.querySelectorAll(selector)).map((el) => {
  const r = el.getBoundingClientRect();
  return {text: el.textContent.trim().slice(0, 30), width: r.width, height: r.height};
})"""


def _boxes(page: Page, selector: str) -> list[dict[str, Any]]:
    boxes: list[dict[str, Any]] = page.evaluate(_BOXES, selector)
    assert boxes, f"nothing matches {selector}"
    return boxes


def _open(page: Page, url: str, size: ViewportSize, name: str) -> None:
    page.set_viewport_size(size)
    page.goto(url)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["390px", "zoom200"])
def test_checkin_labels_keep_their_words_on_a_line(
    page: Page, live_server: Any, size: ViewportSize
) -> None:
    _open(page, f"{live_server.url}/checkin", size, "checkin")
    row_width = _boxes(page, ".factors")[0]["width"]
    for label in _boxes(page, ".frow > label, .frow > legend"):
        # At least a third of the row (or the whole row when the controls go below it).
        assert label["width"] >= min(120, row_width * 0.6), label


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["390px", "zoom200"])
def test_checkin_tap_targets_are_at_least_44_px(
    page: Page, live_server: Any, size: ViewportSize
) -> None:
    _open(page, f"{live_server.url}/checkin", size, "checkin")
    for target in _boxes(page, ".frow .chip, .frow .step, .frow input[type=number]"):
        assert target["width"] >= TAP and target["height"] >= TAP, target
    not_sure = page.get_by_role("radio", name="Not sure")
    assert not_sure.count() == page.locator(".frow.seg").count()


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["390px", "zoom200"])
def test_home_quick_log_tap_targets_are_at_least_44_px(
    page: Page, live_server: Any, size: ViewportSize
) -> None:
    _open(page, f"{live_server.url}/", size, "home")
    for target in _boxes(page, ".quick .chip"):
        assert target["width"] >= TAP and target["height"] >= TAP, target


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["390px", "zoom200"])
def test_links_that_stand_on_their_own_are_44_px_tall(
    page: Page, live_server: Any, size: ViewportSize
) -> None:
    for url in ("/", "/checkin"):
        _open(page, f"{live_server.url}{url}", size, "links")
        for target in _boxes(page, "a.tap"):
            assert target["height"] >= TAP, (url, target)


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["390px", "zoom200"])
def test_history_counts_are_readable_and_future_days_blank(
    page: Page, live_server: Any, size: ViewportSize
) -> None:
    from nightcramp.core.diary import Episode as CoreEpisode
    from nightcramp.store.account.local import local_user
    from nightcramp.store.diary.episodes import log_episode

    now = dt.datetime(2026, 11, 21, 22, 30, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False):
        log_episode(local_user(), CoreEpisode(started_at=now - dt.timedelta(days=3), severity=8))
    _open(page, f"{live_server.url}/history?month=2026-11", size, "history")
    sizes = page.eval_on_selector_all(
        ".calendar .count", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 14
    for cell in _boxes(page, ".calendar td a"):
        assert cell["width"] >= 20 and cell["height"] >= TAP, cell


_DOUBLE_TEXT = """() => { const root = document.documentElement;
  root.style.fontSize = (parseFloat(getComputedStyle(root).fontSize) * 2) + 'px'; }"""

_WORD_LINES = """(word) => { const h = document.querySelector('#month-title');
  const node = h.firstChild; const at = node.textContent.indexOf(word);
  const range = document.createRange();
  range.setStart(node, at); range.setEnd(node, at + word.length);
  return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size; }"""


def test_the_month_heading_keeps_its_word_whole_at_200_percent_text(
    page: Page, live_server: Any
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/history?month=2026-12")
    page.evaluate(_DOUBLE_TEXT)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "history-december-text200.png"))
    assert page.evaluate(_WORD_LINES, "December") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
