"""`GET /api/v1/plan`: the same plan document as the CLI, behind the API token."""

from __future__ import annotations

import datetime as dt

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


def test_the_api_gives_the_same_document_as_the_cli(client: Client) -> None:
    from nightcramp.core.plan import build_plan
    from nightcramp.store.plan.inputs import stored_profile

    user = _local()
    models.Medication.objects.create(user=user, name="indapamide")
    response = client.get("/api/v1/plan")
    assert response.status_code == 200
    document = response.json()
    today = dt.date.today()
    expected = build_plan(stored_profile(user, today=today), today=today).to_json()
    assert document == expected
    assert next(iter(document)) == "triage"


def test_the_api_refuses_a_wrong_token(client: Client) -> None:
    response = client.get("/api/v1/plan", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
