"""Loads and checks the plan content: items, rules, condition and medicine groups, messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

from nightcramp.core.diary_rules import CONDITIONS
from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    check_template,
    content_key,
    quoted,
    read_content,
    read_entries,
)
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import check_sources, load_sources

__all__ = [
    "CONDITIONS",
    "CONTRACT_ITEM_IDS",
    "FLUID_LIMIT",
    "KIDNEY",
    "ConditionGroup",
    "DiaryLink",
    "ItemSpec",
    "MedicineGroup",
    "Messages",
    "PlanContent",
    "RuleSpec",
    "Status",
    "When",
    "load_plan_content",
]

CONTRACT_ITEM_IDS = (
    "bedtime_calf_stretch",
    "ankle_circles",
    "hydration",
    "limit_alcohol",
    "limit_caffeine",
    "magnesium_foods",
    "magnesium_supplement",
    "potassium_foods",
    "loose_bedding",
    "sleep_position",
    "move_hourly",
    "supportive_shoes",
    "warm_bath",
    "epsom_salt_bath",
    "quinine",
    "medication_review",
)

FLUID_LIMIT = "fluid_limit"
"""The condition group whose fluids may be restricted: reminders and advice never say drink more."""
KIDNEY = "kidney"
"""The condition group for which potassium intake targets do not apply."""
_NEEDED_GROUPS = (FLUID_LIMIT, KIDNEY)


class Status(StrEnum):
    """How the plan treats an item, from most to least encouraged."""

    RECOMMENDED = "recommended"
    OPTIONAL = "optional"
    CAUTION = "caution"
    NOT_ADVISED = "not_advised"

    @property
    def rank(self) -> int:
        return _STATUS_ORDER.index(self)


M = TypeVar("M", bound=BaseModel)

_STATUS_ORDER = (Status.RECOMMENDED, Status.OPTIONAL, Status.CAUTION, Status.NOT_ADVISED)

_Id = Field(pattern=r"^[a-z0-9_]+$")


class DiaryLink(ContentModel):
    """The diary column that speaks to an item, and which way helps."""

    factor: str = _Id
    helps_when: Literal["more", "less"]


class ItemSpec(ContentModel):
    id: str = _Id
    category: str = _Id
    grade: Grade
    status: Status
    sources: tuple[str, ...] = Field(min_length=1)
    reviewed: dt.date
    text: str = Field(min_length=10)
    why: str = Field(min_length=10)
    cautions: tuple[str, ...] = ()
    diary: DiaryLink | None = None


class When(ContentModel):
    conditions: tuple[str, ...] = ()
    condition_groups: tuple[str, ...] = ()
    medicines: tuple[str, ...] = ()
    all_medicines: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    pregnant: bool | None = None
    age_at_least: int | None = Field(default=None, ge=0, le=120)
    age_below: int | None = Field(default=None, ge=1, le=120)
    # Only while the person's medicines (conditions) are not known: a caution for "if you take".
    medicines_unknown: bool = False
    conditions_unknown: bool = False
    # Not when the person takes a medicine of one of these groups (a rule of its own says more).
    unless_medicines: tuple[str, ...] = ()
    unless_conditions: tuple[str, ...] = ()


class RuleSpec(ContentModel):
    id: str = _Id
    items: tuple[str, ...] = Field(min_length=1)
    when: When
    status: Status | None = None
    promote: bool = False
    grade: Grade | None = None
    text: str | None = None
    why: str | None = None
    caution: str | None = None
    # The item's own cautions no longer fit (an adult dose for a child; "ask your prescriber
    # to review it" in pregnancy, where the advice is "now"): only the rules' cautions show.
    replaces_cautions: bool = False
    # Show the medication check's own cautions of the person's medicines in `when.medicines`
    # (said once, in the medicine tables), not a copy of them.
    medicine_cautions: bool = False
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _cautions_of_named_medicines(self) -> RuleSpec:
        if self.medicine_cautions and not self.when.medicines:
            raise ValueError("medicine_cautions needs when.medicines (whose cautions to show)")
        return self


class ConditionGroup(ContentModel):
    """Profile conditions that change advice the same way (one list, used everywhere)."""

    id: str = _Id
    label: str = Field(min_length=3)
    conditions: tuple[str, ...] = Field(min_length=1)
    reviewed: dt.date
    sources: tuple[str, ...] = Field(min_length=1)


class MedicineGroup(ContentModel):
    id: str = _Id
    label: str
    classes: tuple[str, ...] = ()
    generics: tuple[str, ...] = ()
    cramp_links: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class Messages(ContentModel):
    diary_supports_less: str
    diary_supports_more: str
    tried_helped: str
    tried_no_help: str
    tried_unsure: str
    medicines_linked: str
    medicines_matched: str
    medicines_unrecognised: str
    triage_with_profile: str
    factor_labels: dict[str, str]


@dataclass(frozen=True)
class PlanContent:
    """Everything the plan builder reads, validated and cross-checked."""

    items: tuple[ItemSpec, ...]
    rules: tuple[RuleSpec, ...]
    groups: Mapping[str, MedicineGroup]
    messages: Messages
    condition_groups: Mapping[str, ConditionGroup]

    def conditions_in(self, group_id: str) -> frozenset[str]:
        """The condition ids of one condition group; KeyError for an unknown group."""
        return frozenset(self.condition_groups[group_id].conditions)


def _unknown(file: str, entry: str, field: str, what: str, value: str) -> ContentFileError:
    return ContentFileError(f"unknown {what} {quoted(value)}", file=file, entry=entry, field=field)


def _check_groups(content: PlanContent, known_sources: Mapping[str, object]) -> None:
    for group in content.condition_groups.values():
        check_sources(_GROUPS_FILE, group.id, group.sources, known_sources)
        for condition in group.conditions:
            if condition not in CONDITIONS:
                raise _unknown(_GROUPS_FILE, group.id, "conditions", "condition", condition)
    for needed in _NEEDED_GROUPS:
        if needed not in content.condition_groups:
            raise ContentFileError("missing entry", file=_GROUPS_FILE, entry=needed, field="id")
    for medicines in content.groups.values():
        check_sources("plan/medicine_groups.yaml", medicines.id, medicines.sources, known_sources)


def _check_rule(rule: RuleSpec, content: PlanContent, item_ids: set[str]) -> None:
    file = "plan/rules.yaml"
    for item_id in rule.items:
        if item_id not in item_ids:
            raise _unknown(file, rule.id, "items", "item id", item_id)
    for field in ("conditions", "unless_conditions"):
        for condition in getattr(rule.when, field):
            if condition not in CONDITIONS:
                raise _unknown(file, rule.id, f"when.{field}", "condition", condition)
    for group_id in rule.when.condition_groups:
        if group_id not in content.condition_groups:
            raise _unknown(file, rule.id, "when.condition_groups", "condition group", group_id)
    for field in ("medicines", "all_medicines", "unless_medicines"):
        for group_id in getattr(rule.when, field):
            if group_id not in content.groups:
                raise _unknown(file, rule.id, f"when.{field}", "medicine group", group_id)


def _cross_check(content: PlanContent, known_sources: Mapping[str, object]) -> None:
    _check_groups(content, known_sources)
    for item in content.items:
        check_sources("plan/items.yaml", item.id, item.sources, known_sources)
    item_ids = {item.id for item in content.items}
    for rule in content.rules:
        check_sources("plan/rules.yaml", rule.id, rule.sources, known_sources)
        _check_rule(rule, content, item_ids)
    missing = [i for i in CONTRACT_ITEM_IDS if i not in item_ids]
    if missing:
        raise ContentFileError(
            f"missing contract item ids: {', '.join(missing)}", file="plan/items.yaml", field="id"
        )


_GROUPS_FILE = "plan/condition_groups.yaml"


def load_plan_content(content_dir: Path | None = None) -> PlanContent:
    """Return the validated plan content under `content_dir` (default: the shipped content).

    Cached per folder. Raises ContentFileError naming the file, entry and field when anything
    is invalid.
    """
    return _load_cached(content_key(content_dir))


@cache
def _load_cached(root: Path | None) -> PlanContent:
    known_sources = load_sources(root)
    content = PlanContent(
        items=read_entries("plan/items.yaml", ItemSpec, root=root),
        rules=read_entries("plan/rules.yaml", RuleSpec, root=root),
        groups={
            g.id: g for g in read_entries("plan/medicine_groups.yaml", MedicineGroup, root=root)
        },
        messages=read_content("plan/messages.yaml", Messages, root=root),
        condition_groups={g.id: g for g in read_entries(_GROUPS_FILE, ConditionGroup, root=root)},
    )
    _cross_check(content, known_sources)
    for name, expected in _MESSAGE_PLACEHOLDERS.items():
        text = getattr(content.messages, name)
        check_template("plan/messages.yaml", None, name, text, expected)
    return content


_MESSAGE_PLACEHOLDERS = {
    "diary_supports_less": ("ratio", "factor", "nights"),
    "diary_supports_more": ("fewer", "factor", "nights"),
    "medicines_linked": ("names",),
    "medicines_matched": ("names",),
}
