"""JSON API routes of the triage app (mounted under /api/v1/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Body, Router, Schema, Status

from nightcramp.core.errors import InputError
from nightcramp.core.triage import validate_answers
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.models import TriageRecord
from nightcramp.web.account.auth import api_auth, request_user

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
    record = save_assessment(request_user(request), clean)
    return Status(201, _out(record))


@router.get(
    "/triage/latest",
    response={200: TriageOut, 401: ErrorOut, 404: ErrorOut},
    summary="The latest saved triage result",
)
def latest_triage(request: HttpRequest) -> Status[dict[str, Any]]:
    record = TriageRecord.objects.filter(user=request_user(request)).first()
    if record is None:
        return Status(404, {"detail": "Not found."})
    return Status(200, _out(record))
