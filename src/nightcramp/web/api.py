"""The JSON API under /api/v1/: one NinjaAPI, each app's router mounted here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from nightcramp import __version__
from nightcramp.web.account.api import router as account_router
from nightcramp.web.diary.api import router as diary_router
from nightcramp.web.experiments.api import router as experiments_router
from nightcramp.web.insight.api import router as insight_router
from nightcramp.web.plan.api import router as plan_router
from nightcramp.web.report.api import router as report_router
from nightcramp.web.triage.api import router as triage_router

api = NinjaAPI(
    title="nightcramp API",
    version=__version__,
    description="Diary, analysis, triage and plan for night leg cramps.",
    urls_namespace="api",
)
api.add_router("/", diary_router)
api.add_router("/", account_router)
api.add_router("/", triage_router)
api.add_router("/", insight_router)
api.add_router("/", plan_router)
api.add_router("/", report_router)
api.add_router("/", experiments_router)


def _reason(item: dict[str, Any]) -> dict[str, Any]:
    """A field rule's reason reads the same in every way in: drop pydantic's "Value error, "."""
    msg = item.get("msg")
    if isinstance(msg, str):
        return {**item, "msg": msg.removeprefix("Value error, ")}
    return item


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [_reason(item) if isinstance(item, dict) else item for item in exc.errors]
    return api.create_response(request, {"detail": detail}, status=422)
