"""Triage rules as data (`content/triage/rules.yaml`) and the small condition language.

A condition is true only when the answers make it true: a missing answer is neither yes nor no.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import NamedTuple

from pydantic import Field, JsonValue, field_validator

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    check_template,
    content_key,
    quoted,
    read_content,
)
from nightcramp.core.knowledge.sources import check_sources, load_sources
from nightcramp.core.meds.names import MedClass
from nightcramp.core.triage.vocabulary import AnswerValue, Question, load_vocabulary

__all__ = [
    "Condition",
    "ConditionPlace",
    "Disposition",
    "Facts",
    "Rule",
    "RuleBook",
    "load_rules",
    "parse_condition",
]

_FILE = "triage/rules.yaml"


class Disposition(StrEnum):
    """How soon to get help, most urgent first."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    ROUTINE = "routine"
    SELF_CARE = "self_care"

    @property
    def urgency(self) -> int:
        """4 for emergency down to 0 for self_care."""
        return _URGENCY[self]

    # Comparisons follow urgency: Disposition.EMERGENCY > Disposition.URGENT > … > SELF_CARE.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Disposition):
            return NotImplemented
        return self.urgency < other.urgency

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Disposition):
            return NotImplemented
        return self.urgency <= other.urgency

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Disposition):
            return NotImplemented
        return self.urgency > other.urgency

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Disposition):
            return NotImplemented
        return self.urgency >= other.urgency


_URGENCY = {
    Disposition.EMERGENCY: 4,
    Disposition.URGENT: 3,
    Disposition.SOON: 2,
    Disposition.ROUTINE: 1,
    Disposition.SELF_CARE: 0,
}


class Condition(StrEnum):
    """Condition ids for `consider` (VOCABULARY.md)."""

    IDIOPATHIC_LEG_CRAMPS = "idiopathic_leg_cramps"
    EXERCISE_ASSOCIATED_CRAMPS = "exercise_associated_cramps"
    PREGNANCY_RELATED = "pregnancy_related"
    MEDICATION_SIDE_EFFECT = "medication_side_effect"
    ELECTROLYTE_DISTURBANCE = "electrolyte_disturbance"
    DEEP_VEIN_THROMBOSIS = "deep_vein_thrombosis"
    PULMONARY_EMBOLISM = "pulmonary_embolism"
    CELLULITIS = "cellulitis"
    ACUTE_LIMB_ISCHAEMIA = "acute_limb_ischaemia"
    CRITICAL_LIMB_ISCHAEMIA = "critical_limb_ischaemia"
    PERIPHERAL_ARTERY_DISEASE = "peripheral_artery_disease"
    STROKE = "stroke"
    SPINAL_CORD_COMPRESSION = "spinal_cord_compression"
    CAUDA_EQUINA_SYNDROME = "cauda_equina_syndrome"
    LUMBAR_SPINAL_STENOSIS = "lumbar_spinal_stenosis"
    LUMBAR_RADICULOPATHY = "lumbar_radiculopathy"
    PERIPHERAL_NEUROPATHY = "peripheral_neuropathy"
    MOTOR_NEURONE_DISEASE = "motor_neurone_disease"
    RHABDOMYOLYSIS = "rhabdomyolysis"
    RESTLESS_LEGS_SYNDROME = "restless_legs_syndrome"
    HYPOTHYROIDISM = "hypothyroidism"
    CHRONIC_KIDNEY_DISEASE = "chronic_kidney_disease"
    LIVER_CIRRHOSIS = "liver_cirrhosis"
    PARKINSONS_DISEASE = "parkinsons_disease"
    PRE_ECLAMPSIA = "pre_eclampsia"


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules look at: the answers and what the medicine names resolved to."""

    answers: Mapping[str, AnswerValue]
    med_classes: frozenset[MedClass] | None = None
    unknown_medicines: tuple[str, ...] = ()


Test = Callable[[Facts], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: when it applies, how urgent it is, and what it says."""

    id: str
    disposition: Disposition | None  # None: context only, never changes urgency
    when: Test
    keys: frozenset[str]
    reason: str
    advice: str
    rule_out: str
    consider: tuple[Condition, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleBook:
    """All rules in order, the disposition wording and the self-care result."""

    rules: tuple[Rule, ...]
    labels: Mapping[Disposition, str]
    headlines: Mapping[Disposition, str]
    emergency_signs: str
    could_not_rule_out: str
    self_care_reason: str
    self_care_advice: str
    self_care_consider: tuple[Condition, ...]
    self_care_sources: tuple[str, ...]
    reviewed: dt.date


def _number(facts: Facts, key: str) -> float | None:
    value = facts.answers.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


class ConditionPlace(NamedTuple):
    """Where a condition is written, for the error that names it."""

    file: str
    entry: str
    field: str

    def error(self, reason: str) -> ContentFileError:
        """A ContentFileError at this place."""
        return ContentFileError(reason, file=self.file, entry=self.entry, field=self.field)


def parse_condition(
    spec: object,
    where: ConditionPlace,
    keys: set[str],
    questions: Mapping[str, Question] | None = None,
) -> Test:
    """Compile one condition; add every answer key it reads to `keys`.

    `questions` defaults to the shipped vocabulary. Raises ContentFileError naming `where`
    for an unknown operator, key or class.
    """
    vocabulary = load_vocabulary().questions if questions is None else questions
    if not isinstance(spec, dict) or len(spec) != 1:
        raise where.error("a condition is a mapping with one operator")
    ((op, arg),) = spec.items()

    def key_of(name: object) -> str:
        if not isinstance(name, str) or name not in vocabulary:
            raise where.error(f"{op}: {quoted(name)} is not a vocabulary key")
        keys.add(name)
        return name

    def inner(part: object) -> Test:
        return parse_condition(part, where, keys, vocabulary)

    if op == "yes_to":
        k = key_of(arg)
        return lambda f: f.answers.get(k) is True
    if op == "no_to":
        k = key_of(arg)
        return lambda f: f.answers.get(k) is False
    if op in {"is", "at_least", "more_than"}:
        if not isinstance(arg, dict) or len(arg) != 1:
            raise where.error(f"{op}: expected {{key: value}}")
        ((name, target),) = arg.items()
        k = key_of(name)
        if op == "is":
            return lambda f: f.answers.get(k) == target
        if isinstance(target, bool) or not isinstance(target, int | float):
            raise where.error(f"{op}: expected a number, not {quoted(target)}")
        limit = float(target)
        if op == "at_least":
            return lambda f: (n := _number(f, k)) is not None and n >= limit
        return lambda f: (n := _number(f, k)) is not None and n > limit
    if op in {"any", "all"}:
        if not isinstance(arg, list) or not arg:
            raise where.error(f"{op}: expected a list of conditions")
        parts = [inner(p) for p in arg]
        if op == "any":
            return lambda f: any(p(f) for p in parts)
        return lambda f: all(p(f) for p in parts)
    if op == "not":
        negated = inner(arg)
        return lambda f: not negated(f)
    if op == "medicine":
        try:
            wanted = frozenset(MedClass(c) for c in arg)
        except (TypeError, ValueError) as error:
            raise where.error(f"medicine: not a medication class ({error})") from error
        keys.add("medications")
        return lambda f: f.med_classes is not None and bool(f.med_classes & wanted)
    if op == "linked_medicine":
        keys.add("medications")
        return lambda f: f.med_classes is not None and bool(f.med_classes - {MedClass.NONE})
    if op == "unknown_medicine":
        keys.add("medications")
        return lambda f: bool(f.unknown_medicines)
    raise where.error(f"unknown condition operator {quoted(op)}")


class _RuleSpec(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    disposition: str
    when: JsonValue
    reason: str = Field(min_length=10)
    advice: str = ""
    rule_out: str = ""
    consider: tuple[Condition, ...] = ()
    sources: tuple[str, ...]

    @field_validator("disposition")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value != "context" and value not in {d.value for d in Disposition}:
            levels = ", ".join(d.value for d in Disposition)
            raise ValueError(f"expected context or one of {levels}")
        return value


class _DispositionText(ContentModel):
    label: str = Field(min_length=3)
    headline: str = Field(min_length=10)


class _SelfCare(ContentModel):
    reason: str = Field(min_length=10)
    advice: str = Field(min_length=10)
    consider: tuple[Condition, ...]
    sources: tuple[str, ...] = Field(min_length=1)


class RulesFile(ContentModel):
    """The whole of `triage/rules.yaml`, validated (the rule table is drawn from it)."""

    reviewed: dt.date
    dispositions: dict[Disposition, _DispositionText]
    emergency_signs: str = Field(min_length=10)
    could_not_rule_out: str
    rules: tuple[_RuleSpec, ...] = Field(min_length=1)
    self_care: _SelfCare


def read_rules_file(content_dir: Path | None = None) -> RulesFile:
    """`triage/rules.yaml` checked against its shape only (no cross-checks); cached."""
    return _read_file(content_key(content_dir))


@cache
def _read_file(root: Path | None) -> RulesFile:
    return read_content(_FILE, RulesFile, root=root, keyed=("dispositions",))


def _rule(spec: _RuleSpec, known: Mapping[str, object], questions: Mapping[str, Question]) -> Rule:
    disposition = None if spec.disposition == "context" else Disposition(spec.disposition)
    if disposition is not None and not spec.rule_out.strip():
        reason = "required for a rule with a disposition"
        raise ContentFileError(reason, file=_FILE, entry=spec.id, field="rule_out")
    check_sources(_FILE, spec.id, spec.sources, known)
    keys: set[str] = set()
    test = parse_condition(spec.when, ConditionPlace(_FILE, spec.id, "when"), keys, questions)
    return Rule(
        id=spec.id,
        disposition=disposition,
        when=test,
        keys=frozenset(keys),
        reason=spec.reason.strip(),
        advice=spec.advice.strip(),
        rule_out=spec.rule_out.strip(),
        consider=spec.consider,
        sources=spec.sources,
    )


def load_rules(content_dir: Path | None = None) -> RuleBook:
    """Load and check `triage/rules.yaml` (cached per folder).

    Raises ContentFileError naming the file, the rule and the field when anything is invalid.
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> RuleBook:
    parsed = _read_file(root)
    known = load_sources(root)
    questions = load_vocabulary(root).questions
    missing = [d for d in Disposition if d not in parsed.dispositions]
    if missing:
        raise ContentFileError("missing entry", file=_FILE, entry=missing[0], field="dispositions")
    check_template(
        _FILE, None, "could_not_rule_out", parsed.could_not_rule_out, ("rule_out", "questions")
    )
    rules = tuple(_rule(spec, known, questions) for spec in parsed.rules)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ContentFileError("duplicate rule id", file=_FILE, entry=rule.id, field="id")
        seen.add(rule.id)
    check_sources(_FILE, "self_care", parsed.self_care.sources, known)
    return RuleBook(
        rules=rules,
        labels={d: t.label for d, t in parsed.dispositions.items()},
        headlines={d: t.headline for d, t in parsed.dispositions.items()},
        emergency_signs=parsed.emergency_signs.strip(),
        could_not_rule_out=parsed.could_not_rule_out.strip(),
        self_care_reason=parsed.self_care.reason.strip(),
        self_care_advice=parsed.self_care.advice.strip(),
        self_care_consider=parsed.self_care.consider,
        self_care_sources=parsed.self_care.sources,
        reviewed=parsed.reviewed,
    )
