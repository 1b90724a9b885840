"""The questionnaire in a phone-sized browser: one thumb, the answer first."""

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


def test_a_yes_to_breathlessness_shows_call_now_before_anything_else(
    page: Page, live_server: Any
) -> None:
    _start(page, live_server)
    _shot(page, "triage-questionnaire.png")
    page.locator("fieldset[data-key=short_of_breath] label", has_text="Yes").click()
    page.get_by_role("button", name="Next").click()
    verdict = page.locator("[data-disposition=emergency]")
    expect(verdict).to_be_visible()
    expect(page.locator("[data-call-now]")).to_have_text("Call your emergency number now")
    first_heading = page.locator("main h1").first
    expect(first_heading).to_have_text("Call your emergency number now")
    box = verdict.bounding_box()
    assert box is not None and box["y"] < 844
    _shot(page, "triage-emergency.png")


def test_no_to_every_warning_sign_ends_in_self_care(page: Page, live_server: Any) -> None:
    _start(page, live_server)
    for _ in range(15):
        if page.locator("[data-disposition]").count():
            break
        for fieldset in page.locator("fieldset.tq-question").all():
            labels = fieldset.locator("label")
            no = labels.filter(has_text="No")
            (no if no.count() else labels.nth(1)).first.click()
        page.get_by_role("button", name="Next").click()
    expect(page.locator("[data-disposition=self_care]")).to_be_visible()
    expect(page.locator("main h1").first).to_have_text("Manage at home")
    _shot(page, "triage-self-care.png")
