"""JSON API routes of the report app (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["report"])
