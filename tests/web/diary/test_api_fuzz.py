"""Property-based run of schemathesis over the diary API: bad input never answers 5xx,
and every answer matches the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

pytestmark = pytest.mark.django_db

_DIARY_PATHS = r"^/api/v1/(episodes|nights|profile|medications)"


def _diary_schema() -> Any:
    # Built from the API object, not fetched: fetching would touch the database at collection.
    from nightcramp.web.api import api
    from nightcramp.web.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    loaded.app = application
    return loaded.include(path_regex=_DIARY_PATHS)


schema = _diary_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # Calling the WSGI app directly would close the test's database connection after each
    # request (losing the test transaction on PostgreSQL); Django's own test client does this.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()  # type: ignore[untyped-decorator]  # schemathesis ships no hints here
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_diary_api_never_answers_5xx_and_keeps_its_schema(case: Any, alice_token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {alice_token}"})
    assert response.status_code < 500, response.text
    # Answers: never 5xx, a documented status, JSON, matching the documented schema. Some field
    # rules (a time part in started_at, at most 24 hours) are stricter than JSON Schema says,
    # so "positive data acceptance" is not checked; per-field 422s are tested one by one.
    case.validate_response(
        response,
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ],
    )
