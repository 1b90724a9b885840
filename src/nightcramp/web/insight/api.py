"""JSON API routes of the insight app (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["insight"])
