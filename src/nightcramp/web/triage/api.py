"""JSON API routes of the triage app (mounted under /api/v1/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Router, Schema, Status
from ninja.params import functions as param

from nightcramp.core.errors import InputError
from nightcramp.core.triage import validate_answers
from nightcramp.store.triage.history import (
    Source,
    entry_of,
    resolve_result,
    save_assessment,
)
from nightcramp.store.triage.models import TriageRecord
from nightcramp.web.account.auth import api_auth, request_user
from nightcramp.web.diary.api.common import MAX_OFFSET, NOT_FOUND, RecordId, next_page

router = Router(tags=["triage"], auth=api_auth)


class TriageOut(Schema):
    id: int
    created_at: str
    disposition: str
    reasons: list[str]
    consider: list[str]
    advice: str
    unanswered: list[str]
    answers: dict[str, Any]


class HistoryItemOut(Schema):
    id: int
    at: str
    disposition: str
    reasons: list[str]
    resolved: bool
    open: bool
    resolved_at: str | None
    source: str


class HistoryOut(Schema):
    items: list[HistoryItemOut]
    count: int
    next: str | None


class ErrorOut(Schema):
    detail: Any


def _out(record: TriageRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "created_at": record.created_at.isoformat(),
        **record.result,
        "unanswered": record.result.get("unanswered", []),
        "answers": record.answers,
    }


@router.post(
    "/triage",
    response={201: TriageOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="Assess triage answers and save the result",
)
def post_triage(request: HttpRequest, answers: Body[dict[str, Any]]) -> Status[dict[str, Any]]:
    """Answers use the keys of the triage vocabulary; missing or null means unknown."""
    try:
        clean, _warnings = validate_answers(answers)
    except InputError as error:
        field = error.field or "body"
        detail = [{"loc": ["body", field], "msg": error.reason, "type": "value_error"}]
        return Status(422, {"detail": detail})
    record = save_assessment(request_user(request), clean, source=Source.API)
    return Status(201, _out(record))


@router.get(
    "/triage",
    response={200: HistoryOut, 401: ErrorOut, 422: ErrorOut},
    summary="Your triage history, newest first",
    description=(
        "The same items as `nightcramp triage history --json`. An `urgent` or `emergency` "
        "result is `open` until you say it was seen to (`POST /triage/{id}/resolve`)."
    ),
)
def list_triage(
    request: HttpRequest,
    limit: int = param.Query(100, ge=1, le=1000),
    offset: int = param.Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    rows = TriageRecord.objects.filter(user=request_user(request))
    count = rows.count()
    items = [entry_of(r).to_json() for r in rows[offset : offset + limit]]
    return {"items": items, "count": count, "next": next_page(request, offset, limit, count)}


@router.get(
    "/triage/latest",
    response={200: TriageOut, 401: ErrorOut, 404: ErrorOut},
    summary="The latest saved triage result",
)
def latest_triage(request: HttpRequest) -> Status[dict[str, Any]]:
    record = TriageRecord.objects.filter(user=request_user(request)).first()
    if record is None:
        return Status(404, NOT_FOUND)
    return Status(200, _out(record))


@router.get(
    "/triage/{result_id}",
    response={200: TriageOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="One saved triage result",
)
def get_triage(request: HttpRequest, result_id: int = RecordId) -> Status[dict[str, Any]]:
    record = TriageRecord.objects.filter(user=request_user(request), pk=result_id).first()
    if record is None:
        return Status(404, NOT_FOUND)
    return Status(200, _out(record))


@router.post(
    "/triage/{result_id}/resolve",
    response={200: HistoryItemOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Say that you were seen about a result",
    description=(
        "Marks the result seen to (kept if it already was); an open `urgent` or `emergency` "
        "result then no longer leads the plan and the home page."
    ),
)
def resolve_triage(request: HttpRequest, result_id: int = RecordId) -> Status[dict[str, Any]]:
    entry = resolve_result(request_user(request), result_id, now=timezone.now())
    if entry is None:
        return Status(404, NOT_FOUND)
    return Status(200, entry.to_json())
