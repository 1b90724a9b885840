"""/help, "when to get help": the warning signs from content with their sources, the numbers to
call as links, no login, and the page the offline copy shows for pages that need the network."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.core.knowledge import load_knowledge
from nightcramp.web.guide.views import offline_urls, shell_urls

pytestmark = pytest.mark.django_db


def _help(client: Client) -> str:
    response = client.get("/help")
    assert response.status_code == 200
    return response.content.decode()


def test_every_red_flag_is_shown_with_a_source(client: Client) -> None:
    html = _help(client)
    flags = [e for e in load_knowledge().topic("red_flags").entries if e.red_flag]
    assert flags
    shown = re.findall(r'data-red-flag="([a-z_]+)"', html)
    assert shown == [e.id for e in flags]
    assert html.count('class="sources">Based on: ') == len(flags)


def test_the_emergency_number_is_a_link_that_dials(client: Client, settings: Any) -> None:
    settings.NIGHTCRAMP_COUNTRY = "GB"
    settings.NIGHTCRAMP_EMERGENCY_NUMBER = "999"
    html = _help(client)
    assert re.search(r'<a [^>]*href="tel:999"[^>]*>Emergency: call 999</a>', html)
    assert 'href="tel:111"' in html


def test_a_health_line_with_no_number_stays_words(client: Client, settings: Any) -> None:
    settings.NIGHTCRAMP_COUNTRY = ""
    settings.NIGHTCRAMP_EMERGENCY_NUMBER = "112"
    html = _help(client)
    assert "contact your doctor or an urgent care clinic." in html


def test_help_needs_no_login_even_when_accounts_exist(client: Client) -> None:
    User.objects.create_user(username="carol", password="a-long-enough-password-1")
    _help(client)


def test_the_offline_note_is_there_but_hidden_until_a_page_needs_the_network(
    client: Client,
) -> None:
    html = _help(client)
    assert 'data-offline-note="/help" hidden' in html
    assert "The symptom questions need the network" in html


def test_help_is_in_the_offline_copy_and_the_diary_pages_are_kept_as_last_seen() -> None:
    assert "/help" in offline_urls()
    assert shell_urls() == ["/", "/log", "/checkin", "/plan/", "/plan/routine/"]


def test_the_menu_reaches_help(client: Client) -> None:
    assert '<a href="/help">When to get help</a>' in client.get("/learn/").content.decode()
