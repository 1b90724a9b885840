"""Loads and checks the plan content: items, rules, medicine groups and messages (YAML)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nightcramp.core.diary_rules import CONDITIONS
from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import CONTENT_DIR, load_sources

__all__ = [
    "CONDITIONS",
    "CONTRACT_ITEM_IDS",
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DiaryLink(_Strict):
    """The diary column that speaks to an item, and which way helps."""

    factor: str = _Id
    helps_when: Literal["more", "less"]


class ItemSpec(_Strict):
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


class When(_Strict):
    conditions: tuple[str, ...] = ()
    medicines: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    pregnant: bool | None = None
    age_at_least: int | None = Field(default=None, ge=0, le=120)


class RuleSpec(_Strict):
    id: str = _Id
    items: tuple[str, ...] = Field(min_length=1)
    when: When
    status: Status | None = None
    promote: bool = False
    grade: Grade | None = None
    text: str | None = None
    why: str | None = None
    caution: str | None = None
    sources: tuple[str, ...] = ()


class MedicineGroup(_Strict):
    id: str = _Id
    label: str
    classes: tuple[str, ...] = ()
    generics: tuple[str, ...] = ()
    cramp_links: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class Messages(_Strict):
    diary_supports_less: str
    diary_supports_more: str
    tried_helped: str
    tried_no_help: str
    tried_unsure: str
    medicines_linked: str
    medicines_matched: str
    factor_labels: dict[str, str]


@dataclass(frozen=True)
class PlanContent:
    """Everything the plan builder reads, validated and cross-checked."""

    items: tuple[ItemSpec, ...]
    rules: tuple[RuleSpec, ...]
    groups: Mapping[str, MedicineGroup]
    messages: Messages


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{path.name}: cannot read: {error}") from error


def _validate(model: type[M], raw: object, file: str, index: int) -> M:
    name = raw.get("id", f"#{index}") if isinstance(raw, dict) else f"#{index}"
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(entry)"
        raise ContentError(f"{file}: {name}: {field}: {first['msg']}") from error


def _entries(folder: Path, name: str, model: type[M]) -> tuple[M, ...]:
    raw = _read(folder / name)
    if not isinstance(raw, list):
        raise ContentError(f"{name}: expected a list of entries")
    entries = tuple(_validate(model, item, name, i) for i, item in enumerate(raw))
    seen: set[str] = set()
    for entry in entries:
        entry_id = str(getattr(entry, "id", ""))
        if entry_id in seen:
            raise ContentError(f"{name}: {entry_id}: duplicate id")
        seen.add(entry_id)
    return entries


def _check_sources(
    file: str, entry: str, ids: tuple[str, ...], known: Mapping[str, object]
) -> None:
    for source in ids:
        if source not in known:
            raise ContentError(f"{file}: {entry}: sources: unknown source id {source!r}")


def _cross_check(content: PlanContent, known_sources: Mapping[str, object]) -> None:
    item_ids = {item.id for item in content.items}
    missing = [i for i in CONTRACT_ITEM_IDS if i not in item_ids]
    if missing:
        raise ContentError(f"items.yaml: missing contract item ids: {', '.join(missing)}")
    for item in content.items:
        _check_sources("items.yaml", item.id, item.sources, known_sources)
    for group in content.groups.values():
        _check_sources("medicine_groups.yaml", group.id, group.sources, known_sources)
    for rule in content.rules:
        _check_sources("rules.yaml", rule.id, rule.sources, known_sources)
        for item_id in rule.items:
            if item_id not in item_ids:
                raise ContentError(f"rules.yaml: {rule.id}: items: unknown item id {item_id!r}")
        for condition in rule.when.conditions:
            if condition not in CONDITIONS:
                raise ContentError(f"rules.yaml: {rule.id}: when.conditions: unknown {condition!r}")
        for group_id in rule.when.medicines:
            if group_id not in content.groups:
                raise ContentError(f"rules.yaml: {rule.id}: when.medicines: unknown {group_id!r}")


def load_plan_content(content_dir: Path | None = None) -> PlanContent:
    """Return the validated plan content under `content_dir` (default: the shipped content).

    Raises ContentError naming the file, entry and field when anything is invalid.
    """
    return _load_cached(content_dir or CONTENT_DIR)


@cache
def _load_cached(content_dir: Path) -> PlanContent:
    folder = content_dir / "plan"
    groups = _entries(folder, "medicine_groups.yaml", MedicineGroup)
    messages_raw = _read(folder / "messages.yaml")
    content = PlanContent(
        items=_entries(folder, "items.yaml", ItemSpec),
        rules=_entries(folder, "rules.yaml", RuleSpec),
        groups={g.id: g for g in groups},
        messages=_validate(Messages, messages_raw, "messages.yaml", 0),
    )
    _cross_check(content, load_sources(content_dir))
    return content
