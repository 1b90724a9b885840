"""What the plan pages share: the words for an item's status, the sources by id, the person."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from nightcramp.core.plan.content import Status
from nightcramp.web.plan.views.common import STATUS_WORDS, person, source_list


def test_every_plan_status_has_words() -> None:
    assert set(STATUS_WORDS) == {s.value for s in Status}
    assert STATUS_WORDS["not_advised"] == "Not advised"


def test_sources_come_in_the_order_asked_and_unknown_ids_are_left_out() -> None:
    sources = source_list(["nice_cks_leg_cramps", "no_such_source", "cochrane_quinine_2015"])
    assert [s.id for s in sources] == ["nice_cks_leg_cramps", "cochrane_quinine_2015"]
    assert source_list(()) == []


@pytest.mark.django_db
def test_the_person_is_the_requests_user(alice: User) -> None:
    request = RequestFactory().get("/plan/")
    request.user = alice
    assert person(request) == alice
