"""The phone at night over HTTPS: Caddy with its internal CA in front of the app, the CA trusted
as a phone owner would (docs/phone.md), and a phone-sized Chromium going on and off the network.

Entries saved with no network wait on the phone and reach the diary exactly once; the offline
pages open; an update switches every file at once.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer
from tests.conftest import CHROMIUM_ARGS

from nightcramp.store.diary.models import Episode, Night

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.django_db(transaction=True)]

NAME = "cramps.home.test"
SHOTS = os.environ.get("NIGHTCRAMP_SCREENSHOTS")
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "color_scheme": "dark",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(check: Any, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _server_connections_closed(blocker: Any) -> None:
    """Wait until the live server's request threads have closed their database connections
    (they close when Caddy's keep-alive connections do), so the test database can be dropped.
    A connection still open after 10 s is ended."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with blocker.unblock(), connection.cursor() as cursor:
        for _ in range(100):
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")


@pytest.fixture(scope="session")
def https_site(
    django_db_setup: None,  # set up first, so the test database is dropped after this ends
    live_server: LiveServer,
    tmp_path_factory: pytest.TempPathFactory,
    django_db_blocker: Any,
) -> Iterator[Any]:
    """Caddy on 127.0.0.1 with `tls internal` in front of the live server: (url, root.crt)."""
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("caddy is not installed (apt-get install caddy): the HTTPS path is untested")
    if shutil.which("certutil") is None:
        pytest.skip("certutil is not installed (apt-get install libnss3-tools)")
    folder = tmp_path_factory.mktemp("caddy")
    http_port, https_port = _free_port(), _free_port()
    backend = live_server.url.removeprefix("http://")
    (folder / "Caddyfile").write_text(
        "{\n admin off\n local_certs\n skip_install_trust\n"
        f" http_port {http_port}\n https_port {https_port}\n"
        f" storage file_system {folder / 'data'}\n}}\n"
        f"{NAME}:{https_port} {{\n tls internal\n reverse_proxy {backend}\n}}\n",
        encoding="utf-8",
    )
    log = (folder / "caddy.log").open("wb")
    process = subprocess.Popen(
        [caddy, "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "xdg")},
    )
    root = folder / "data" / "pki" / "authorities" / "local" / "root.crt"
    try:
        _wait_for(lambda: root.exists() and _listening(https_port), "Caddy's certificate")
        yield f"https://{NAME}:{https_port}", root
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        _server_connections_closed(django_db_blocker)


@pytest.fixture(scope="session")
def phone_browser(
    playwright: Playwright, https_site: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """Chromium that trusts Caddy's root (its own NSS database), as a phone owner would."""
    _, root = https_site
    home = tmp_path_factory.mktemp("phone-home")
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True)
    subprocess.run(["certutil", "-d", f"sql:{nssdb}", "-N", "--empty-password"], check=True)
    subprocess.run(
        ["certutil", "-d", f"sql:{nssdb}", "-A", "-t", "C,,", "-n", "caddy-local", "-i", str(root)],
        check=True,
    )
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {NAME} 127.0.0.1"],
        env={**os.environ, "HOME": str(home)},
    )
    yield browser
    browser.close()


@pytest.fixture
def site(https_site: Any, settings: Any) -> str:
    """The app as Caddy serves it (the proxy says https; the name is allowed)."""
    url, _ = https_site
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, NAME]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CSRF_TRUSTED_ORIGINS = [url]
    return str(url)


@pytest.fixture
def phone(phone_browser: Browser) -> Iterator[BrowserContext]:
    context = phone_browser.new_context(**PHONE)
    yield context
    context.close()


def _installed(page: Page) -> None:
    """Wait until the service worker controls the page (the offline copy is complete)."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")


def _open(phone: BrowserContext, url: str) -> Page:
    page = phone.new_page()
    page.goto(url)
    assert page.evaluate("isSecureContext")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.reload()
    _installed(page)
    return page


def _state(page: Page) -> Any:
    return page.locator("[data-sync-state]")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"offline-{name}.png"))


def _quick_log(page: Page, muscle: str = "Calf") -> None:
    form = page.locator("form[data-quick-log]")
    form.get_by_text(muscle, exact=True).first.click()
    form.get_by_role("button", name="Save cramp").click()


def test_a_cramp_saved_offline_survives_reload_and_close_and_is_stored_once(
    site: str, phone: BrowserContext
) -> None:
    page = _open(phone, f"{site}/")
    phone.set_offline(True)
    form = page.locator("form[data-quick-log]")
    form.get_by_text("7", exact=True).first.click()  # a pain score, kept for this cramp only
    _quick_log(page)
    expect(_state(page)).to_have_attribute("data-sync-state", "on-this-phone")
    expect(_state(page)).to_contain_text("Saved on this phone, will sync")
    # The next cramp starts with nothing chosen for it.
    assert form.evaluate("f => new FormData(f).get('severity')") in ("", None)
    _shot(page, "on-this-phone")
    page.reload()
    expect(_state(page)).to_have_attribute("data-sync-state", "on-this-phone")
    page.close()
    assert Episode.objects.count() == 0
    phone.set_offline(False)
    again = phone.new_page()
    again.goto(f"{site}/")
    expect(_state(again)).to_have_attribute("data-sync-state", "saved")
    expect(_state(again)).to_contain_text("Sent to your diary")
    _shot(again, "saved")
    _wait_for(lambda: Episode.objects.count() == 1, "the cramp in the diary")
    again.reload()
    assert Episode.objects.count() == 1
    assert again.evaluate("nightcrampOutbox.list().then((e) => e.length)") == 0


def test_two_tabs_coming_online_together_store_each_cramp_once(
    site: str, phone: BrowserContext
) -> None:
    first = _open(phone, f"{site}/")
    second = phone.new_page()
    second.goto(f"{site}/")
    phone.set_offline(True)
    _quick_log(first, "Calf")
    expect(_state(first)).to_have_attribute("data-sync-state", "on-this-phone")
    _quick_log(second, "Foot")
    expect(_state(second)).to_contain_text("2 entries")
    phone.set_offline(False)
    expect(_state(first)).to_have_attribute("data-sync-state", "saved")
    expect(_state(second)).to_have_attribute("data-sync-state", "saved")
    _wait_for(lambda: Episode.objects.count() == 2, "both cramps")
    time.sleep(1)  # a late duplicate would show up by now
    assert sorted(Episode.objects.values_list("muscle", flat=True)) == ["calf", "foot"]


def test_the_same_entry_sent_twice_with_its_key_is_stored_once(
    site: str, phone: BrowserContext
) -> None:
    page = _open(phone, f"{site}/")
    phone.set_offline(True)
    _quick_log(page)
    expect(_state(page)).to_have_attribute("data-sync-state", "on-this-phone")
    entry = page.evaluate("nightcrampOutbox.list().then((e) => e[0])")
    phone.set_offline(False)
    expect(_state(page)).to_have_attribute("data-sync-state", "saved")
    # A second device (or an answer lost on the way) sends the very same entry again.
    status = page.evaluate(
        """(e) => fetch(e.url, {method: "POST", body: e.body, headers: {
             "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": e.key,
             "X-CSRFToken": e.token}}).then((r) => r.status)""",
        entry,
    )
    assert status == 200
    _wait_for(lambda: Episode.objects.count() == 1, "the cramp")
    assert Episode.objects.count() == 1


def test_a_cramp_that_clashes_with_a_stored_one_is_shown_not_dropped(
    site: str, phone: BrowserContext
) -> None:
    page = _open(phone, f"{site}/log")
    page.fill("input[name=started_at]", "2026-01-10T03:10")
    page.locator("form[data-offline] button[type=submit]").first.click()
    _wait_for(lambda: Episode.objects.count() == 1, "the first cramp")
    page.goto(f"{site}/log")
    phone.set_offline(True)
    page.reload()
    page.fill("input[name=started_at]", "2026-01-10T03:10")
    page.locator("form[data-offline] button[type=submit]").first.click()
    expect(_state(page)).to_have_attribute("data-sync-state", "on-this-phone")
    phone.set_offline(False)
    refused = page.locator(".sync-refused li")
    expect(refused).to_contain_text("already stored")
    _shot(page, "refused")
    assert Episode.objects.count() == 1
    refused.get_by_role("button", name="I have seen this").click()
    expect(refused).to_have_count(0)


def test_a_check_in_saved_offline_reaches_the_diary(site: str, phone: BrowserContext) -> None:
    page = _open(phone, f"{site}/checkin?date=2026-01-10")
    phone.set_offline(True)
    # The copy kept is of another evening: the check-in is saved for the one asked for.
    page.goto(f"{site}/checkin?date=2026-01-11")
    expect(page.locator(".checkin-title")).to_contain_text("2026-01-11")
    page.fill("input[name=water_glasses]", "6")
    page.get_by_role("button", name="Save check-in").click()
    expect(_state(page)).to_have_attribute("data-sync-state", "on-this-phone")
    assert Night.objects.count() == 0
    phone.set_offline(False)
    expect(_state(page)).to_have_attribute("data-sync-state", "saved")
    _wait_for(lambda: Night.objects.filter(water_glasses=6).count() == 1, "the check-in")
    assert str(Night.objects.get().date) == "2026-01-11"


def test_now_help_and_the_triage_fallback_open_offline(site: str, phone: BrowserContext) -> None:
    page = _open(phone, f"{site}/now")
    phone.set_offline(True)
    for muscle, words in [("foot", "toes"), ("thigh_back", "Sit"), ("thigh_front", "heel")]:
        page.goto(f"{site}/now/{muscle}")
        expect(page.locator('[data-step="1"] .now-text')).to_contain_text(words)
    page.goto(f"{site}/help")
    expect(page.locator("h1")).to_have_text("When to get help")
    call = page.locator("a[data-emergency]")
    expect(call).to_have_attribute("href", "tel:112")
    _shot(page, "help")
    page.goto(f"{site}/triage/")
    expect(page.locator("[data-offline-for=triage]")).to_be_visible()
    expect(page.locator("[data-red-flag]").first).to_be_visible()
    _shot(page, "triage")
    page.goto(f"{site}/")
    expect(page.locator("form[data-quick-log]")).to_be_visible()
    phone.set_offline(False)


def test_an_update_switches_every_file_at_once(
    site: str, phone: BrowserContext, settings: Any
) -> None:
    page = _open(phone, f"{site}/now")
    before = page.evaluate("caches.keys()")
    before_core = [k for k in before if k.startswith("nightcramp-core-")]
    assert len(before_core) == 1
    settings.NIGHTCRAMP_EMERGENCY_NUMBER = "999"
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    page.goto(f"{site}/help")
    cores = "caches.keys().then((k) => k.filter((n) => n.startsWith('nightcramp-core-')))"

    def switched() -> bool:
        try:
            now = page.evaluate(cores)
        except PlaywrightError:  # the page reloads itself when the new version takes over
            return False
        return len(now) == 1 and now != before_core

    _wait_for(switched, "the new version alone")
    phone.set_offline(True)
    page.goto(f"{site}/help")
    expect(page.locator("a[data-emergency]")).to_have_attribute("href", "tel:999")
    page.goto(f"{site}/now")
    expect(page.locator("[data-safety] a[href='tel:999']").first).to_be_visible()
    phone.set_offline(False)


def test_yes_log_it_from_cramp_now_works_offline(site: str, phone: BrowserContext) -> None:
    page = _open(phone, f"{site}/now/foot")
    phone.set_offline(True)
    page.get_by_role("link", name="Yes, log it").click()
    expect(page.locator("form[data-offline] input[name=muscle][value=foot]")).to_be_checked()
    page.locator("form[data-offline] button[type=submit]").first.click()
    expect(_state(page)).to_have_attribute("data-sync-state", "on-this-phone")
    phone.set_offline(False)
    expect(_state(page)).to_have_attribute("data-sync-state", "saved")
    _wait_for(lambda: Episode.objects.filter(muscle="foot").count() == 1, "the foot cramp")
