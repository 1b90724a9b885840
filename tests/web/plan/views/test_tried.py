"""'Tried it?' on the plan page: the answer is stored per person and changes the plan."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.store.account.local import local_user
from nightcramp.store.plan.models import PlanFeedback

pytestmark = pytest.mark.django_db


def _me() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def test_saying_an_item_did_not_help_moves_it_down_and_says_so(client: Client) -> None:
    response = client.post("/plan/tried/loose_bedding", {"answer": "no_help"})
    assert response.status_code == 302
    assert response["Location"] == "/plan/#item-loose_bedding"
    html = client.get("/plan/").content.decode()
    assert 'data-item="loose_bedding" data-status="optional"' in html
    assert "You said this did not help." in html
    assert "You told us this did not help you before" in html


def test_saying_an_item_helped_lifts_it(client: Client) -> None:
    client.post("/plan/tried/warm_bath", {"answer": "helped"})
    html = client.get("/plan/").content.decode()
    assert 'data-item="warm_bath" data-status="recommended"' in html


def test_the_api_plan_uses_what_was_tried(client: Client) -> None:
    client.post("/plan/tried/warm_bath", {"answer": "helped"})
    items = {i["id"]: i for i in client.get("/api/v1/plan").json()["items"]}
    assert items["warm_bath"]["status"] == "recommended"


def test_clear_forgets_the_answer(client: Client) -> None:
    client.post("/plan/tried/warm_bath", {"answer": "helped"})
    client.post("/plan/tried/warm_bath", {"answer": "clear"})
    assert not PlanFeedback.objects.exists()


def test_answers_are_kept_per_person(client: Client) -> None:
    client.post("/plan/tried/warm_bath", {"answer": "helped"})
    bob = User.objects.create_user("bob", password="a-long-password-1")
    assert PlanFeedback.objects.get().user == _me()
    assert not PlanFeedback.objects.filter(user=bob).exists()


@pytest.mark.parametrize(
    ("url", "answer"), [("/plan/tried/hot_tub", "helped"), ("/plan/tried/warm_bath", "maybe")]
)
def test_a_bad_item_or_answer_is_refused_with_400(client: Client, url: str, answer: str) -> None:
    assert client.post(url, {"answer": answer}).status_code == 400
    assert not PlanFeedback.objects.exists()
