"""The questionnaire in a phone-sized browser: one thumb, big buttons, the answer first."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("NIGHTCRAMP_SHOTS", "")) if os.environ.get("NIGHTCRAMP_SHOTS") else None


def _shot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=False)


def _start(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/triage/")
    page.get_by_role("button", name="Start the questions").click()
    expect(page.get_by_role("heading", name="Right now")).to_be_visible()


def _fits_one_thumb(page: Page) -> None:
    """The question and its buttons fit the phone's width, and the first button is on screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    first = page.locator("button.tq-answer").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844 and box["height"] >= 44


def test_a_yes_to_breathlessness_shows_call_now_before_anything_else(
    page: Page, live_server: Any
) -> None:
    _start(page, live_server)
    _fits_one_thumb(page)
    _shot(page, "triage-questionnaire.png")
    page.get_by_role("button", name="Yes", exact=True).click()
    expect(page.locator("fieldset legend")).to_contain_text("short of breath")
    _fits_one_thumb(page)
    page.get_by_role("button", name="Yes", exact=True).click()
    verdict = page.locator("[data-disposition=emergency]")
    expect(verdict).to_be_visible()
    box = verdict.bounding_box()
    assert box is not None and box["y"] < 844
    _shot(page, "triage-emergency.png")


def test_no_to_every_warning_sign_ends_in_self_care(page: Page, live_server: Any) -> None:
    _start(page, live_server)
    for _ in range(40):
        if page.locator("[data-disposition]").count():
            break
        _fits_one_thumb(page)
        kind = page.locator("fieldset.tq-question").get_attribute("data-kind")
        if kind == "number":
            _shot(page, "triage-number.png")
            legend = page.locator("fieldset legend").inner_text()
            page.locator("fieldset input").fill("40" if "old" in legend else "1")
            page.get_by_role("button", name="Next").click()
        elif kind == "list":
            page.get_by_role("button", name="I take none").click()
        elif kind == "enum":
            page.locator("button.tq-answer").first.click()
        else:
            if page.locator("ul.tq-list").count() == 0:
                _shot(page, "triage-one-question.png")
            page.get_by_role("button", name="No", exact=True).click()
    expect(page.locator("[data-disposition=self_care]")).to_be_visible()
    _shot(page, "triage-self-care.png")


def test_the_review_shows_each_answer_first_in_one_word(page: Page, live_server: Any) -> None:
    _start(page, live_server)
    page.get_by_role("button", name="No", exact=True).click()
    page.locator("details.tq-review summary").click()
    word = page.locator(".tq-review .tq-word").first
    expect(word).to_have_text("No")
    page.get_by_role("link", name="Back").click()
    expect(page.locator("button.tq-chosen")).to_have_text("No")
    _shot(page, "triage-review.png")
