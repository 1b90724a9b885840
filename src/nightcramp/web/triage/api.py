"""JSON API routes of the triage app (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["triage"])
