"""Builds a person's prevention plan: profile + diary insights + what was tried -> ranked items.

The triage result comes first whenever the answers call for more than self-care. Item rules
live in `content/plan/` (rules can make an item stricter, never looser).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from nightcramp.core.errors import InputError
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.meds.names import means_no_medicine
from nightcramp.core.plan.content import (
    CONDITIONS,
    FLUID_LIMIT,
    KIDNEY,
    ItemSpec,
    PlanContent,
    RuleSpec,
    Status,
    When,
    load_plan_content,
)
from nightcramp.core.plan.medicines import (
    CheckNames,
    ResolvedMedicine,
    default_check_names,
    groups_taken,
    resolve_medicines,
)
from nightcramp.core.plan.profile import Profile
from nightcramp.core.ratios import percent_fewer, ratio_text

__all__ = [
    "Assess",
    "Plan",
    "PlanItem",
    "Tried",
    "build_plan",
    "fluids_may_be_restricted",
    "potassium_target_applies",
    "rules_for",
]

Tried = Mapping[str, bool | None]
"""Item id -> True (it helped), False (it did not help), None (tried, not sure)."""


class _Assessment(Protocol):
    @property
    def disposition(self) -> object: ...
    def to_json(self) -> Mapping[str, object]: ...


Assess = Callable[[Mapping[str, object]], _Assessment]


@dataclass(frozen=True)
class PlanItem:
    """One action in the plan, with why, how sure we are, where it comes from and cautions."""

    id: str
    category: str
    status: Status
    priority: int
    text: str
    why: str
    evidence_grade: Grade
    sources: tuple[str, ...]
    cautions: tuple[str, ...]
    personal: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "category": self.category,
            "status": self.status.value,
            "priority": self.priority,
            "text": self.text,
            "why": self.why,
            "evidence_grade": self.evidence_grade.value,
            "evidence_words": self.evidence_grade.words,
            "sources": list(self.sources),
            "cautions": list(self.cautions),
        }


@dataclass(frozen=True)
class Plan:
    """The plan: the triage result when it calls for more than self-care, then the items."""

    items: tuple[PlanItem, ...]
    triage: Mapping[str, object] | None = None
    warnings: tuple[str, ...] = field(default=())
    # The triage of the answers completed by the profile (age, sex, pregnancy, conditions,
    # medicines it lists where the answers leave them out), when that is more urgent than
    # `triage`, the result of the answers alone: lithium on the profile with vomiting in the
    # answers needs a blood test today even though the answers never named the lithium.
    triage_with_profile: Mapping[str, object] | None = None
    # A self-care result with something to check first ("If you take lithium, see a doctor
    # today"), when no result above self-care leads: the screens show it first; the JSON
    # document has no `triage` for self-care (the contract), so it is not in `to_json`.
    check_first: Mapping[str, object] | None = None

    def leading(
        self,
        triage: Mapping[str, object] | None,
        with_profile: Mapping[str, object] | None,
        check_first: Mapping[str, object] | None,
    ) -> Plan:
        """This plan led by `triage`; by `with_profile` too only when it is more urgent; by
        `check_first` only when neither leads (the one rule for the profile file and the
        stored diary)."""
        from nightcramp.core.triage import urgency_of

        if urgency_of(with_profile) <= urgency_of(triage):
            with_profile = None
        if triage is not None or with_profile is not None:
            check_first = None
        return dataclasses.replace(
            self, triage=triage, triage_with_profile=with_profile, check_first=check_first
        )

    @property
    def lead(self) -> tuple[Mapping[str, object] | None, bool]:
        """What every screen shows first, and whether it is the profile-completed result:
        `triage_with_profile` (more urgent), else `triage`, else `check_first`."""
        if self.triage_with_profile is not None:
            return self.triage_with_profile, True
        return (self.triage or self.check_first), False

    def item(self, item_id: str) -> PlanItem:
        """The item with this id; raises KeyError if there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def to_json(self) -> dict[str, object]:
        """The contract's JSON document: `triage` (first, when present), then
        `triage_with_profile` when the profile makes it more urgent, then `items`."""
        out: dict[str, object] = {}
        if self.triage is not None:
            out["triage"] = dict(self.triage)
        if self.triage_with_profile is not None:
            out["triage_with_profile"] = dict(self.triage_with_profile)
        out["items"] = [item.to_json() for item in self.items]
        return out


@dataclass(frozen=True)
class _Person:
    conditions: frozenset[str]
    groups: Mapping[str, tuple[ResolvedMedicine, ...]]
    answers: Mapping[str, object]
    pregnant: bool
    age: int | None
    # Pairs of the person's medicines that are risky together (`meds check`'s interactions):
    # the words to show, and their sources.
    interactions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Names the medication check did not recognise, as the person wrote them.
    unrecognised: tuple[str, ...] = ()
    # False while the medicines (or the conditions) are not known: not given, or a name not
    # recognised. Unknown is never "none" (rules with `medicines_unknown` apply then).
    medicines_known: bool = True
    conditions_known: bool = True


def default_assess() -> Assess:
    """The triage engine's `assess` (imported on first use: it loads its rule book)."""
    from nightcramp.core.triage import assess

    return assess


def _conditions(profile: Profile) -> frozenset[str]:
    """Conditions from the profile, and those the triage answers say yes to."""
    answered = (c for c in CONDITIONS if profile.answers.get(c) is True)
    return frozenset((*(profile.conditions or ()), *answered))


def _person(profile: Profile, today: dt.date | None, check_names: CheckNames | None) -> _Person:
    answers = profile.answers
    conditions = _conditions(profile)
    names = _medicine_names(profile)
    age = profile.age(today)
    answered_age = answers.get("age")
    if age is None and isinstance(answered_age, int) and not isinstance(answered_age, bool):
        age = answered_age
    content_groups = load_plan_content().groups
    medicines = resolve_medicines(names, check_names)
    groups = groups_taken(medicines, content_groups)
    grouped = {m for members in groups.values() for m in members}
    unrecognised = tuple(
        dict.fromkeys(m.name for m in medicines if m.class_ is None and m not in grouped)
    )
    stated = profile.medications is not None or isinstance(answers.get("medications"), list)
    return _Person(
        conditions=conditions,
        groups=groups,
        answers=answers,
        pregnant=profile.is_pregnant,
        age=age,
        interactions=_interactions(names, check_names),
        unrecognised=unrecognised,
        medicines_known=stated and not unrecognised,
        conditions_known=profile.conditions is not None,
    )


def _medicine_names(profile: Profile) -> list[str]:
    """The profile's medicines, then any more the triage answers name (each once); an entry
    that says there are none ("none", "n/a") is not a medicine."""
    extra = profile.answers.get("medications")
    given = [n for n in extra if isinstance(n, str)] if isinstance(extra, list) else []
    names = [*(profile.medications or ()), *given]
    return list(dict.fromkeys(n for n in names if not means_no_medicine(n)))


def _interactions(
    names: Sequence[str], check_names: CheckNames | None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if check_names is None or len(names) < 1:
        return ()
    found = getattr(check_names(list(names)), "interactions", ())
    return tuple(
        (str(i.text), tuple(str(s) for s in i.sources)) for i in found if getattr(i, "text", "")
    )


def potassium_target_applies(profile: Profile, check_names: CheckNames | None = None) -> bool:
    """False with a condition of the `kidney` group (content/plan/condition_groups.yaml) or a
    medicine that can raise potassium: the potassium intake targets do not apply then."""
    person = _person(profile, None, check_names or default_check_names())
    kidney = person.conditions & load_plan_content().conditions_in(KIDNEY)
    return not kidney and "raises_potassium" not in person.groups


def fluids_may_be_restricted(profile: Profile) -> bool:
    """True when the profile (or a triage answer) names a condition of the `fluid_limit` group
    (content/plan/condition_groups.yaml): then nothing may tell the person to drink more."""
    return bool(_conditions(profile) & load_plan_content().conditions_in(FLUID_LIMIT))


def rules_for(
    profile: Profile,
    item_id: str,
    *,
    today: dt.date | None = None,
    check_names: CheckNames | None = None,
) -> tuple[RuleSpec, ...]:
    """The rules of content/plan/rules.yaml that apply to `profile` for the item `item_id`, in
    file order (the same rules `build_plan` applies; self-experiments ask them too)."""
    content = load_plan_content()
    person = _person(profile, today, check_names or default_check_names())
    return tuple(
        r for r in content.rules if item_id in r.items and _matches(r.when, person, content)
    )


def _matches(when: When, person: _Person, c: PlanContent) -> bool:
    if when.medicines_unknown and person.medicines_known:
        return False
    if when.conditions_unknown and person.conditions_known:
        return False
    if any(g in person.groups for g in when.unless_medicines):
        return False
    if person.conditions.intersection(when.unless_conditions):
        return False
    if when.conditions and not person.conditions.intersection(when.conditions):
        return False
    if when.condition_groups and not any(
        person.conditions & c.conditions_in(g) for g in when.condition_groups
    ):
        return False
    if when.medicines and not any(g in person.groups for g in when.medicines):
        return False
    if when.all_medicines and not all(g in person.groups for g in when.all_medicines):
        return False
    if when.answers and not any(person.answers.get(k) is True for k in when.answers):
        return False
    if when.pregnant is not None and person.pregnant != when.pregnant:
        return False
    if when.age_below is not None and (person.age is None or person.age >= when.age_below):
        return False
    return when.age_at_least is None or (person.age is not None and person.age >= when.age_at_least)


def _diary_note(
    spec: ItemSpec, insights: Mapping[str, object] | None, c: PlanContent
) -> str | None:
    if spec.diary is None or insights is None:
        return None
    factors = insights.get("factors")
    if not isinstance(factors, list):
        return None
    want = "likely_trigger" if spec.diary.helps_when == "less" else "likely_protective"
    label = c.messages.factor_labels.get(spec.diary.factor, spec.diary.factor.replace("_", " "))
    for entry in factors:
        if not isinstance(entry, Mapping) or entry.get("factor") != spec.diary.factor:
            continue
        ratio = entry.get("rate_ratio")
        if entry.get("verdict") != want or not isinstance(ratio, int | float):
            continue
        nights = entry.get("nights_with", "some")
        if want == "likely_trigger":
            return c.messages.diary_supports_less.format(
                ratio=ratio_text(ratio), factor=label, nights=nights
            )
        return c.messages.diary_supports_more.format(
            fewer=percent_fewer(ratio), factor=label, nights=nights
        )
    return None


def _medicine_note(spec: ItemSpec, person: _Person, c: PlanContent) -> str | None:
    if spec.id != "medication_review" or "cramp_linked" not in person.groups:
        return None
    named = [
        m.name if m.generic == m.name.lower() else f"{m.name} ({m.generic})"
        for m in person.groups["cramp_linked"]
    ]
    return c.messages.medicines_linked.format(names=_listed(named))


def _listed(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _tried_note(
    item_id: str, tried: Tried | None, c: PlanContent
) -> tuple[str | None, bool | None]:
    if tried is None or item_id not in tried:
        return None, None
    outcome = tried[item_id]
    if outcome is True:
        return c.messages.tried_helped, True
    if outcome is False:
        return c.messages.tried_no_help, False
    return c.messages.tried_unsure, None


def _status(spec: ItemSpec, rules: Sequence[RuleSpec], lift: bool, helped: bool | None) -> Status:
    status = spec.status
    if status is Status.OPTIONAL and (lift or helped is True or any(r.promote for r in rules)):
        status = Status.RECOMMENDED
    if helped is False and status is Status.RECOMMENDED:
        status = Status.OPTIONAL
    for rule in rules:
        if rule.status is not None and rule.status.rank > status.rank:
            status = rule.status
    return status


def _item(
    spec: ItemSpec,
    person: _Person,
    c: PlanContent,
    insights: Mapping[str, object] | None,
    tried: Tried | None,
) -> PlanItem:
    rules = [r for r in c.rules if spec.id in r.items and _matches(r.when, person, c)]
    diary = _diary_note(spec, insights, c)
    medicines = _medicine_note(spec, person, c)
    tried_text, helped = _tried_note(spec.id, tried, c)
    general_why = next((r.why for r in reversed(rules) if r.why), spec.why)
    personal = [t for t in (diary, medicines, tried_text) if t]
    sources = list(spec.sources)
    sources += [s for r in rules for s in r.sources if s not in sources]
    review = spec.id == "medication_review"
    together = person.interactions if review else ()
    sources += [s for _, cited in together for s in cited if s not in sources]
    unrecognised = (
        [
            c.messages.medicines_unrecognised.format(
                names=_listed([f"\u201c{name}\u201d" for name in person.unrecognised])
            )
        ]
        if review and person.unrecognised
        else []
    )
    return PlanItem(
        id=spec.id,
        category=spec.category,
        status=_status(
            spec, rules, diary is not None or bool(together) or bool(unrecognised), helped
        ),
        priority=0,
        text=next((r.text for r in reversed(rules) if r.text), spec.text),
        why=" ".join([*personal, general_why]),
        evidence_grade=next((r.grade for r in reversed(rules) if r.grade), spec.grade),
        sources=tuple(dict.fromkeys(sources)),
        cautions=tuple(
            dict.fromkeys(
                [
                    *(t for t, _ in together),
                    *unrecognised,
                    *(r.caution for r in rules if r.caution),
                    *_medicine_cautions(rules, person),
                    *(() if any(r.replaces_cautions for r in rules) else spec.cautions),
                ]
            )
        ),
        personal=bool(personal),
    )


def _medicine_cautions(rules: Sequence[RuleSpec], person: _Person) -> list[str]:
    """The medication check's cautions of the person's medicines that a rule asks to show."""
    return [
        caution
        for rule in rules
        if rule.medicine_cautions
        for group in rule.when.medicines
        for medicine in person.groups.get(group, ())
        for caution in medicine.cautions
    ]


def _triage_answers(profile: Profile, today: dt.date | None) -> dict[str, object]:
    """The triage answers with what the profile knows (age, sex, pregnancy, conditions,
    medicines) in place of a key they leave out: a medicine on the profile is never unknown
    to the safety check. An answer given always wins."""
    from nightcramp.core.triage import answers_from_profile

    known = profile.to_json()
    known.pop("answers", None)
    if today is None:
        known.pop("birth_year", None)
    merged = answers_from_profile(known, today=today or dt.date.min, answers=profile.answers)
    # Medicines named in the answers add to the profile's, never replace them.
    if profile.medications and isinstance(profile.answers.get("medications"), list):
        merged["medications"] = _medicine_names(profile)
    # Keys not answered stay as given (None means unknown): the answers' own values win.
    return {**{k: v for k, v in profile.answers.items() if v is None}, **merged}


def _assessed(answers: Mapping[str, object], assess: Assess) -> Mapping[str, object]:
    try:
        assessment = assess(answers)
    except InputError as error:
        where = f"answers.{error.field}" if error.field else "answers"
        raise InputError(error.reason, file=error.file, field=where) from error
    return assessment.to_json()


def above_self_care(result: Mapping[str, object] | None) -> Mapping[str, object] | None:
    """The result when it calls for more than self-care (the plan's `triage`), else None."""
    from nightcramp.core.triage import Disposition, urgency_of

    return result if urgency_of(result) > Disposition.SELF_CARE.urgency else None


def _check_first(result: Mapping[str, object]) -> Mapping[str, object] | None:
    """The result if it is self-care with something to check first, else None."""
    from nightcramp.core.triage import checks_first

    return result if checks_first(result) else None


def build_plan(
    profile: Profile,
    *,
    insights: Mapping[str, object] | None = None,
    tried: Tried | None = None,
    today: dt.date | None = None,
    assess: Assess | None = None,
    check_names: CheckNames | None = None,
) -> Plan:
    """Return the ranked plan for `profile`.

    `insights` is the `nightcramp analyze --json` document; `tried` says what the person has
    tried; `today` gives the age from `birth_year`. `assess` and `check_names` default to the
    triage engine and the medication check. Raises InputError (field `answers.<key>`) when the
    triage answers are invalid.
    """
    content = load_plan_content()
    person = _person(profile, today, check_names or default_check_names())
    assess = assess or default_assess()
    alone = _assessed(profile.answers, assess)
    completed = _assessed(_triage_answers(profile, today), assess)
    triage, with_profile = above_self_care(alone), above_self_care(completed)
    built = [_item(spec, person, content, insights, tried) for spec in content.items]
    order = {spec.id: i for i, spec in enumerate(content.items)}
    built.sort(
        key=lambda it: (it.status.rank, it.evidence_grade.rank, not it.personal, order[it.id])
    )
    items = tuple(dataclasses.replace(item, priority=rank) for rank, item in enumerate(built, 1))
    # The profile fills gaps the answers leave: what is left to check is the completed one's.
    plan = Plan(items=items, warnings=profile.warnings)
    return plan.leading(triage, with_profile, _check_first(completed))
