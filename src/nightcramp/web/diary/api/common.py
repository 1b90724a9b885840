"""Shared pieces of the diary API: error answers, paging, ids and dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Status
from ninja.params import functions as param
from ninja.responses import NinjaJSONEncoder

from nightcramp.core.errors import InputError, InputErrors
from nightcramp.web.diary.schemas import (
    ErrorOut,
    ValidationErrorOut,
    parse_iso_date,
)

__all__ = [
    "ERRORS",
    "MAX_ID",
    "MAX_OFFSET",
    "NOT_FOUND",
    "RecordId",
    "date_range",
    "invalid",
    "json_answer",
    "next_page",
    "refused",
]

MAX_ID = 2**63 - 1
MAX_OFFSET = 10**9
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}
NOT_FOUND = {"detail": "Not found."}
RecordId = param.Path(..., ge=1, le=MAX_ID, description="The record's id.")


def json_answer(status: int, body: object) -> HttpResponse:
    """Answer `body` as the API's JSON, as it is: not checked again against the response schema.

    For the diary's busiest routes, whose bodies are built from stored rows in exactly the
    schema's shape (tests/web/diary/api check each against its schema). Checking a page of 100
    cramps again costs more than reading them.
    """
    return HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def invalid(field: str, message: str, where: str = "body") -> Status[Any]:
    return Status(422, {"detail": [{"loc": [where, field], "msg": message, "type": "value_error"}]})


def refused(error: InputError) -> Status[Any]:
    """Answer 422 with one `detail` entry per problem the store found, each naming its field."""
    problems = error.errors if isinstance(error, InputErrors) else [error]
    detail = [
        {"loc": ["body", p.field or "body"], "msg": p.reason, "type": "value_error"}
        for p in problems
    ]
    return Status(422, {"detail": detail})


def next_page(request: HttpRequest, offset: int, limit: int, count: int) -> str | None:
    if offset + limit >= count:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset + limit)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def date_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    low = None if since is None else parse_iso_date(since, "since")
    high = None if until is None else parse_iso_date(until, "until")
    return low, high
