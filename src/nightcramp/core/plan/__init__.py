"""The prevention plan: profile + diary insights + evidence -> ranked personal actions."""

from nightcramp.core.plan.build import (
    Plan,
    PlanItem,
    build_plan,
    fluids_may_be_restricted,
    potassium_target_applies,
    rules_for,
)
from nightcramp.core.plan.content import CONTRACT_ITEM_IDS, Status, load_plan_content
from nightcramp.core.plan.profile import Profile, parse_profile, parse_profile_text

__all__ = [
    "CONTRACT_ITEM_IDS",
    "Plan",
    "PlanItem",
    "Profile",
    "Status",
    "build_plan",
    "fluids_may_be_restricted",
    "load_plan_content",
    "parse_profile",
    "parse_profile_text",
    "potassium_target_applies",
    "rules_for",
]
