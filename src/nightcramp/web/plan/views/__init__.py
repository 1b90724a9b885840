"""Pages of the plan app: the plan, the bedtime coach, nutrition, and the calendar feed."""

from .calendar import calendar_create, calendar_feed, calendar_page, calendar_revoke
from .nutrition import nutrition_page
from .plan import plan_page
from .routine import routine_done, routine_page
from .tried import tried

__all__ = [
    "calendar_create",
    "calendar_feed",
    "calendar_page",
    "calendar_revoke",
    "nutrition_page",
    "plan_page",
    "routine_done",
    "routine_page",
    "tried",
]
