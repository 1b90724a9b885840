"""The plan page: triage first, every item with its grade in words and a source."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db


def _local() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def test_the_plan_page_shows_every_item_with_its_grade_in_words_and_a_source(
    client: Client,
) -> None:
    response = client.get("/plan/")
    assert response.status_code == 200
    html = response.content.decode()
    for item_id in ("bedtime_calf_stretch", "quinine", "magnesium_supplement", "hydration"):
        assert f'data-item="{item_id}"' in html
    assert "Some evidence (B)" in html
    assert "Does not work or is unsafe (X)" in html
    assert 'class="sources"' in html
    assert re.search(r'data-item="quinine" data-status="not_advised"', html)


def test_without_safety_answers_the_page_puts_triage_before_the_items(client: Client) -> None:
    html = client.get("/plan/").content.decode()
    assert 'data-triage="routine"' in html
    assert html.index("data-triage") < html.index('data-item="')


def test_the_page_uses_the_stored_profile(client: Client) -> None:
    user = _local()
    models.Profile.objects.create(user=user, conditions=["heart_failure"])
    html = client.get("/plan/").content.decode()
    assert 'data-item="hydration" data-status="caution"' in html
    assert "fluid limit" in html


def test_the_page_has_no_inline_script_or_style(client: Client) -> None:
    html = client.get("/plan/").content.decode()
    assert "<script>" not in html and "style=" not in html


def test_the_latest_saved_triage_answers_drive_the_triage_block(client: Client) -> None:
    from nightcramp.store.triage.history import save_assessment

    user = _local()
    save_assessment(user, {"one_leg_swollen": True})
    html = client.get("/plan/").content.decode()
    assert 'data-triage="urgent"' in html
    assert 'data-item="bedtime_calf_stretch" data-status="not_advised"' in html
