"""Assess triage answers: the most urgent rule that applies wins.

Unknown answers never lower urgency; the result lists the unanswered keys that could change it.
The texts name the person's emergency number and health line (`services`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from nightcramp.core.meds import prescriber_sentence
from nightcramp.core.triage.conditions import Facts, Medicines
from nightcramp.core.triage.phrasing import question_text
from nightcramp.core.triage.questionnaire import should_ask
from nightcramp.core.triage.rules import Condition, Disposition, Rule, RuleBook, load_rules
from nightcramp.core.triage.services import Services, services_for
from nightcramp.core.triage.vocabulary import (
    MEDICATIONS,
    AnswerValue,
    Question,
    QuestionType,
    load_vocabulary,
    validate_answers,
)

__all__ = ["Assessment", "answers_from_profile", "assess", "emergency_signs"]


@dataclass(frozen=True)
class Assessment:
    """The triage result, as the contract's JSON document describes it.

    `label` and `headline` are this result's own (a rule may replace its disposition's, as the
    maternity unit does); `advice` starts with the headline.
    """

    disposition: Disposition
    reasons: list[str]
    consider: list[str]
    advice: str
    unanswered: list[str] = field(default_factory=list)
    label: str = ""
    headline: str = ""
    rules: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    hands_off_leg: bool = False
    """A rule that fired rules out rubbing, heating or stretching the leg."""

    def to_json(self) -> dict[str, object]:
        """`disposition`, `reasons`, `consider`, `advice` and, when any, `unanswered`."""
        document: dict[str, object] = {
            "disposition": self.disposition.value,
            "reasons": list(self.reasons),
            "consider": list(self.consider),
            "advice": self.advice,
        }
        if self.unanswered:
            document["unanswered"] = list(self.unanswered)
        return document


def _fired(facts: Facts, book: RuleBook) -> list[Rule]:
    return [rule for rule in book.rules if rule.when(facts)]


def _level(fired: Sequence[Rule]) -> Disposition:
    levels = [r.disposition for r in fired if r.disposition is not None]
    return max(levels, key=lambda d: d.urgency, default=Disposition.SELF_CARE)


def _trial_values(question: Question) -> list[AnswerValue]:
    if question.type is QuestionType.BOOL:
        return [True, False]
    if question.type is QuestionType.ENUM:
        return list(question.choices)
    if question.type is QuestionType.LIST:
        return []
    values: list[AnswerValue] = []
    for candidate in (0, 1, 3, 7, 11, 15, 20, 30, 60):
        low = question.minimum is None or candidate >= question.minimum
        excl = question.min_exclusive is None or candidate > question.min_exclusive
        high = question.maximum is None or candidate <= question.maximum
        if low and excl and high:
            values.append(candidate)
    return values


def _trials(facts: Facts, key: str, question: Question) -> list[Facts]:
    if key == MEDICATIONS:  # any medicine at all, or none
        return [
            replace(facts, medicines=Medicines(everything=True)),
            replace(facts, medicines=Medicines()),
        ]
    return [
        replace(facts, answers={**facts.answers, key: value}) for value in _trial_values(question)
    ]


def _what_if(
    facts: Facts, book: RuleBook, fired: Sequence[Rule], current: Disposition
) -> dict[str, Disposition]:
    """For each unanswered key that could change the result: the most urgent result it gives.

    Only the rules that read a key can change when that key is answered, so each trial
    re-checks those rules and keeps the others as they were.
    """
    changes: dict[str, Disposition] = {}
    for key, question in load_vocabulary().questions.items():
        readers = [r for r in book.rules if key in r.keys and r.disposition is not None]
        if key in facts.answers or not readers or not should_ask(key, facts.answers):
            continue
        kept = [r for r in fired if key not in r.keys]
        outcomes = [
            _level([*kept, *(r for r in readers if r.when(trial))])
            for trial in _trials(facts, key, question)
        ]
        if any(outcome is not current for outcome in outcomes):
            changes[key] = max(outcomes, key=lambda d: d.urgency)
    return changes


def _rule_out_reasons(
    facts: Facts, book: RuleBook, current: Disposition, changes: Mapping[str, Disposition]
) -> list[str]:
    """'We could not rule out …' for unanswered keys whose yes would need a doctor today."""
    grouped: dict[str, list[str]] = {}
    for key, outcome in changes.items():
        if outcome.urgency <= max(current.urgency, Disposition.SOON.urgency):
            continue
        trial = replace(facts, answers={**facts.answers, key: True})
        top = [r for r in _fired(trial, book) if r.disposition is outcome and key in r.keys]
        if top:
            grouped.setdefault(top[0].rule_out, []).append(question_text(key, facts.answers))
    return [
        book.could_not_rule_out.format(
            rule_out=rule_out, questions=" ".join(f"“{q}”" for q in asked)
        )
        for rule_out, asked in grouped.items()
    ]


def _if_unknown_advice(
    facts: Facts, book: RuleBook, current: Disposition, changes: Mapping[str, Disposition]
) -> list[str]:
    """The rules' `if_unknown` sentences whose key is unanswered and whose rule, more urgent
    than the result, would apply with some answer to it ("If you have had an operation on
    your neck in the last 4 weeks, call 112 now")."""
    said: list[str] = []
    questions = load_vocabulary().questions
    given = facts.meds()
    # A medicine name that was not recognised may be any medicine: "mood stabiliser" with
    # vomiting still says what to do if it is lithium.
    unsure = given is not None and bool(given.unknown)
    for rule in book.rules:
        if rule.disposition is None or rule.disposition.urgency <= current.urgency:
            continue
        for key, text in rule.if_unknown:
            if key not in changes and not (key == MEDICATIONS and unsure):
                continue
            if any(rule.when(trial) for trial in _trials(facts, key, questions[key])):
                said.append(text)
    return said


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c\"])")


def _unique_sentences(parts: Sequence[str]) -> list[str]:
    """Each sentence of the advice once: two rules may both say "Contact your maternity unit
    or midwife now."; the first place it is said is kept."""
    sentences = [s for part in parts if part for s in _SENTENCE_END.split(part.strip())]
    return _unique(sentences)


# The rule that applies in pregnancy (rules.yaml): whether the person is pregnant is its `when`.
_PREGNANCY_RULE = "pregnancy"


def _fill(text: str, services: Services, *, pregnant: bool = False) -> str:
    book = load_rules()
    breathless = book.short_of_breath_in_pregnancy if pregnant else book.short_of_breath
    return (
        text.replace("{emergency_number}", services.emergency_number)
        .replace("{urgent_service}", services.urgent_service)
        .replace("{short_of_breath}", breathless)
    )


def emergency_signs(services: Services | None = None, *, pregnant: bool = False) -> str:
    """The sentence naming the signs that mean calling `services`' emergency number now
    (breathlessness in pregnancy: more than is usual for it)."""
    chosen = services_for(None) if services is None else services
    return _fill(load_rules().emergency_signs, chosen, pregnant=pregnant)


def _incomplete(answers: Mapping[str, AnswerValue]) -> bool:
    return any(answers.get(k) is not False for k in load_vocabulary().core_safety_screen)


@dataclass(frozen=True)
class _Wording:
    label: str
    headline: str
    advice: list[str]


def _wording(
    book: RuleBook,
    disposition: Disposition,
    top: Sequence[Rule],
    context: Sequence[Rule],
    fired: Sequence[Rule],
    incomplete: bool,
) -> _Wording:
    """The label, the headline and the advice after it (rules 3, 5 and 7 of the vocabulary)."""
    now = disposition is Disposition.URGENT and any(r.now for r in top)
    label, headline = book.labels[disposition], book.headlines[disposition]
    if disposition is Disposition.SELF_CARE:
        advice = [book.self_care_advice]
    else:
        advice = [r.advice for r in top]
    if now:
        label, headline = book.now_label, book.now_headline
    if top and top[0].headline:
        headline = top[0].headline
    if now and headline != book.now_headline:
        advice.insert(0, book.now_headline)
    advice += [
        r.advice
        for r in context
        if r.advice_up_to is None or disposition.urgency <= r.advice_up_to.urgency
    ]
    if disposition is Disposition.ROUTINE and incomplete:
        label, headline = book.incomplete_label, book.incomplete_headline
        advice.append(book.incomplete_advice)
    elif disposition is Disposition.SOON and incomplete:
        # Booked, but never asked about the signs that cannot wait: they follow the booking.
        headline = f"{headline} {book.incomplete_headline}"
        advice.append(book.incomplete_advice)
    prescriber = prescriber_sentence()
    about_medicine = any(
        Condition.MEDICATION_SIDE_EFFECT in r.consider or "prescriber" in r.advice for r in fired
    )
    said = any(prescriber in part for part in advice)
    if about_medicine and all(r.prescriber for r in top) and not said:
        advice.append(prescriber)
    if disposition is not Disposition.EMERGENCY and not headline.endswith(book.incomplete_headline):
        advice.append(book.emergency_signs)
    return _Wording(label, headline, advice)


def assess(answers: Mapping[str, object], services: Services | None = None) -> Assessment:
    """Assess triage answers (vocabulary keys; missing or null = unknown).

    `services` names the emergency number and health line in the texts (default: those for
    an unknown country). Raises InputError naming the key when a value has the wrong type or
    is out of range.
    """
    clean, _warnings = validate_answers(answers)
    services = services_for(None) if services is None else services
    book = load_rules()
    facts = Facts(answers=clean)
    fired = _fired(facts, book)
    disposition = _level(fired)
    top = [r for r in fired if r.disposition is disposition]
    lower = sorted(
        (r for r in fired if r.disposition is not None and r.disposition is not disposition),
        key=lambda r: -r.disposition.urgency if r.disposition else 0,
    )
    context = [r for r in fired if r.disposition is None]
    changes = _what_if(facts, book, fired, disposition)
    if disposition is Disposition.SELF_CARE:
        reasons = [book.self_care_reason, *(r.reason for r in context)]
        consider = [*book.self_care_consider, *(c for r in context for c in r.consider)]
        sources = [*book.self_care_sources, *(s for r in context for s in r.sources)]
    else:
        ordered = [*top, *context, *lower]
        if disposition.urgency > Disposition.SOON.urgency:
            ordered = [r for r in ordered if r.id != "safety_screen_incomplete"]
        ids = {r.id for r in fired}
        reasons = [
            r.reason
            for r in ordered
            if (r.reason_up_to is None or disposition.urgency <= r.reason_up_to.urgency)
            and not ids.intersection(r.said_by)
        ]
        consider = [c for r in ordered for c in r.consider]
        sources = [s for r in ordered for s in r.sources]
    reasons += _rule_out_reasons(facts, book, disposition, changes)
    wording = _wording(book, disposition, top, context, fired, _incomplete(clean))
    either_way = _if_unknown_advice(facts, book, disposition, changes)
    if disposition is Disposition.SELF_CARE and either_way:  # "manage at home" comes second
        first = " ".join([book.unless_headline, *_unique(either_way)])
        wording = replace(wording, label=book.unless_label, headline=first)
        either_way = []  # said in the headline
    elif (
        either_way
        and disposition in _CHECK_FIRST
        and wording.label == book.labels[disposition]
        and not wording.headline.endswith(book.incomplete_headline)  # the signs lead
    ):
        # "Mention this at your next check-up. But check this first: if you take lithium …"
        first = " ".join([wording.headline, book.check_first_after, *_unique(either_way)])
        # The label says "Check one thing first" unless a rule's own headline leads ("Book an
        # appointment for today: a child ..."): the label and the first line agree.
        own = wording.headline != book.headlines[disposition]
        wording = replace(
            wording, label=wording.label if own else book.unless_label, headline=first
        )
        either_way = []
    pregnant = any(r.id == _PREGNANCY_RULE for r in fired)  # its `when` decides who is
    headline = _fill(wording.headline, services, pregnant=pregnant)
    parts = [*either_way, *wording.advice]
    advice = [headline, *(_fill(part, services, pregnant=pregnant) for part in parts)]
    return Assessment(
        disposition=disposition,
        reasons=_unique([_fill(r, services, pregnant=pregnant) for r in reasons]),
        consider=_unique([str(c) for c in consider]),
        advice=" ".join(_unique_sentences(advice)),
        unanswered=list(changes),
        label=wording.label,
        headline=headline,
        rules=tuple(r.id for r in fired),
        sources=tuple(_unique(sources)),
        hands_off_leg=any(r.hands_off_leg for r in fired),
    )


# Results that may go on "But check this first:" when an unanswered fact would make them more
# urgent (self-care has its own headline for it; an incomplete screen leads with the signs).
_CHECK_FIRST = (Disposition.ROUTINE, Disposition.SOON)
_CHECK_FIRST_OR_SELF_CARE = (Disposition.SELF_CARE, *_CHECK_FIRST)


def label_of(result: Mapping[str, object]) -> str:
    """The label a result leads with, from its JSON document (`disposition` and `advice`), as
    `assess` gave it: "Safety questions not answered" for an incomplete screen (never "mention
    it at your next check-up", VOCABULARY rule 7) and "Get help now" for an urgent result that
    cannot wait; else the disposition's own label."""
    saved = result.get("label")
    if isinstance(saved, str) and saved:
        return saved  # as it was given when it was saved
    book = load_rules()
    disposition = Disposition(str(result["disposition"]))
    advice = str(result.get("advice") or "")
    incomplete = book.incomplete_headline.split("{", 1)[0]
    if disposition is Disposition.ROUTINE and incomplete and advice.startswith(incomplete):
        return book.incomplete_label
    if disposition is Disposition.SELF_CARE and advice.startswith(book.unless_headline):
        return book.unless_label
    if disposition in _CHECK_FIRST and advice.startswith(
        f"{book.headlines[disposition]} {book.check_first_after}"
    ):
        return book.unless_label
    now = book.now_headline.split("{", 1)[0]
    if disposition is Disposition.URGENT and now and now in advice:  # said first, or second
        return book.now_label  # after a rule's own headline (the maternity unit)
    return book.labels[disposition]


def urgency_of(result: Mapping[str, object] | None) -> int:
    """How urgent a result's JSON document is (its disposition's urgency); -1 for none."""
    return -1 if result is None else Disposition(str(result["disposition"])).urgency


def checks_first(result: Mapping[str, object]) -> bool:
    """True for a self-care result with something to check first ("If you take lithium, see a
    doctor today"): screens that show only results above self-care show this one too."""
    disposition = Disposition(str(result["disposition"]))
    return disposition is Disposition.SELF_CARE and _unless(disposition, label_of(result))


def tone_of(disposition: Disposition, label: str) -> Disposition:
    """The disposition whose colour a result wears: "Check one thing first" (self-care, a
    check-up or a booking unless a skipped fact is true) wears "book an appointment", never
    the all-clear one."""
    return Disposition.SOON if _unless(disposition, label) else disposition


def _unless(disposition: Disposition, label: str) -> bool:
    return disposition in _CHECK_FIRST_OR_SELF_CARE and label == load_rules().unless_label


_CONDITION_KEYS = {
    "kidney_disease": "kidney_disease",
    "on_dialysis": "on_dialysis",
    "diabetes": "diabetes",
    "thyroid_disease": "thyroid_disease",
    "liver_disease": "liver_disease",
    "parkinsons": "parkinsons",
    "high_blood_pressure": "high_blood_pressure",
    "peripheral_artery_disease": "peripheral_artery_disease",
}


def answers_from_profile(
    profile: Mapping[str, object], *, today: dt.date, answers: Mapping[str, object] | None = None
) -> dict[str, object]:
    """Triage answers from a profile (and its saved answers); explicit answers win.

    A condition listed in the profile counts as a yes; one not listed stays unknown.
    """
    merged: dict[str, object] = {}
    birth_year = profile.get("birth_year")
    if isinstance(birth_year, int) and not isinstance(birth_year, bool):
        age = today.year - birth_year
        if 0 <= age <= 120:
            merged["age"] = age
    for key in ("sex", "pregnant", "pregnancy_weeks", "medications"):
        if profile.get(key) is not None:
            merged[key] = profile[key]
    conditions = profile.get("conditions")
    if isinstance(conditions, list):
        for condition in conditions:
            mapped = _CONDITION_KEYS.get(str(condition))
            if mapped:
                merged[mapped] = True
    saved = profile.get("answers")
    if isinstance(saved, Mapping):
        merged.update({k: v for k, v in saved.items() if v is not None})
    if answers:
        merged.update({k: v for k, v in answers.items() if v is not None})
    return merged
