"""Django forms of the diary screens: a cramp, the evening check-in, profile and medicines.

Each form validates the same ranges as the API and the import (severity 0–10, duration > 0,
counts whole and not negative, hours 0–24, the contract's ids) with `nightcramp.core.diary_rules`
and returns core values. A blank answer is "not recorded", never 0 or "no".
"""

from .checkin import CheckinForm, CustomFactorForm, custom_field_name
from .episode import EpisodeForm, QuickEpisodeForm
from .labels import (
    CONDITION_LABELS,
    FACTOR_LABELS,
    FACTOR_STEPS,
    MUSCLE_LABELS,
    RELIEF_LABELS,
    SIDE_LABELS,
)
from .person import MedicationForm, ProfileForm

__all__ = [
    "CONDITION_LABELS",
    "FACTOR_LABELS",
    "FACTOR_STEPS",
    "MUSCLE_LABELS",
    "RELIEF_LABELS",
    "SIDE_LABELS",
    "CheckinForm",
    "CustomFactorForm",
    "EpisodeForm",
    "MedicationForm",
    "ProfileForm",
    "QuickEpisodeForm",
    "custom_field_name",
]
