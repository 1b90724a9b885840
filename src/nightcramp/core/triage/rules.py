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

import yaml

from nightcramp.core.errors import ContentError
from nightcramp.core.meds.names import MedClass
from nightcramp.core.triage.vocabulary import AnswerValue, load_vocabulary

__all__ = [
    "Condition",
    "Disposition",
    "Facts",
    "Rule",
    "RuleBook",
    "load_rules",
    "parse_condition",
]

_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def parse_condition(spec: object, where: str, keys: set[str]) -> Test:
    """Compile one condition; add every answer key it reads to `keys`.

    Raises ContentError naming `where` for an unknown operator, key or class.
    """
    vocabulary = load_vocabulary().questions
    if not isinstance(spec, dict) or len(spec) != 1:
        raise ContentError(f"{where}: a condition is a mapping with one operator")
    ((op, arg),) = spec.items()

    def key_of(name: object) -> str:
        if not isinstance(name, str) or name not in vocabulary:
            raise ContentError(f"{where}: {op}: {name!r} is not a vocabulary key")
        keys.add(name)
        return name

    if op == "yes_to":
        k = key_of(arg)
        return lambda f: f.answers.get(k) is True
    if op == "no_to":
        k = key_of(arg)
        return lambda f: f.answers.get(k) is False
    if op in {"is", "at_least", "more_than"}:
        if not isinstance(arg, dict) or len(arg) != 1:
            raise ContentError(f"{where}: {op}: expected {{key: value}}")
        ((name, target),) = arg.items()
        k = key_of(name)
        if op == "is":
            return lambda f: f.answers.get(k) == target
        limit = float(target)
        if op == "at_least":
            return lambda f: (n := _number(f, k)) is not None and n >= limit
        return lambda f: (n := _number(f, k)) is not None and n > limit
    if op in {"any", "all"}:
        if not isinstance(arg, list) or not arg:
            raise ContentError(f"{where}: {op}: expected a list of conditions")
        parts = [parse_condition(p, where, keys) for p in arg]
        if op == "any":
            return lambda f: any(p(f) for p in parts)
        return lambda f: all(p(f) for p in parts)
    if op == "not":
        inner = parse_condition(arg, where, keys)
        return lambda f: not inner(f)
    if op == "medicine":
        try:
            wanted = frozenset(MedClass(c) for c in arg)
        except (TypeError, ValueError) as error:
            raise ContentError(f"{where}: medicine: not a medication class") from error
        keys.add("medications")
        return lambda f: f.med_classes is not None and bool(f.med_classes & wanted)
    if op == "linked_medicine":
        keys.add("medications")
        return lambda f: f.med_classes is not None and bool(f.med_classes - {MedClass.NONE})
    if op == "unknown_medicine":
        keys.add("medications")
        return lambda f: bool(f.unknown_medicines)
    raise ContentError(f"{where}: unknown condition operator {op!r}")


_RULE_FIELDS = frozenset(
    {"id", "disposition", "when", "reason", "advice", "rule_out", "consider", "sources"}
)


def _parse_rule(item: object, index: int, source_ids: set[str]) -> Rule:
    if not isinstance(item, dict):
        raise ContentError(f"rules.yaml: #{index}: expected a mapping")
    rule_id = str(item.get("id", f"#{index}"))
    where = f"rules.yaml: {rule_id}"
    extra = set(item) - _RULE_FIELDS
    if extra:
        raise ContentError(f"{where}: {sorted(extra)[0]}: unknown field")
    for needed in ("id", "disposition", "when", "reason", "sources"):
        if needed not in item:
            raise ContentError(f"{where}: {needed}: field required")
    raw_disposition = item["disposition"]
    try:
        disposition = None if raw_disposition == "context" else Disposition(raw_disposition)
        consider = tuple(Condition(c) for c in item.get("consider", []))
    except ValueError as error:
        raise ContentError(f"{where}: disposition/consider: {error}") from error
    if disposition is not None and not item.get("rule_out"):
        raise ContentError(f"{where}: rule_out: field required for a rule with a disposition")
    sources = tuple(str(s) for s in item["sources"])
    for source in sources:
        if source not in source_ids:
            raise ContentError(f"{where}: sources: unknown source id {source!r}")
    keys: set[str] = set()
    test = parse_condition(item["when"], f"{where}: when", keys)
    return Rule(
        id=rule_id,
        disposition=disposition,
        when=test,
        keys=frozenset(keys),
        reason=str(item["reason"]).strip(),
        advice=str(item.get("advice", "")).strip(),
        rule_out=str(item.get("rule_out", "")).strip(),
        consider=consider,
        sources=sources,
    )


def _source_ids(folder: Path) -> set[str]:
    ids: set[str] = set()
    for path in sorted((folder / "sources").glob("*.yaml")):
        for item in yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []:
            if isinstance(item, dict) and "id" in item:
                ids.add(str(item["id"]))
    return ids


@cache
def load_rules(content_dir: Path | None = None) -> RuleBook:
    """Load and check `triage/rules.yaml` (cached). Raises ContentError naming rule and field."""
    folder = content_dir or _CONTENT_DIR
    raw = yaml.load((folder / "triage" / "rules.yaml").read_text("utf-8"), Loader=_Loader)
    if not isinstance(raw, dict):
        raise ContentError("rules.yaml: expected a mapping")
    source_ids = _source_ids(folder)
    rules = tuple(_parse_rule(item, i, source_ids) for i, item in enumerate(raw["rules"]))
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ContentError("rules.yaml: rule ids must be unique")
    dispositions = raw["dispositions"]
    self_care = raw["self_care"]
    return RuleBook(
        rules=rules,
        labels={Disposition(k): str(v["label"]) for k, v in dispositions.items()},
        headlines={Disposition(k): str(v["headline"]) for k, v in dispositions.items()},
        emergency_signs=str(raw["emergency_signs"]).strip(),
        self_care_reason=str(self_care["reason"]).strip(),
        self_care_advice=str(self_care["advice"]).strip(),
        self_care_consider=tuple(Condition(c) for c in self_care["consider"]),
        self_care_sources=tuple(str(s) for s in self_care["sources"]),
        reviewed=raw["reviewed"],
    )
