"""Triage rules as data (`content/triage/rules.yaml`), checked on load.

The conditions are written in the small language of `conditions.py`; a condition is true only
when the answers make it true: a missing answer is neither yes nor no.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

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
from nightcramp.core.triage.conditions import ConditionPlace, Facts, Test, parse_condition
from nightcramp.core.triage.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "Condition",
    "ConditionPlace",
    "Disposition",
    "Facts",
    "Rule",
    "RuleBook",
    "Test",
    "load_rules",
    "parse_condition",
]

PLACEHOLDERS = ("emergency_number", "urgent_service")
"""What a triage text may hold in braces; `assess` fills them from the person's services."""

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
    COMPARTMENT_SYNDROME = "compartment_syndrome"
    HYPOCALCAEMIA = "hypocalcaemia"
    TETANUS = "tetanus"
    ANGIOEDEMA = "angioedema"
    NEUTROPENIC_SEPSIS = "neutropenic_sepsis"
    CARDIAC_ARRHYTHMIA = "cardiac_arrhythmia"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: when it applies, how urgent it is, and what it says.

    `headline` replaces the disposition's headline when this rule speaks first; `now` marks an
    `urgent` result that cannot wait for the surgery to open; `prescriber` is False for a rule
    whose own advice says what to do about a medicine (the prescriber sentence is not added).
    `if_unknown` pairs a key the rule reads with a sentence for the advice when that key is
    unanswered and a yes to it would make this rule apply ("If you have had an operation on
    your neck in the last 4 weeks, call 112 now"): what the person knows about themselves
    decides, so the advice says what to do either way.
    """

    id: str
    disposition: Disposition | None  # None: context only, never changes urgency
    when: Test
    keys: frozenset[str]
    reason: str
    advice: str
    rule_out: str
    consider: tuple[Condition, ...]
    sources: tuple[str, ...]
    headline: str = ""
    now: bool = False
    prescriber: bool = True
    if_unknown: tuple[tuple[str, str], ...] = ()
    advice_up_to: Disposition | None = None
    reason_up_to: Disposition | None = None
    said_by: tuple[str, ...] = ()
    hands_off_leg: bool = False


@dataclass(frozen=True, slots=True)
class RuleBook:
    """All rules in order, the disposition wording and the self-care result.

    Texts may hold `{emergency_number}` and `{urgent_service}`; `assess` fills them in.
    """

    rules: tuple[Rule, ...]
    labels: Mapping[Disposition, str]
    headlines: Mapping[Disposition, str]
    emergency_signs: str
    could_not_rule_out: str
    short_of_breath: str
    short_of_breath_in_pregnancy: str
    self_care_reason: str
    self_care_advice: str
    self_care_consider: tuple[Condition, ...]
    self_care_sources: tuple[str, ...]
    reviewed: dt.date
    now_label: str = ""
    now_headline: str = ""
    incomplete_label: str = ""
    incomplete_headline: str = ""
    incomplete_advice: str = ""
    unless_label: str = ""
    unless_headline: str = ""
    check_first_after: str = ""


class _RuleSpec(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    disposition: str
    when: JsonValue
    reason: str = Field(min_length=10)
    advice: str = ""
    rule_out: str = ""
    headline: str = ""
    now: bool = False
    prescriber: bool = True
    if_unknown: dict[str, str] = Field(default_factory=dict)
    # A context rule's advice is shown only up to this disposition (home advice such as "it
    # usually eases within weeks" never beside a result that cannot wait).
    advice_up_to: Disposition | None = None
    # A reason that reassures ("usually harmless") is given only up to this disposition: never
    # beside a result that cannot wait. What to consider still counts.
    reason_up_to: Disposition | None = None
    # Rules whose reason already says this one's, more urgently: this reason is then left out.
    said_by: tuple[str, ...] = ()
    # The advice rules out rubbing, heating or stretching the leg (Cramp now says so).
    hands_off_leg: bool = False
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


class _Incomplete(ContentModel):
    label: str = Field(min_length=3)
    headline: str = Field(min_length=10)
    advice: str = Field(min_length=10)


class RulesFile(ContentModel):
    """The whole of `triage/rules.yaml`, validated (the rule table is drawn from it)."""

    reviewed: dt.date
    dispositions: dict[Disposition, _DispositionText]
    urgent_now: _DispositionText
    self_care_unless: _DispositionText
    check_first_after: str = Field(min_length=5)
    short_of_breath: str = Field(min_length=5)
    short_of_breath_in_pregnancy: str = Field(min_length=5)
    danger_signs: str = Field(min_length=10)
    emergency_signs: str = Field(min_length=10)
    safety_incomplete: _Incomplete
    could_not_rule_out: str
    rules: tuple[_RuleSpec, ...] = Field(min_length=1)
    self_care: _SelfCare


def read_rules_file(content_dir: Path | None = None) -> RulesFile:
    """`triage/rules.yaml` checked against its shape only (no cross-checks); cached."""
    return _read_file(content_key(content_dir))


@cache
def _read_file(root: Path | None) -> RulesFile:
    return read_content(_FILE, RulesFile, root=root, keyed=("dispositions",))


def check_placeholders(
    file: str, entry: str | None, field: str, text: str, allowed: Iterable[str] = PLACEHOLDERS
) -> None:
    """Raise ContentFileError when `text` holds a `{name}` that is not in `allowed`."""
    check_template(file, entry, field, text, tuple(allowed), all_needed=False)


def _rule(spec: _RuleSpec, known: Mapping[str, object], vocabulary: Vocabulary) -> Rule:
    disposition = None if spec.disposition == "context" else Disposition(spec.disposition)
    if disposition is not None and not spec.rule_out.strip():
        reason = "required for a rule with a disposition"
        raise ContentFileError(reason, file=_FILE, entry=spec.id, field="rule_out")
    if spec.now and disposition is not Disposition.URGENT:
        reason = "only an urgent rule can be marked now"
        raise ContentFileError(reason, file=_FILE, entry=spec.id, field="now")
    check_sources(_FILE, spec.id, spec.sources, known)
    for field in ("reason", "advice", "headline", "rule_out"):
        check_placeholders(_FILE, spec.id, field, getattr(spec, field))
    keys: set[str] = set()
    where = ConditionPlace(_FILE, spec.id, "when")
    test = parse_condition(
        spec.when, where, keys, vocabulary.questions, vocabulary.core_safety_screen
    )
    for key, text in spec.if_unknown.items():
        if key not in keys:
            reason = f"{quoted(key)} is not a key this rule reads"
            raise ContentFileError(reason, file=_FILE, entry=spec.id, field="if_unknown")
        check_placeholders(_FILE, spec.id, f"if_unknown.{key}", text)
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
        headline=spec.headline.strip(),
        now=spec.now,
        prescriber=spec.prescriber,
        if_unknown=tuple((k, " ".join(t.split())) for k, t in spec.if_unknown.items()),
        advice_up_to=spec.advice_up_to,
        reason_up_to=spec.reason_up_to,
        said_by=spec.said_by,
        hands_off_leg=spec.hands_off_leg,
    )


def _check_variants(vocabulary: Vocabulary) -> None:
    """Compile every question's wording variants (the questionnaire picks one by the answers)."""
    for key, question in vocabulary.questions.items():
        for variant in question.variants:
            where = ConditionPlace("triage/questions.yaml", key, "variants")
            parse_condition(
                variant.when, where, set(), vocabulary.questions, vocabulary.core_safety_screen
            )


def load_rules(content_dir: Path | None = None) -> RuleBook:
    """Load and check `triage/rules.yaml` (cached per folder).

    Raises ContentFileError naming the file, the rule and the field when anything is invalid.
    """
    return _load(content_key(content_dir))


def _check_texts(parsed: RulesFile) -> None:
    for level, text in parsed.dispositions.items():
        check_placeholders(_FILE, level.value, "headline", text.headline)
    check_placeholders(_FILE, "urgent_now", "headline", parsed.urgent_now.headline)
    check_template(_FILE, None, "danger_signs", parsed.danger_signs, ("short_of_breath",))
    check_placeholders(
        _FILE, None, "emergency_signs", parsed.emergency_signs, (*PLACEHOLDERS, "danger_signs")
    )
    incomplete = parsed.safety_incomplete
    check_placeholders(
        _FILE, "safety_incomplete", "headline", incomplete.headline, (*PLACEHOLDERS, "danger_signs")
    )
    check_placeholders(_FILE, "safety_incomplete", "advice", incomplete.advice)
    check_template(
        _FILE, None, "could_not_rule_out", parsed.could_not_rule_out, ("rule_out", "questions")
    )


def _urgency(rule: Rule) -> int:
    return -1 if rule.disposition is None else rule.disposition.urgency


@cache
def _load(root: Path | None) -> RuleBook:
    parsed = _read_file(root)
    known = load_sources(root)
    vocabulary = load_vocabulary(root)
    _check_variants(vocabulary)
    missing = [d for d in Disposition if d not in parsed.dispositions]
    if missing:
        raise ContentFileError("missing entry", file=_FILE, entry=missing[0], field="dispositions")
    _check_texts(parsed)
    rules = tuple(_rule(spec, known, vocabulary) for spec in parsed.rules)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ContentFileError("duplicate rule id", file=_FILE, entry=rule.id, field="id")
        seen.add(rule.id)
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        unknown = [i for i in rule.said_by if i not in by_id]
        if unknown:
            reason = f"no rule with the id {quoted(unknown[0])}"
            raise ContentFileError(reason, file=_FILE, entry=rule.id, field="said_by")
        milder = [i for i in rule.said_by if _urgency(by_id[i]) < _urgency(rule)]
        if milder:
            reason = f"{quoted(milder[0])} is less urgent: it cannot say more"
            raise ContentFileError(reason, file=_FILE, entry=rule.id, field="said_by")
    check_sources(_FILE, "self_care", parsed.self_care.sources, known)
    signs = parsed.danger_signs.strip()
    incomplete = parsed.safety_incomplete
    return RuleBook(
        rules=rules,
        labels={d: t.label for d, t in parsed.dispositions.items()},
        headlines={d: t.headline for d, t in parsed.dispositions.items()},
        emergency_signs=parsed.emergency_signs.strip().replace("{danger_signs}", signs),
        could_not_rule_out=parsed.could_not_rule_out.strip(),
        short_of_breath=parsed.short_of_breath.strip(),
        short_of_breath_in_pregnancy=parsed.short_of_breath_in_pregnancy.strip(),
        self_care_reason=parsed.self_care.reason.strip(),
        self_care_advice=parsed.self_care.advice.strip(),
        self_care_consider=parsed.self_care.consider,
        self_care_sources=parsed.self_care.sources,
        reviewed=parsed.reviewed,
        now_label=parsed.urgent_now.label,
        now_headline=parsed.urgent_now.headline.strip(),
        incomplete_label=incomplete.label,
        incomplete_headline=incomplete.headline.strip().replace("{danger_signs}", signs),
        incomplete_advice=incomplete.advice.strip(),
        unless_label=parsed.self_care_unless.label,
        unless_headline=parsed.self_care_unless.headline.strip(),
        check_first_after=parsed.check_first_after.strip(),
    )
