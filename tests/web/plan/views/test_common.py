"""What the plan pages share: the words for an item's status, the sources by id, the person."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from nightcramp.core.knowledge.sources import join_citations, load_sources
from nightcramp.core.plan.content import Status
from nightcramp.web.plan.views.common import STATUS_WORDS, person, source_list


def test_every_plan_status_has_words() -> None:
    assert set(STATUS_WORDS) == {s.value for s in Status}
    assert STATUS_WORDS["not_advised"] == "Not advised"


def test_sources_come_in_the_order_asked_and_unknown_ids_are_left_out() -> None:
    known = load_sources()
    sources = source_list(["nice_cks_leg_cramps", "no_such_source", "cochrane_quinine_2015"])
    expected = [known["nice_cks_leg_cramps"], known["cochrane_quinine_2015"]]
    assert [s["url"] for s in sources] == [e.url or "" for e in expected]
    # One punctuation rule with the text line: the linked pieces read as join_citations.
    line = "".join(s["citation"] + s["after"] for s in sources)
    assert line == join_citations(e.citation for e in expected)
    assert sources[0]["after"] == "; " and sources[-1]["after"] == "."
    assert source_list(()) == []


@pytest.mark.django_db
def test_the_person_is_the_requests_user(alice: User) -> None:
    request = RequestFactory().get("/plan/")
    request.user = alice
    assert person(request) == alice
