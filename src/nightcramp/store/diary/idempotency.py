"""Answer a request once per key: a retry with the same key gets the first answer back.

`POST /api/v1/episodes` (the `Idempotency-Key` header) and the web's cramp form (a hidden key,
so a double tap saves one cramp) both use it. Keys are kept per person.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction

from . import models

__all__ = ["Answer", "KeyBusy", "KeyReused", "answer_once", "recall"]


@dataclass(frozen=True, slots=True)
class Answer:
    """What a request was answered: its status and a JSON-safe body."""

    status: int
    body: Any


class KeyReused(Exception):
    """The key was already used with a different request."""


class KeyBusy(Exception):
    """Another request with the same key is being answered right now."""


def recall(user: User, key: str) -> tuple[str, Answer] | None:
    """Return the request hash and the answer remembered for `user`'s `key`, or None.

    One plain query: every logged cramp with a key asks this first.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT request_hash, status, response FROM {models.IdempotencyKey._meta.db_table}"
            f" WHERE user_id = %s AND {connection.ops.quote_name('key')} = %s",
            [user.pk, key],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    request_hash, status, body = row
    return request_hash, Answer(int(status), json.loads(body) if isinstance(body, str) else body)


def answer_once(user: User, key: str, request_hash: str, produce: Callable[[], Answer]) -> Answer:
    """Return the answer remembered for `key`, or run `produce` and remember what it answers.

    `produce` and remembering happen in one transaction: if `produce` raises, nothing is
    written and nothing is remembered (the same key may be tried again). Raises KeyReused when
    the key was used with another `request_hash`, KeyBusy when a parallel request holds it.
    """
    for _attempt in range(2):
        seen = recall(user, key)
        if seen is not None:
            if seen[0] != request_hash:
                raise KeyReused
            return seen[1]
        try:
            with transaction.atomic():
                answer = produce()
                models.IdempotencyKey.objects.create(
                    user=user,
                    key=key,
                    request_hash=request_hash,
                    status=answer.status,
                    response=answer.body,
                )
                return answer
        except IntegrityError:
            continue  # another request with this key won the race: answer as it did
    raise KeyBusy
