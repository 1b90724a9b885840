"""Episode routes: log, list, read, replace and delete cramps; Idempotency-Key."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import Router, Status
from ninja.params import functions as param

from nightcramp.core import diary as core
from nightcramp.core.errors import InputError
from nightcramp.web.account.auth import api_auth, request_user
from nightcramp.store.diary import convert, models
from nightcramp.web.diary.api.common import (
    ERRORS,
    MAX_OFFSET,
    NOT_FOUND,
    RecordId,
    date_range,
    invalid,
    next_page,
)
from nightcramp.web.diary.schemas import (
    EpisodeIn,
    EpisodeList,
    EpisodeOut,
)

router = Router(tags=["diary"], auth=api_auth)


def episode_out(row: models.Episode) -> dict[str, Any]:
    """Return the API representation of a stored episode."""
    episode = convert.episode_to_core(row)
    return {
        "id": row.pk,
        "started_at": episode.started_at.isoformat(),
        "night": row.night,
        "muscle": episode.muscle.value,
        "side": None if episode.side is None else episode.side.value,
        "duration_min": episode.duration_min,
        "severity": episode.severity,
        "relief": [r.value for r in episode.relief],
        "relief_worked": None if episode.relief_worked is None else episode.relief_worked.value,
        "woke_from_sleep": episode.woke_from_sleep,
        "notes": episode.notes,
    }


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


def _conflict(user: Any, episode: core.Episode, exclude: int | None = None) -> bool:
    fields = convert.episode_fields(episode)
    rows = models.Episode.objects.filter(
        user=user, started_at=fields["started_at"], muscle=fields["muscle"], side=fields["side"]
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.exists()


_CONFLICT = {"detail": "An episode with the same started_at, muscle and side is already stored."}


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
    rows = models.Episode.objects.filter(user=request_user(request))
    if low is not None:
        rows = rows.filter(night__gte=low)
    if high is not None:
        rows = rows.filter(night__lte=high)
    count = rows.count()
    items = [episode_out(r) for r in rows.order_by("started_at", "id")[offset : offset + limit]]
    return {"items": items, "count": count, "next": next_page(request, offset, limit, count)}


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
        return _store_new(user, episode)
    if not idempotency_key or len(idempotency_key) > 255 or "\x00" in idempotency_key:
        return invalid("Idempotency-Key", "must be 1 to 255 characters", "header")
    digest = hashlib.sha256(
        json.dumps(payload.model_dump(mode="json"), sort_keys=True).encode("utf-8")
    ).hexdigest()
    for _attempt in range(2):
        seen = models.IdempotencyKey.objects.filter(user=user, key=idempotency_key).first()
        if seen is not None:
            if seen.request_hash != digest:
                return invalid(
                    "Idempotency-Key", "was already used with a different body", "header"
                )
            return Status(seen.status, seen.response)
        try:
            with transaction.atomic():
                answer = _store_new(user, episode)
                models.IdempotencyKey.objects.create(
                    user=user,
                    key=idempotency_key,
                    request_hash=digest,
                    status=answer.status_code,
                    response=json.loads(json.dumps(answer.value, default=str)),
                )
                return answer
        except IntegrityError:
            continue  # another request with this key won the race: answer as it did
    return Status(409, {"detail": "This Idempotency-Key is being used by another request."})


def _store_new(user: Any, episode: core.Episode) -> Status[Any]:
    if _conflict(user, episode):
        return Status(409, _CONFLICT)
    try:
        with transaction.atomic():
            row = convert.save_episode(user, episode)
    except IntegrityError:
        return Status(409, _CONFLICT)
    return Status(201, episode_out(row))


@router.get("/episodes/{episode_id}", response={200: EpisodeOut, **ERRORS}, summary="One episode")
def get_episode(request: HttpRequest, episode_id: int = RecordId) -> Any:
    row = models.Episode.objects.filter(user=request_user(request), pk=episode_id).first()
    return Status(404, NOT_FOUND) if row is None else Status(200, episode_out(row))


@router.put(
    "/episodes/{episode_id}", response={200: EpisodeOut, **ERRORS}, summary="Replace an episode"
)
def put_episode(request: HttpRequest, payload: EpisodeIn, episode_id: int = RecordId) -> Any:
    user = request_user(request)
    row = models.Episode.objects.filter(user=user, pk=episode_id).first()
    if row is None:
        return Status(404, NOT_FOUND)
    episode = _core_episode(payload)
    if _conflict(user, episode, exclude=row.pk):
        return Status(409, _CONFLICT)
    try:
        with transaction.atomic():
            convert.save_episode(user, episode, instance=row)
    except IntegrityError:
        return Status(409, _CONFLICT)
    return Status(200, episode_out(row))


@router.delete(
    "/episodes/{episode_id}", response={204: None, **ERRORS}, summary="Delete an episode"
)
def delete_episode(request: HttpRequest, episode_id: int = RecordId) -> Any:
    deleted, _ = models.Episode.objects.filter(user=request_user(request), pk=episode_id).delete()
    return Status(204, None) if deleted else Status(404, NOT_FOUND)
