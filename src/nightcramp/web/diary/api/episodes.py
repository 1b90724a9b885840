"""Episode routes: log, list, read, replace and delete cramps; Idempotency-Key."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.params import functions as param

from nightcramp.core import diary as core
from nightcramp.core.errors import InputError
from nightcramp.core.interop.json_writer import episode_to_json
from nightcramp.store.diary import episodes as stored
from nightcramp.store.diary.convert import episode_to_core
from nightcramp.store.diary.episodes import (
    CONFLICT,
    EpisodeConflict,
    edit_episode,
    find_episode,
    log_episode,
)
from nightcramp.store.diary.idempotency import Answer, KeyBusy, KeyReused, answer_once
from nightcramp.store.diary.listing import episode_page
from nightcramp.web.account.auth import api_auth, request_user
from nightcramp.web.diary.api.common import (
    ERRORS,
    MAX_OFFSET,
    NOT_FOUND,
    RecordId,
    date_range,
    invalid,
    json_answer,
    next_page,
    refused,
)
from nightcramp.web.diary.schemas import (
    EpisodeIn,
    EpisodeList,
    EpisodeOut,
)

if TYPE_CHECKING:
    from nightcramp.store.diary.models import Episode

router = Router(tags=["diary"], auth=api_auth)


_EPISODE_FIELDS = tuple(EpisodeOut.model_fields)


def _in_schema_order(body: dict[str, Any]) -> dict[str, Any]:
    """The fields of an episode body in `EpisodeOut`'s order (as the schema would write them)."""
    return {name: body[name] for name in _EPISODE_FIELDS}


def episode_out(row: Episode) -> dict[str, Any]:
    """Return the API representation of a stored episode, its fields in `EpisodeOut`'s order."""
    return _in_schema_order(
        {"id": row.pk, "night": row.night.isoformat(), **episode_to_json(episode_to_core(row))}
    )


def _core_episode(payload: EpisodeIn) -> core.Episode:
    return core.Episode(
        started_at=payload.started_at,
        muscle=payload.muscle,
        side=payload.side,
        duration_min=payload.duration_min,
        severity=payload.severity,
        relief=tuple(payload.relief),
        relief_worked=payload.relief_worked,
        woke_from_sleep=payload.woke_from_sleep,
        notes=payload.notes,
    )


_CONFLICT = {"detail": CONFLICT}


@router.get("/episodes", response={200: EpisodeList, **ERRORS}, summary="List cramp episodes")
def list_episodes(
    request: HttpRequest,
    since: str | None = param.Query(None, description="First night (YYYY-MM-DD), inclusive."),
    until: str | None = param.Query(None, description="Last night (YYYY-MM-DD), inclusive."),
    limit: int = param.Query(100, ge=1, le=1000),
    offset: int = param.Query(0, ge=0, le=MAX_OFFSET),
) -> Any:
    try:
        low, high = date_range(since, until)
    except InputError as error:
        return invalid(error.field or "query", error.reason, "query")
    page = episode_page(request_user(request), low, high, offset=offset, limit=limit)
    items = [episode_out(r) for r in page.items]
    return json_answer(
        200,
        {
            "items": items,
            "count": page.count,
            "next": next_page(request, offset, limit, page.count),
        },
    )


@router.post("/episodes", response={201: EpisodeOut, **ERRORS}, summary="Log a cramp episode")
def create_episode(
    request: HttpRequest,
    payload: EpisodeIn,
    idempotency_key: str | None = param.Header(
        None,
        alias="Idempotency-Key",
        description="Send the same key again with the same body: the first answer comes back.",
    ),
) -> Any:
    user = request_user(request)
    episode = _core_episode(payload)
    if idempotency_key is None:
        try:
            answer = _store_new(user, episode)
        except InputError as error:
            return refused(error)
        return json_answer(answer.status, answer.body)
    if not idempotency_key or len(idempotency_key) > 255 or "\x00" in idempotency_key:
        return invalid("Idempotency-Key", "must be 1 to 255 characters", "header")
    digest = hashlib.sha256(
        json.dumps(payload.model_dump(mode="json"), sort_keys=True).encode("utf-8")
    ).hexdigest()
    try:
        answer = answer_once(user, idempotency_key, digest, lambda: _store_new(user, episode))
    except InputError as error:
        return refused(error)  # nothing stored or remembered: the same key may try again
    except KeyReused:
        return invalid("Idempotency-Key", "was already used with a different body", "header")
    except KeyBusy:
        return Status(409, {"detail": "This Idempotency-Key is being used by another request."})
    if answer.status == 201:  # remembered as JSON, whose keys PostgreSQL keeps in its own order
        return json_answer(201, _in_schema_order(answer.body))
    return json_answer(answer.status, answer.body)


def _store_new(user: Any, episode: core.Episode) -> Answer:
    """Log the cramp; answer 201 with it, or 409 when it is already stored."""
    try:
        row = log_episode(user, episode)
    except EpisodeConflict:
        return Answer(409, _CONFLICT)
    return Answer(201, json.loads(json.dumps(episode_out(row), default=str)))


@router.get("/episodes/{episode_id}", response={200: EpisodeOut, **ERRORS}, summary="One episode")
def get_episode(request: HttpRequest, episode_id: int = RecordId) -> Any:
    row = find_episode(request_user(request), episode_id)
    return Status(404, NOT_FOUND) if row is None else Status(200, episode_out(row))


@router.put(
    "/episodes/{episode_id}", response={200: EpisodeOut, **ERRORS}, summary="Replace an episode"
)
def put_episode(request: HttpRequest, payload: EpisodeIn, episode_id: int = RecordId) -> Any:
    user = request_user(request)
    row = find_episode(user, episode_id)
    if row is None:
        return Status(404, NOT_FOUND)
    try:
        edit_episode(user, row, _core_episode(payload))
    except InputError as error:
        return refused(error)
    except EpisodeConflict:
        return Status(409, _CONFLICT)
    return Status(200, episode_out(row))


@router.delete(
    "/episodes/{episode_id}", response={204: None, **ERRORS}, summary="Delete an episode"
)
def delete_episode(request: HttpRequest, episode_id: int = RecordId) -> Any:
    deleted = stored.delete_episode(request_user(request), episode_id)
    return Status(204, None) if deleted else Status(404, NOT_FOUND)
