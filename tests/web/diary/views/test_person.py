"""Whose a posted entry is: a form made for one person is never saved for another."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from nightcramp.web.diary.views.person import person, posted_by_someone_else

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("said", "other"), [(None, False), ("", False), ("mine", False), ("theirs", True)]
)
def test_a_form_that_names_someone_else_is_theirs(
    alice: User, bob: User, said: str | None, other: bool
) -> None:
    values = {"mine": str(alice.pk), "theirs": str(bob.pk), "": ""}
    data = {} if said is None else {"person": values[said]}
    request = RequestFactory().post("/log", data)
    request.user = alice
    assert person(request) == alice
    assert posted_by_someone_else(request) is other
