"""Prints the API's OpenAPI document (kept in docs/openapi.json and checked by a test)."""

from __future__ import annotations

import json
import os


def openapi_text() -> str:
    """Return the OpenAPI document as stable, indented JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
    import django

    django.setup()
    from nightcramp.web.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(openapi_text(), end="")
