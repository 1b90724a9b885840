"""One answer per key: a retry with the same key and request gets the first answer back."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from nightcramp.store.diary import idempotency, models
from nightcramp.store.diary.idempotency import Answer, KeyBusy, KeyReused, answer_once, recall

pytestmark = pytest.mark.django_db


def _numbered_answers() -> Callable[[], Answer]:
    """Each call answers a new id, as saving a new cramp would."""
    made: list[int] = []

    def produce() -> Answer:
        made.append(len(made) + 1)
        return Answer(201, {"id": made[-1], "notes": "ça va"})

    return produce


def test_the_first_answer_is_remembered_and_given_again(alice: User) -> None:
    produce = _numbered_answers()
    assert recall(alice, "k1") is None
    first = answer_once(alice, "k1", "hash-a", produce)
    assert first == Answer(201, {"id": 1, "notes": "ça va"})
    assert answer_once(alice, "k1", "hash-a", produce) == first
    assert recall(alice, "k1") == ("hash-a", first)


def test_a_key_used_with_another_request_is_refused(alice: User) -> None:
    answer_once(alice, "k1", "hash-a", _numbered_answers())
    with pytest.raises(KeyReused):
        answer_once(alice, "k1", "hash-b", _numbered_answers())


def test_keys_are_kept_per_person(alice: User, bob: User) -> None:
    produce = _numbered_answers()
    answer_once(alice, "k1", "hash-a", produce)
    assert answer_once(bob, "k1", "hash-b", produce).body["id"] == 2
    assert recall(bob, "k1") == ("hash-b", Answer(201, {"id": 2, "notes": "ça va"}))


def test_when_producing_fails_nothing_is_remembered_and_the_key_can_be_tried_again(
    alice: User,
) -> None:
    def broken() -> Answer:
        models.Night.objects.create(user=alice, date="2026-03-01")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        answer_once(alice, "k1", "hash-a", broken)
    assert recall(alice, "k1") is None
    assert not models.Night.objects.exists()  # what it wrote went with it
    assert answer_once(alice, "k1", "hash-a", lambda: Answer(422, {"detail": []})).status == 422


def test_a_key_held_by_a_request_still_answering_is_busy(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_once(alice, "k1", "hash-a", _numbered_answers())
    # The other request's answer is not readable yet: its row exists but cannot be seen.
    monkeypatch.setattr(idempotency, "recall", lambda user, key: None)
    with pytest.raises(KeyBusy):
        answer_once(alice, "k1", "hash-a", _numbered_answers())
