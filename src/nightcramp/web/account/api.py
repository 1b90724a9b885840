"""JSON API routes of the account app (mounted under /api/v1/)."""

from ninja import Router

router = Router(tags=["account"])
