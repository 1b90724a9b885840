"""Pages of the diary: home, logging a cramp, the check-in, history, profile and medicines."""

from .checkin import checkin, factor_add, night_delete
from .episodes import episode_delete, episode_edit, log
from .history import history
from .home import home
from .medicines import medicine_delete, medicine_edit, medicines, medicines_from_check
from .profile import profile
from .undo import undo

__all__ = [
    "checkin",
    "episode_delete",
    "episode_edit",
    "factor_add",
    "history",
    "home",
    "log",
    "medicine_delete",
    "medicine_edit",
    "medicines",
    "medicines_from_check",
    "night_delete",
    "profile",
    "undo",
]
