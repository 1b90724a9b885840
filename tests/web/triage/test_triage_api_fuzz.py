"""Property-based run of schemathesis over the triage API: never 5xx, answers keep the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

pytestmark = pytest.mark.django_db


def _triage_schema() -> Any:
    from nightcramp.web.api import api
    from nightcramp.web.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    loaded.app = application
    return loaded.include(path_regex=r"^/api/v1/triage")


schema = _triage_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()  # type: ignore[untyped-decorator]  # schemathesis ships no hints here
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_triage_api_never_answers_5xx_and_keeps_its_schema(case: Any, alice_token: str) -> None:
    response = case.call(headers={"Authorization": f"Bearer {alice_token}"})
    assert response.status_code < 500, response.text
    case.validate_response(
        response,
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ],
    )
