"""Installable: the manifest, real PNG icons (one maskable), the start page, and a service worker
whose updates never mix two versions' files."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def _manifest() -> dict[str, Any]:
    path = finders.find("nightcramp/manifest.webmanifest")
    assert path
    data: dict[str, Any] = json.loads(Path(str(path)).read_text(encoding="utf-8"))
    return data


def _png_size(url: str) -> tuple[int, int]:
    path = finders.find(url.removeprefix("/static/"))
    assert path, url
    head = Path(str(path)).read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", url
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_app_opens_standalone_straight_to_cramp_now(client: Client) -> None:
    manifest = _manifest()
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].split("?")[0] == "/now"
    assert client.get(manifest["start_url"]).status_code == 200


def test_icons_are_real_pngs_of_the_sizes_they_claim_and_one_is_maskable() -> None:
    icons = [i for i in _manifest()["icons"] if i["type"] == "image/png"]
    for icon in icons:
        width, height = _png_size(icon["src"])
        assert icon["sizes"] == f"{width}x{height}"
    sizes = {i["sizes"] for i in icons}
    assert {"192x192", "512x512"} <= sizes
    assert any(i["purpose"] == "maskable" and i["sizes"] == "512x512" for i in icons)


def test_every_page_links_the_manifest_and_a_home_screen_icon(client: Client) -> None:
    for url in ["/", "/now", "/help"]:
        html = client.get(url).content.decode()
        assert 'rel="manifest"' in html, url
    assert 'rel="apple-touch-icon"' in client.get("/").content.decode()


def _worker(client: Client) -> str:
    return client.get("/sw.js").content.decode()


def test_each_version_has_its_own_caches(client: Client, settings: Any) -> None:
    first = _worker(client)
    settings.NIGHTCRAMP_EMERGENCY_NUMBER = "999"
    second = _worker(client)
    version = 'const VERSION = "'
    assert version in first
    assert first.split(version)[1][:16] != second.split(version)[1][:16]
    assert 'const CORE = "nightcramp-core-" + VERSION' in first
    assert 'const PAGES = "nightcramp-pages-" + VERSION' in first


def test_a_new_version_takes_over_only_when_a_page_asks(client: Client) -> None:
    body = _worker(client)
    install = body[
        body.index('addEventListener("install"') : body.index('addEventListener("message"')
    ]
    assert "skipWaiting" not in install
    assert 'event.data === "skip-waiting") self.skipWaiting()' in body
    # All of a version's files, or none: a failed install leaves no half-filled cache.
    assert "Promise.all(URLS.map((u) => anonymous(u)))" in install
    assert "caches.delete(CORE)" in install
    # ... fetched signed out: the kept Cramp now holds nobody's symptom check.
    assert 'const anonymous = (u) => fetch(u, { credentials: "omit" })' in body


def test_the_worker_sends_what_waits_and_keeps_forms_sent_with_no_network(client: Client) -> None:
    body = _worker(client)
    assert 'importScripts("/static/nightcramp/outbox.js")' in body
    assert 'event.tag === "nightcramp-outbox"' in body
    assert '{"/log": "episode", "/checkin": "night"}' in body


def test_the_timer_keeps_the_screen_awake() -> None:
    path = finders.find("guide/now.js")
    assert path
    script = Path(str(path)).read_text(encoding="utf-8")
    assert 'navigator.wakeLock.request("screen")' in script
