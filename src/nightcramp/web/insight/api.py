"""JSON API routes of the insight app (mounted under /api/v1/): the analysis document."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from nightcramp.core.errors import InputError
from nightcramp.store.insights.analysis import analysis_document
from nightcramp.web.account.auth import api_auth, request_user

router = Router(tags=["insight"], auth=api_auth)


@router.get("/insights", response={200: dict[str, Any], 422: dict[str, Any]})
def get_insights(request: HttpRequest, suspect: Query[list[str]] = None) -> Any:  # type: ignore[assignment]  # ninja reads None as 'not given'
    """The trigger and relief analysis of your diary (the `nightcramp analyze --json` document).

    Name up to three `suspect` factors to check them as their own family.
    """
    try:
        return analysis_document(request_user(request), suspect or [])
    except InputError as error:
        return Status(422, {"detail": [{"loc": ["query", "suspect"], "msg": error.reason}]})
