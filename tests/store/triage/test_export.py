"""The symptom checks an export carries: the latest, and every open urgent or emergency one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.store.triage.export import triage_to_export
from nightcramp.store.triage.history import resolve_result, save_assessment

pytestmark = pytest.mark.django_db


def test_an_open_urgent_check_is_kept_beside_a_later_milder_one(alice: User, bob: User) -> None:
    urgent = save_assessment(alice, {"one_leg_swollen": True, "age": 70})
    save_assessment(alice, {"cramps_in_daytime_too": True})
    save_assessment(bob, {"leg_warm": True})
    exported = triage_to_export(alice, now=timezone.now())
    assert [(t.disposition, t.seen_to) for t in exported] == [
        ("urgent", False),
        ("routine", None),
    ]
    assert exported[0].answers["one_leg_swollen"] is True
    resolve_result(alice, urgent.pk, now=timezone.now())
    assert [t.disposition for t in triage_to_export(alice, now=timezone.now())] == ["routine"]


def test_nothing_saved_exports_no_check(alice: User) -> None:
    assert triage_to_export(alice, now=timezone.now()) == []
