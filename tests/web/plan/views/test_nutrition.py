"""The food page: the table, the person's targets, today's estimate and the gap."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db


def _me() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def test_the_table_lists_foods_with_magnesium_and_potassium_and_cites_usda(client: Client) -> None:
    html = client.get("/plan/nutrition/").content.decode()
    assert 'data-food="pumpkin_seeds"' in html
    assert "FoodData Central" in html
    assert "no proof" in html


def test_targets_follow_the_stored_profile(client: Client) -> None:
    models.Profile.objects.create(user=_me(), birth_year=1950, sex="female")
    html = client.get("/plan/nutrition/").content.decode()
    assert "Magnesium: 320 mg a day" in html
    assert "Potassium: 2600 mg a day" in html


def test_the_estimate_adds_up_servings_and_shows_the_gap(client: Client) -> None:
    models.Profile.objects.create(user=_me(), birth_year=1950, sex="male")
    html = client.get("/plan/nutrition/", {"banana": "1", "spinach": "2"}).content.decode()
    # 32 + 2 x 78 = 188 mg Mg (target 420); 422 + 2 x 420 = 1262 mg K (target 3400)
    assert "Magnesium: about 188 mg, 232 mg short of your target." in html
    assert "Potassium: about 1262 mg, 2138 mg short of your target." in html


def test_kidney_disease_hides_the_potassium_target(client: Client) -> None:
    models.Profile.objects.create(user=_me(), conditions=["kidney_disease"])
    html = client.get("/plan/nutrition/", {"banana": "1"}).content.decode()
    assert 'data-target="potassium"' not in html
    assert "do not apply" in html
    assert "short of your target." not in html.split("Potassium: about")[1].split("</p>")[0]


def test_a_bad_number_is_named_and_answers_400(client: Client) -> None:
    response = client.get("/plan/nutrition/", {"banana": "lots"})
    assert response.status_code == 400
    assert "banana" in response.content.decode()
