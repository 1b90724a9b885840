"""The diary's models, one per module, re-exported here."""

from .custom_factor import CustomFactor
from .episode import Episode
from .idempotency import IdempotencyKey
from .medication import Medication
from .night import Night
from .profile import Profile

__all__ = ["CustomFactor", "Episode", "IdempotencyKey", "Medication", "Night", "Profile"]
