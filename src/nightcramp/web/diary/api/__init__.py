"""JSON API of the diary (mounted under /api/v1/): episodes, nights, profile, medications.

Every route acts for the authenticated person only; another person's record answers 404,
exactly like one that does not exist. Bad input answers 400 or 422 naming the field.
"""

from ninja import Router

from nightcramp.web.account.auth import api_auth
from nightcramp.web.diary.api import episodes, nights, people

__all__ = ["router"]

router = Router(tags=["diary"], auth=api_auth)
router.add_router("", episodes.router)
router.add_router("", nights.router)
router.add_router("", people.router)
