"""JSON API routes of the plan app (mounted under /api/v1/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from nightcramp.store.plan.inputs import plan_for_user
from nightcramp.web.account.auth import api_auth, request_user

router = Router(tags=["plan"], auth=api_auth)


class _Error(Schema):
    detail: str


@router.get(
    "/plan",
    response={200: dict[str, Any], 401: _Error},
    summary="The personal prevention plan",
    description=(
        "The same document as `nightcramp plan --json`: `triage` first when the latest triage "
        "answers call for more than self-care, then the ranked `items`."
    ),
)
def get_plan(request: HttpRequest) -> dict[str, Any]:
    plan = plan_for_user(request_user(request), today=timezone.localdate())
    return plan.to_json()
