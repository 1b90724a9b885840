"""Loads and checks the self-experiment content: the changes that can be tested, and the words.

Each change points at a plan item, whose grade, sources and cautions it shares (one source of
truth); the plan's rules decide who may run it (`eligibility.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from pydantic import Field

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    check_template,
    content_key,
    quoted,
    read_content,
    read_entries,
)
from nightcramp.core.knowledge.sources import check_sources, load_sources
from nightcramp.core.plan.content import load_plan_content

__all__ = [
    "MAX_PAIRS",
    "MIN_PAIRS",
    "ChangeKind",
    "ChangeSpec",
    "ExperimentContent",
    "ExperimentWording",
    "load_experiment_content",
]

MIN_PAIRS = 4
MAX_PAIRS = 8
_BEHAVIOUR_NIGHTS = 7
_SUPPLEMENT_NIGHTS = 14
# Plan items that can never become an experiment: a prescribed medicine or quinine.
_NEVER_TESTED = frozenset({"quinine", "medication_review", "epsom_salt_bath"})
_CHANGES = "experiments/changes.yaml"
_WORDING = "experiments/wording.yaml"


class ChangeKind(StrEnum):
    """What a change is: something you do, or a supplement you take. Never a medicine."""

    BEHAVIOUR = "behaviour"
    SUPPLEMENT = "supplement"


class ChangeSpec(ContentModel):
    """One change that can be tested, as `content/experiments/changes.yaml` gives it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    plan_item: str
    kind: ChangeKind
    name: str = Field(min_length=5)
    on: str = Field(min_length=10)
    off: str = Field(min_length=10)
    period_nights: int = Field(ge=7, le=28)
    washout_nights: int = Field(ge=0, le=14)
    pairs: int = Field(ge=MIN_PAIRS, le=MAX_PAIRS)
    diary_factor: str | None = None
    doctor_can_allow: tuple[str, ...] = ()
    never_with: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    reviewed: dt.date


class _MayRun(ContentModel):
    yes: str
    ask_doctor: str
    no: str


class _Reasons(ContentModel):
    pregnancy: str
    triage: str
    doctor_agreed: str


class _Arms(ContentModel):
    on: str
    off: str


class _Verdicts(ContentModel):
    helps: str
    makes_worse: str
    no_clear_effect: str
    # `continue` is a Python keyword: the field is `go_on`, the file's key `continue`.
    go_on: str = Field(alias="continue")
    not_enough_data: str


class _SmallEffect(ContentModel):
    """The range of rate ratios within which "any effect is probably small" may be said."""

    low: float = Field(gt=0, lt=1)
    high: float = Field(gt=1)

    def holds(self, low: float, high: float) -> bool:
        """True when the whole likely range `low` to `high` lies within this range."""
        return self.low <= low and high <= self.high


class _Rates(ContentModel):
    both: str
    no_on: str
    no_off: str
    neither: str


class _NotGoing(ContentModel):
    paused: str
    stopped: str


class _AfterAnswerCalls(ContentModel):
    helps: str
    makes_worse: str
    no_clear_effect: str


class ExperimentWording(ContentModel):
    """The words of experiments, as `content/experiments/wording.yaml` gives them."""

    reviewed: dt.date
    may_run: _MayRun
    reasons: _Reasons
    arms: _Arms
    verdicts: _Verdicts
    no_clear_effect_wide: str
    not_going: _NotGoing
    small_effect: _SmallEffect
    rates: _Rates
    after_answer: str
    after_answer_calls: _AfterAnswerCalls
    chance: str
    looked_again: str
    per_protocol: str
    cautions: str
    cautions_unknown: str

    def verdict(self, verdict: str) -> str:
        """The template for a verdict id (`helps`, `continue` …)."""
        return str(getattr(self.verdicts, "go_on" if verdict == "continue" else verdict))


@dataclass(frozen=True)
class ExperimentContent:
    """The changes, by id in file order, and the words."""

    changes: Mapping[str, ChangeSpec]
    wording: ExperimentWording


def load_experiment_content(content_dir: Path | None = None) -> ExperimentContent:
    """Return the validated experiment content under `content_dir` (default: shipped).

    Cached per folder. Raises ContentFileError naming the file, entry and field when a change
    is invalid or points at an unknown plan item, rule or source.
    """
    return _load(content_key(content_dir))


_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "verdicts.helps": ("rates", "percent", "low", "high"),
    "verdicts.makes_worse": ("rates", "low", "high"),
    "verdicts.no_clear_effect": ("rates", "low", "high"),
    "verdicts.continue": ("rates",),
    "verdicts.not_enough_data": (),
    "no_clear_effect_wide": ("rates", "low", "high"),
    "not_going.paused": ("rates",),
    "not_going.stopped": ("rates",),
    "rates.both": ("on_rate", "off_rate"),
    "rates.no_on": ("off_rate",),
    "rates.no_off": ("on_rate",),
    "rates.neither": (),
    "after_answer": ("date", "low", "high", "call", "answer_date"),
    "after_answer_calls.helps": (),
    "after_answer_calls.makes_worse": (),
    "after_answer_calls.no_clear_effect": (),
    "chance": ("chance",),
    "per_protocol": ("rates",),
}


@cache
def _load(root: Path | None) -> ExperimentContent:
    known_sources = load_sources(root)
    plan = load_plan_content(root)
    items = {item.id: item for item in plan.items}
    rules = {rule.id: rule for rule in plan.rules}
    changes = read_entries(_CHANGES, ChangeSpec, root=root)
    for change in changes:
        _check_change(change, items, rules)
        check_sources(_CHANGES, change.id, change.sources, known_sources)
    wording = read_content(_WORDING, ExperimentWording, root=root)
    for name, expected in _PLACEHOLDERS.items():
        section, _, key = name.partition(".")
        if section == "verdicts":
            text = wording.verdict(key)
        else:
            text = getattr(getattr(wording, section), key) if key else getattr(wording, section)
        check_template(_WORDING, section if key else None, key or section, text, expected)
    return ExperimentContent(changes={c.id: c for c in changes}, wording=wording)


def _check_change(
    change: ChangeSpec, items: Mapping[str, object], rules: Mapping[str, object]
) -> None:
    def problem(field: str, reason: str) -> ContentFileError:
        return ContentFileError(reason, file=_CHANGES, entry=change.id, field=field)

    if change.plan_item not in items:
        raise problem("plan_item", f"unknown plan item {quoted(change.plan_item)}")
    if change.plan_item in _NEVER_TESTED:
        raise problem("plan_item", f"{quoted(change.plan_item)} can never be an experiment")
    for field in ("doctor_can_allow", "never_with"):
        for rule_id in getattr(change, field):
            if rule_id not in rules:
                raise problem(field, f"unknown plan rule {quoted(rule_id)}")
    if change.kind is ChangeKind.BEHAVIOUR and change.period_nights < _BEHAVIOUR_NIGHTS:
        raise problem("period_nights", f"a behaviour change needs {_BEHAVIOUR_NIGHTS} nights")
    if change.kind is ChangeKind.SUPPLEMENT:
        if change.period_nights < _SUPPLEMENT_NIGHTS:
            raise problem(
                "period_nights", f"a supplement needs {_SUPPLEMENT_NIGHTS} nights or more"
            )
        if change.washout_nights == 0:
            raise problem("washout_nights", "a supplement needs a washout")
    if change.washout_nights >= change.period_nights:
        raise problem("washout_nights", "the washout must be shorter than the period")
