"""Medication review: each name to its generic, class, link to cramps, evidence and advice.

A name that matches nothing is unknown, never guessed; an everyday word ("water tablet") is
unknown too, with a hint naming the medicines it may mean. A food supplement is reported with
class `none` and its own advice (`"kind": "supplement"` in JSON). Medicines that are risky
together get interaction cautions of their own (`interactions`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from nightcramp.core.errors import InputError
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.meds.interactions import Interaction, find_interactions
from nightcramp.core.meds.lookup import find_everyday, list_parts, lookup, strength_mg
from nightcramp.core.meds.names import CrampLink, Dictionary, DrugEntry, MedClass, load_dictionary
from nightcramp.core.meds.supplements import load_supplement_kinds
from nightcramp.core.meds.wording import load_meds_wording

__all__ = [
    "MAX_NAMES",
    "MAX_NAME_CHARS",
    "Hint",
    "MedCheck",
    "MedicationInfo",
    "check_name_list",
    "check_names",
    "doses_of",
    "might_cause_cramps",
    "resolve",
    "started_before_cramps",
    "used_locally",
]


# One person's list of medicines, and one name, are never longer than these: a longer list is
# refused with a clear message rather than checked pair by pair for minutes.
MAX_NAMES = 200
MAX_NAME_CHARS = 200


def check_name_list(names: Sequence[str], *, file: str | None, field: str) -> None:
    """Raise InputError (naming `file` and `field`) for a list of medicine names that is too
    long, or holds a name too long to be one."""
    if len(names) > MAX_NAMES:
        raise InputError(
            f"has {len(names):,} names; at most {MAX_NAMES} are read", file=file, field=field
        )
    for at, name in enumerate(names):
        if len(name) > MAX_NAME_CHARS:
            raise InputError(
                f"is {len(name):,} characters long; a medicine name has at most {MAX_NAME_CHARS}",
                file=file,
                field=f"{field}[{at}]",
            )


@dataclass(frozen=True, slots=True)
class MedicationInfo:
    """One resolved medicine or supplement, as `meds check` reports it.

    `grade_words` says how sure we are in words fit for the kind: a medicine's link to cramps
    is never described with a remedy's words; a supplement is graded as a remedy; a medicine
    with no known link has none (empty).
    """

    query: str
    generic: str
    class_: MedClass
    cramp_link: CrampLink
    evidence: str
    advice: str
    cautions: tuple[str, ...]
    grade: Grade
    sources: tuple[str, ...]
    label: str
    components: tuple[str, ...]
    component_classes: frozenset[MedClass] = field(default_factory=frozenset)
    supplement: str | None = None
    link_words: str = ""
    grade_words: str = ""

    @property
    def linked(self) -> bool:
        """True when the medicine has any known link to cramps (treatment included)."""
        return self.cramp_link is not CrampLink.NONE

    def to_json(self) -> dict[str, object]:
        """The contract's JSON object for one medicine, with a few extra keys."""
        document: dict[str, object] = {
            "query": self.query,
            "generic": self.generic,
            "class": self.class_.value,
            "cramp_link": self.cramp_link.value,
            "evidence": self.evidence,
            "advice": self.advice,
            "cautions": list(self.cautions),
            "grade": self.grade.value,
            "grade_words": self.grade_words,
            "sources": list(self.sources),
            "kind": "supplement" if self.supplement else "medicine",
        }
        if self.supplement:
            document["supplement"] = self.supplement
        return document


@dataclass(frozen=True, slots=True)
class Hint:
    """An everyday word that was typed, and the medicines it may mean."""

    query: str
    may_mean: tuple[str, ...]
    text: str

    def to_json(self) -> dict[str, object]:
        """The JSON object `meds check --json` lists under `hints`."""
        return {"query": self.query, "may_mean": list(self.may_mean), "text": self.text}


@dataclass(frozen=True, slots=True)
class MedCheck:
    """The result of checking a list of names."""

    medications: list[MedicationInfo]
    unknown: list[str]
    hints: list[Hint] = field(default_factory=list)
    interactions: tuple[Interaction, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The contract's JSON document for `meds check --json`: `medications` and `unknown`,
        plus `hints` and `interactions` when there are any (extra keys the contract allows)."""
        document: dict[str, object] = {
            "medications": [m.to_json() for m in self.medications],
            "unknown": list(self.unknown),
        }
        if self.hints:
            document["hints"] = [h.to_json() for h in self.hints]
        if self.interactions:
            document["interactions"] = [i.to_json() for i in self.interactions]
        return document


def _article(words: str) -> str:
    """ "a" or "an" before a class label ("an oestrogen", "a statin", "an ACE inhibitor")."""
    return "an" if words[:1].lower() in ("a", "e", "i", "o") else "a"


def _describe(query: str, entry: DrugEntry, data: Dictionary) -> MedicationInfo:
    wording = load_meds_wording()
    info = data.classes[entry.med_class]
    evidence, advice, cautions = info.evidence, info.advice, info.cautions
    grade, sources, label = info.grade, info.sources, info.label
    grade_words = wording.grade_text(grade)
    if entry.supplement is not None:
        kind = {k.id: k for k in load_supplement_kinds()}[entry.supplement]
        evidence, advice, cautions = kind.evidence, kind.advice, kind.cautions
        grade, sources, label = kind.grade, kind.sources, kind.label
        grade_words = grade.words
    elif len(entry.components) > 1 and entry.med_class is not MedClass.NONE:
        carrier = next(c for c in entry.components if data.entries[c].med_class is entry.med_class)
        if info.label.casefold() != carrier.casefold():  # not "It contains quinine, a quinine."
            label_words = f"{_article(info.label)} {info.label}"
            evidence = f"{wording.contains.format(carrier=carrier, label=label_words)} {evidence}"
    if entry.note:
        evidence = f"{evidence} {entry.note}"
    if entry.cramp_link.may_cause and used_locally(query):
        evidence = f"{evidence} {wording.used_locally}"
        sources = (*sources, *wording.used_locally_sources)
    if entry.supplement is None and entry.cramp_link is CrampLink.NONE:
        grade_words = ""  # no link: nothing to grade
    return MedicationInfo(
        query=query,
        generic=entry.generic,
        class_=entry.med_class,
        cramp_link=entry.cramp_link,
        evidence=evidence,
        advice=advice,
        cautions=tuple(dict.fromkeys((*cautions, *entry.cautions))),
        grade=grade,
        sources=sources,
        label=label,
        components=entry.components,
        component_classes=frozenset(data.entries[c].med_class for c in entry.components),
        supplement=entry.supplement,
        link_words=wording.supplement if entry.supplement else wording.link_text(entry.cramp_link),
        grade_words=grade_words,
    )


def resolve(name: str) -> MedicationInfo | None:
    """Resolve one name (any case, brand or generic, one edit away at most); None if unknown."""
    data = load_dictionary()
    entry = lookup(name, data)
    return None if entry is None else _describe(name, entry, data)


_DIURETICS = frozenset(
    {MedClass.LOOP_DIURETIC, MedClass.THIAZIDE_DIURETIC, MedClass.POTASSIUM_SPARING_DIURETIC}
)
_RAISE_POTASSIUM = frozenset(
    {
        MedClass.POTASSIUM_SPARING_DIURETIC,
        MedClass.ACE_INHIBITOR,
        MedClass.ANGIOTENSIN_RECEPTOR_BLOCKER,
    }
)
_RENAL = _DIURETICS | {MedClass.ACE_INHIBITOR, MedClass.ANGIOTENSIN_RECEPTOR_BLOCKER}
_LIPID = frozenset({MedClass.STATIN, MedClass.FIBRATE})


def _combined_cautions(meds: Sequence[MedicationInfo]) -> list[tuple[str, ...]]:
    """Extra cautions that come from taking medicines together, one tuple per medicine."""
    said = load_meds_wording().combined
    # A cream or gel takes no part in them (on_the_skin, below).
    classes = [frozenset() if on_the_skin(m.query) else m.component_classes for m in meds]
    everything: frozenset[MedClass] = frozenset().union(*classes)
    potassium = any(m.supplement == "potassium" for m in meds)
    raisers = sum(bool(c & _RAISE_POTASSIUM) for c in classes)
    result: list[tuple[str, ...]] = []
    for med, own in zip(meds, classes, strict=True):
        extra: list[str] = []
        if own & _LIPID and everything >= _LIPID:
            extra.append(said.statin_fibrate)
        if own & _RAISE_POTASSIUM and raisers >= 2:
            extra.append(said.potassium_pair)
        supplement_here = own & _RAISE_POTASSIUM or med.supplement == "potassium"
        if potassium and supplement_here and everything & _RAISE_POTASSIUM:
            extra.append(said.potassium_supplement)
        if (
            MedClass.NSAID in everything
            and everything & _RENAL
            and own & (_RENAL | {MedClass.NSAID})
        ):
            extra.append(said.nsaid_kidney)
        result.append(tuple(dict.fromkeys(extra)))
    return result


def check_names(names: Sequence[str]) -> MedCheck:
    """Resolve every name; unknown or ambiguous names go to `unknown`, in the order given.

    An unknown name that is an everyday word also gets a hint. Interactions are found among
    the medicines that were resolved.
    """
    data = load_dictionary()
    wording = load_meds_wording()
    found: list[MedicationInfo] = []
    unknown: list[str] = []
    hints: list[Hint] = []
    for line in names:
        # A line that is not one medicine but lists several ("lithium, ibuprofen") is read
        # as those medicines, each with its own class and interactions.
        whole = lookup(line, data)
        parts = list_parts(line) if whole is None else []
        # Read as its parts when the line is a list, also of one ("10. carboplatin").
        listed = parts and parts != [" ".join(line.split())]
        looked_up = [(p, lookup(p, data)) for p in parts] if listed else [(line, whole)]
        if (
            len(parts) > 1
            and not any(mark in line for mark in ",;\n")
            and all(entry is None and find_everyday(p, data) is None for p, entry in looked_up)
        ):
            # Joined by "and" or "&", and no part a medicine we know or an everyday word for
            # one ("water tablet and statin"): the line may be one product's name ("Day and
            # Night Nurse", "Lemsip Cold & Flu"), so it stays whole.
            looked_up = [(line, None)]
        for name, entry in looked_up:
            if entry is not None:
                found.append(_describe(name, entry, data))
                continue
            unknown.append(name)
            everyday = find_everyday(name, data)
            if everyday is not None:
                text = wording.hint_text(name.strip(), everyday.may_mean)
                hints.append(Hint(name, everyday.may_mean, text))
    extras = _combined_cautions(found)
    medications = [
        replace(m, cautions=m.cautions + extra) for m, extra in zip(found, extras, strict=True)
    ]
    taken = [m for m in medications if not on_the_skin(m.query)]
    interactions = find_interactions((m.generic for m in taken), doses_of(taken))
    return MedCheck(medications, unknown, hints, interactions)


# Forms put on the skin or scalp: too little reaches the blood for the interactions between
# medicines taken by mouth or by drip ("Nizoral cream" with simvastatin is no strong inhibitor).
# A word for a form that is swallowed wins ("ibuprofen gel caps", "oral gel").
_ON_THE_SKIN = frozenset(
    {"cream", "creams", "ointment", "ointments", "gel", "gels", "emulgel", "lotion", "lotions"}
    | {"shampoo", "foam"}
)
_SWALLOWED = frozenset(
    {"cap", "caps", "capsule", "capsules", "softgel", "softgels", "soft", "oral", "liquid"}
    | {"tablet", "tablets", "tabs"}
)


def on_the_skin(name: str) -> bool:
    """True when `name` says it is a cream, ointment, gel, lotion, shampoo or foam, and
    nothing in it says it is swallowed."""
    words = set(re.findall(r"[a-z]+", name.lower()))
    return bool(words & _ON_THE_SKIN) and not words & _SWALLOWED


# Forms used where they are put, never made to reach the blood: those on the skin but a gel or
# foam (an HRT gel is made to reach it), and nose, eye and ear forms. Inhalers are left out:
# their link is through the lungs.
_USED_LOCALLY = (_ON_THE_SKIN - {"gel", "gels", "emulgel", "foam"}) | {
    "nasal", "nose", "eye", "eyes", "ear", "ears"
}  # fmt: skip
_VAGINAL = frozenset({"vaginal", "pessary", "pessaries"})


def used_locally(name: str) -> bool:
    """True when `name` says it is a cream, ointment, lotion, shampoo, nose, eye or ear form
    or a vaginal form, and nothing in it says it is swallowed."""
    words = set(re.findall(r"[a-z]+", name.lower()))
    if words & _VAGINAL:  # a vaginal tablet is not swallowed
        return True
    return bool(words & _USED_LOCALLY) and not words & _SWALLOWED


def doses_of(medications: Iterable[MedicationInfo]) -> dict[str, float | None]:
    """The dose in mg written with each single medicine ("simvastatin 10 mg": 10.0), by
    generic; None when it is not written, unclear, or differs between two entries but one
    has none. The higher dose wins when one medicine is listed twice."""
    doses: dict[str, float | None] = {}
    for med in medications:
        if len(med.components) > 1:
            continue
        dose = strength_mg(med.query)
        if med.generic in doses:
            before = doses[med.generic]
            dose = None if before is None or dose is None else max(before, dose)
        doses[med.generic] = dose
    return doses


def might_cause_cramps(name: str) -> bool:
    """Whether a medicine as typed could play a part in cramps: a known link that is not a
    treatment, or a name we do not know (not knowing it never rules it out)."""
    info = resolve(name)
    return info is None or info.cramp_link.may_cause


def started_before_cramps(
    started: Mapping[str, dt.date] | Iterable[tuple[str, dt.date]],
    cramps_began: dt.date,
    *,
    weeks: int = 12,
) -> list[str]:
    """Names of medicines started in the `weeks` weeks before cramps began (oldest first)."""
    pairs = list(started.items()) if isinstance(started, Mapping) else list(started)
    window_start = cramps_began - dt.timedelta(weeks=weeks)
    hits = [(when, name) for name, when in pairs if window_start <= when <= cramps_began]
    return [name for _, name in sorted(hits)]
