"""The published API document must not change unreviewed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


@pytest.mark.django_db
def test_openapi_document_matches_docs(client: Client) -> None:
    served = client.get("/api/v1/openapi.json").json()
    recorded = json.loads(DOC.read_text(encoding="utf-8"))
    assert served == recorded, (
        "the API changed: review it, then run python -m nightcramp.web.openapi > docs/openapi.json"
    )
