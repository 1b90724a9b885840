"""/now in a phone-sized dark browser: step 1 at once, timers, offline after one visit."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, FloatRect, Page, expect
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NIGHTCRAMP_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"now-{name}.png"), full_page=False)


def test_step_1_and_the_safety_line_are_on_the_first_screen(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/now")
    step = page.locator('[data-step="1"] .now-text')
    safety = page.locator("[data-safety]")
    expect(step).to_be_visible()
    expect(safety).to_be_visible()
    assert (step.bounding_box() or {"y": 9999})["y"] < 844
    assert (safety.bounding_box() or {"y": 9999})["y"] < 844
    _shot(page, "calf")


@pytest.mark.parametrize("muscle", ["calf", "foot", "thigh_back", "thigh_front"])
def test_step_1_start_button_is_whole_on_the_first_screen(
    page: Page, live_server: LiveServer, muscle: str
) -> None:
    # One tap at 3 a.m.: the first timer's Start comes before its picture, so it needs no
    # scrolling on a 390 x 844 phone.
    page.goto(f"{live_server.url}/now/{muscle}")
    start = page.locator('[data-step="1"] .now-go')
    expect(start).to_be_visible()
    box = start.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 844


def test_page_makes_no_request_to_another_host_and_no_errors(
    page: Page, live_server: LiveServer
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/now/foot")
    expect(page.locator('[data-step="1"]')).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert hosts == {urlsplit(live_server.url).netloc}
    assert errors == []


def test_hold_timer_starts_counts_down_and_stops(page: Page, live_server: LiveServer) -> None:
    page.clock.install()
    page.goto(f"{live_server.url}/now")
    step = page.locator('[data-step="1"]')
    button = step.locator(".now-go")
    clock = step.locator(".now-clock")
    expect(clock).to_have_text("30 s")
    expect(button).to_have_text("Start hold 1 of 2")
    button.click()
    expect(button).to_have_text("Stop")
    page.clock.run_for(10_000)
    expect(clock).to_have_text("20 s")
    button.click()
    expect(button).to_have_text("Start hold 1 of 2")
    expect(clock).to_have_text("30 s")
    expect(step.locator(".now-status")).to_have_text("Stopped.")


def test_a_finished_hold_says_let_go_and_offers_the_next_round(
    page: Page, live_server: LiveServer
) -> None:
    page.clock.install()
    page.goto(f"{live_server.url}/now")
    step = page.locator('[data-step="1"]')
    step.locator(".now-go").click()
    page.clock.run_for(31_000)
    expect(step.locator(".now-status")).to_contain_text("Done. Let go slowly.")
    page.clock.run_for(6_000)
    expect(step.locator(".now-status")).to_have_text("Hold 2 of 2.")
    page.clock.run_for(31_000)
    expect(step.locator(".now-status")).to_have_text("Done. Let go slowly.")
    expect(step.locator(".now-go")).to_have_text("Again")


def test_buzz_can_be_switched_off(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/now")
    buzz = page.locator(".now-signal")
    expect(buzz).to_have_attribute("aria-pressed", "true")
    buzz.click()
    expect(buzz).to_have_attribute("aria-pressed", "false")
    expect(buzz).to_have_text("Buzz: off")


def test_now_still_shows_step_1_offline_after_one_visit(
    page: Page, context: BrowserContext, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/now")
    expect(page.locator('[data-step="1"]')).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    try:
        page.reload()
        expect(page.locator('[data-step="1"] .now-text')).to_contain_text("Pull your toes up")
        expect(page.locator("[data-safety]")).to_be_visible()
        page.goto(f"{live_server.url}/now/thigh_front")
        expect(page.locator('[data-step="1"] .now-text')).to_contain_text(
            "heel towards your bottom"
        )
        picture = page.locator('[data-step="1"] img.now-pic')
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    finally:
        context.set_offline(False)


def test_an_open_result_on_now_is_never_an_old_kept_copy_while_online(
    page: Page, context: BrowserContext, live_server: LiveServer
) -> None:
    from django.utils import timezone

    from nightcramp.store.account.local import local_user
    from nightcramp.store.triage.history import resolve_result, save_assessment

    urgent = save_assessment(local_user(), {"one_leg_swollen": True})
    page.goto(f"{live_server.url}/now")
    expect(page.locator("[data-open-result]")).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the worker
    expect(page.locator("[data-open-result]")).to_be_visible()
    resolve_result(local_user(), urgent.pk, now=timezone.now())
    page.reload()
    expect(page.locator('[data-step="1"]')).to_be_visible()
    expect(page.locator("[data-open-result]")).to_have_count(0)
    context.set_offline(True)
    try:
        page.reload()
        expect(page.locator('[data-step="1"] .now-text')).to_contain_text("Pull your toes up")
    finally:
        context.set_offline(False)


def test_read_aloud_is_offered_when_the_browser_can_speak(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/now")
    speak = page.locator(".now-speak")
    if not page.evaluate("'speechSynthesis' in window"):
        expect(speak).to_be_hidden()
        return
    expect(speak).to_be_visible()
    speak.click()
    expect(speak).to_have_attribute("aria-pressed", "true")
    expect(speak).to_have_text("Reading aloud")
    speak.click()
    expect(speak).to_have_attribute("aria-pressed", "false")


def _box(page: Page, selector: str) -> FloatRect:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _zoomed(browser: Browser, width: int, height: int) -> BrowserContext:
    """The phone at page zoom: 390 x 844 at 200 % is 195 x 422 CSS px."""
    return browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=4,
        is_mobile=True,
        has_touch=True,
        color_scheme="dark",
    )


def test_at_200_percent_zoom_the_safety_box_and_step_1_come_first(
    browser: Browser, live_server: LiveServer
) -> None:
    context = _zoomed(browser, 195, 422)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/now")
        expect(page.locator('[data-step="1"]')).to_be_visible()
        header = _box(page, "header.now-top")
        assert header["height"] <= 60, header  # one row
        safety = _box(page, "[data-safety]")
        assert safety["y"] + safety["height"] <= 422, safety
        call = _box(page, "[data-safety] [data-emergency]")
        assert call["height"] >= 44 and call["y"] + call["height"] <= 422, call
        title = _box(page, '[data-step="1"] .now-title')
        line = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.now-title')).lineHeight)"
        )
        assert title["y"] + line <= 422, title
        for tool in (".now-signal", ".now-speak"):
            if page.locator(tool).is_visible():
                box = _box(page, tool)
                assert box["height"] >= 44 and box["width"] >= 44, (tool, box)
                assert box["y"] < header["height"], (tool, box)
        # The muscle picker is still there, after step 1, with every muscle.
        picker = page.get_by_role("navigation", name="Which muscle is cramping?")
        expect(picker).to_have_count(1)
        expect(picker.get_by_role("link")).to_have_count(4)
        assert (picker.bounding_box() or {"y": 0})["y"] > title["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 195
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / "now-zoom200.png"))
    finally:
        context.close()


def test_at_390_px_the_picker_then_the_safety_box_with_a_big_call_button(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/now")
    header = _box(page, "header.now-top")
    assert header["height"] <= 70, header
    picker = page.get_by_role("navigation", name="Which muscle is cramping?")
    expect(picker).to_have_count(1)
    pick = picker.bounding_box()
    safety = _box(page, "[data-safety]")
    assert pick is not None and pick["y"] < safety["y"]
    call = _box(page, "[data-safety] [data-emergency]")
    assert call["height"] >= 44
    assert call["width"] >= safety["width"] - 40  # the width of the box, not a word
    assert call["y"] + call["height"] <= safety["y"] + safety["height"]
    expect(page.locator("[data-safety] [data-emergency]")).to_have_attribute(
        "href", re.compile(r"^tel:\d+$")
    )
    assert _box(page, '[data-step="1"] .now-text')["y"] < 844


def test_once_a_finished_hold_moves_on_the_call_button_stays_on_screen(
    page: Page, live_server: LiveServer
) -> None:
    page.emulate_media(reduced_motion="reduce")  # scrolls land at once: boxes are final
    page.clock.install()
    page.goto(f"{live_server.url}/now")
    bar = page.locator("[data-emergency-bar]")
    expect(bar).to_be_hidden()  # the safety box and its button are on the screen
    step = page.locator('[data-step="1"]')
    step.locator(".now-go").click()
    page.clock.run_for(31_000 + 6_000 + 31_000)  # both holds of step 1: on to step 2
    expect(step.locator(".now-status")).to_have_text("Done. Let go slowly.")
    page.locator('[data-step="3"]').scroll_into_view_if_needed()
    expect(page.locator("[data-safety]")).not_to_be_in_viewport()
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute(
        "href", page.locator("[data-safety] [data-emergency]").get_attribute("href") or "-"
    )
    box = _box(page, "[data-emergency-bar]")
    assert box["height"] >= 44 and 0 <= box["y"] < 60, box
    # The step a finished hold moved on to, and its Start button, are not under it.
    page.evaluate("document.querySelector('[data-step=\"2\"]').scrollIntoView({block: 'start'})")
    step_2 = _box(page, '[data-step="2"]')
    assert step_2["y"] >= box["y"] + box["height"], (step_2, box)
    # Nor is a control reached with the keyboard.
    page.locator('[data-step="3"] .now-go').focus()
    start = _box(page, '[data-step="3"] .now-go')
    assert start["y"] >= box["y"] + box["height"] or start["y"] + start["height"] <= box["y"]
    page.evaluate("window.scrollTo(0, 0)")
    expect(bar).to_be_hidden()
    _shot(page, "call-bar")


def test_at_390_px_with_text_doubled_the_call_button_and_step_1_fit_the_first_screen(
    page: Page, live_server: LiveServer
) -> None:
    """Text-only zoom to 200 % (as a phone's text-size setting does) keeps no @media query in
    em from matching, so the page has to follow the root font size itself."""
    page.goto(f"{live_server.url}/now")
    expect(page.locator('[data-step="1"]')).to_be_visible()
    page.evaluate(
        """() => {
            const root = document.documentElement;
            root.style.fontSize = (parseFloat(getComputedStyle(root).fontSize) * 2) + 'px';
        }"""
    )
    call = _box(page, "[data-safety] [data-emergency]")
    assert call["height"] >= 44, call
    assert call["y"] + call["height"] <= 844, call
    title = _box(page, '[data-step="1"] .now-title')
    assert title["y"] + title["height"] <= 844, title
    header = _box(page, "header.now-top")
    assert header["height"] <= 80, header  # one row of icons
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The muscle picker is still there, once, after step 1.
    picker = page.get_by_role("navigation", name="Which muscle is cramping?")
    expect(picker).to_have_count(1)
    expect(picker.get_by_role("link")).to_have_count(4)
    assert (picker.bounding_box() or {"y": 0})["y"] > title["y"]
    _shot(page, "text200")


def test_without_scripts_no_button_is_shown_that_would_do_nothing(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/now")
    step = page.locator('[data-step="1"]')
    expect(step.locator(".now-text")).to_be_visible()
    expect(step.locator(".now-status")).to_be_visible()  # "Hold 30 seconds, 2 times."
    for tool in (".now-go", ".now-signal", ".now-speak"):
        expect(page.locator(tool).first).to_be_hidden()
    context.close()
