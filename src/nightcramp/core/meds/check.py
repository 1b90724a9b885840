"""Medication review: resolve names (generic, brand, one-edit misspelling) to a class and advice.

A name that matches nothing, or whose misspelling is one edit from two different medicines,
is reported as unknown: never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.meds.names import (
    CrampLink,
    Dictionary,
    DrugEntry,
    MedClass,
    compact,
    load_dictionary,
)
from nightcramp.core.meds.wording import load_meds_wording

__all__ = [
    "MedCheck",
    "MedicationInfo",
    "check_names",
    "resolve",
    "started_before_cramps",
]

_FUZZY_MIN = 5  # names of 4 letters or fewer never match by spelling
_UNIT = r"(mg|mcg|µg|ug|micrograms?|milligrams?|g|ml|%|iu|units?|puffs?|doses?)"
_STRENGTH = re.compile(rf"^\d+([.,/]\d+)*{_UNIT}?$")
_FORM_WORDS_TEXT = (
    "mg mcg µg ug ml g iu unit units tablet tablets tab tabs capsule capsules cap"
    " caps inhaler inhalers inhalation injection injections oral solution suspension"
    " liquid syrup cream gel patch patches spray nasal drops eye pen mr sr xl la er cr"
    " xr dr ec cd hfa mdi dpi diskus ellipta respimat turbohaler accuhaler evohaler"
    " handihaler genuair easyhaler nexthaler spiromax breezhaler autohaler modified"
    " release prolonged slow extended once daily iv intravenous otc forte"
)
_FORM_WORDS = frozenset(_FORM_WORDS_TEXT.split())
_SALT_WORDS_TEXT = (
    "sodium potassium calcium magnesium hydrochloride hcl sulfate sulphate besilate"
    " besylate maleate mesilate mesylate tartrate succinate citrate carbonate acetate"
    " phosphate fumarate furoate propionate dipropionate bromide xinafoate monohydrate"
    " dihydrate trihydrate hemihydrate hyclate valerate medoxomil cilexetil axetil"
    " erbumine arginine tosylate bisulfate bisulphate hydrobromide lysine tromethamine"
    " trometamol"
)
_SALT_WORDS = frozenset(_SALT_WORDS_TEXT.split())
_SPLIT = re.compile(r"\s*(?:/|\+|&|\band\b|\bwith\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MedicationInfo:
    """One resolved medicine, as `meds check` reports it."""

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

    @property
    def linked(self) -> bool:
        """True when the medicine has any known link to cramps (treatment included)."""
        return self.cramp_link is not CrampLink.NONE

    def to_json(self) -> dict[str, object]:
        """The contract's JSON object for one medicine."""
        return {
            "query": self.query,
            "generic": self.generic,
            "class": self.class_.value,
            "cramp_link": self.cramp_link.value,
            "evidence": self.evidence,
            "advice": self.advice,
            "cautions": list(self.cautions),
            "grade": self.grade.value,
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class MedCheck:
    """The result of checking a list of names."""

    medications: list[MedicationInfo]
    unknown: list[str]

    def to_json(self) -> dict[str, object]:
        """The contract's JSON document for `meds check --json`."""
        return {
            "medications": [m.to_json() for m in self.medications],
            "unknown": list(self.unknown),
        }


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _variants(text: str) -> list[str]:
    """Compact keys to try, most literal first: as typed, without strength/form, without salt."""
    words = text.casefold().replace(",", " ").split()
    keys = [compact(text)]
    plain = [w for w in words if w not in _FORM_WORDS and not _STRENGTH.match(w)]
    keys.append(compact(" ".join(plain)))
    while len(plain) > 1 and plain[-1] in _SALT_WORDS:
        plain = plain[:-1]
        keys.append(compact(" ".join(plain)))
    while len(plain) > 1 and plain[0] in _SALT_WORDS:
        plain = plain[1:]
        keys.append(compact(" ".join(plain)))
    seen: list[str] = []
    for key in keys:
        if key and key not in seen:
            seen.append(key)
    return seen


def _fuzzy(key: str, data: Dictionary) -> set[str]:
    if len(key) < _FUZZY_MIN:
        return set()
    found: set[str] = set()
    for length in (len(key) - 1, len(key), len(key) + 1):
        if length < _FUZZY_MIN:
            continue
        for candidate in data.by_length.get(length, ()):
            if _within_one_edit(key, candidate):
                found.add(data.names[candidate])
    return found


def _match_one(text: str, data: Dictionary) -> str | None:
    """Return the generic one name stands for, or None (unknown or ambiguous)."""
    keys = _variants(text)
    for key in keys:
        if key in data.names:
            return data.names[key]
    generics: set[str] = set()
    for key in keys:
        generics |= _fuzzy(key, data)
    return generics.pop() if len(generics) == 1 else None


def _combine(parts: Sequence[str], data: Dictionary) -> DrugEntry | None:
    generics: set[str] = set()
    for part in parts:
        generic = _match_one(part, data)
        if generic is None:
            return None
        generics.update(data.entries[generic].components)
    name = "/".join(sorted(generics))
    if name in data.entries:
        return data.entries[name]
    members = [data.entries[g] for g in sorted(generics)]
    strongest = max(members, key=lambda e: (e.cramp_link.rank, data.classes[e.med_class].strength))
    return DrugEntry(name, tuple(sorted(generics)), strongest.med_class, strongest.cramp_link, None)


def _lookup(name: str, data: Dictionary) -> DrugEntry | None:
    text = " ".join(name.split())
    if not text:
        return None
    generic = _match_one(text, data)
    if generic is not None:
        return data.entries[generic]
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    return _combine(parts, data) if len(parts) > 1 else None


def _describe(query: str, entry: DrugEntry, data: Dictionary) -> MedicationInfo:
    info = data.classes[entry.med_class]
    evidence, advice = info.evidence, info.advice
    wording = load_meds_wording()
    if len(entry.components) > 1 and entry.med_class is not MedClass.NONE:
        carrier = next(c for c in entry.components if data.entries[c].med_class is entry.med_class)
        evidence = f"{wording.contains.format(carrier=carrier, label=info.label)} {evidence}"
    note = entry.note or next(
        (data.entries[c].note for c in entry.components if data.entries[c].note), None
    )
    if entry.med_class is MedClass.NONE and entry.cramp_link is not CrampLink.NONE:
        evidence = note or evidence
        advice = wording.prescriber
    elif note:
        evidence = f"{evidence} {note}"
    return MedicationInfo(
        query=query,
        generic=entry.generic,
        class_=entry.med_class,
        cramp_link=entry.cramp_link,
        evidence=evidence,
        advice=advice,
        cautions=info.cautions,
        grade=info.grade,
        sources=info.sources,
        label=info.label,
        components=entry.components,
        component_classes=frozenset(data.entries[c].med_class for c in entry.components),
    )


def resolve(name: str) -> MedicationInfo | None:
    """Resolve one name (any case, brand or generic, one edit away at most); None if unknown."""
    data = load_dictionary()
    entry = _lookup(name, data)
    return None if entry is None else _describe(name, entry, data)


_DIURETICS = frozenset(
    {
        MedClass.LOOP_DIURETIC,
        MedClass.THIAZIDE_DIURETIC,
        MedClass.POTASSIUM_SPARING_DIURETIC,
    }
)
_RAISE_POTASSIUM = frozenset(
    {
        MedClass.POTASSIUM_SPARING_DIURETIC,
        MedClass.ACE_INHIBITOR,
        MedClass.ANGIOTENSIN_RECEPTOR_BLOCKER,
    }
)


def _combined_cautions(meds: Sequence[MedicationInfo]) -> list[tuple[str, ...]]:
    """Extra cautions that come from taking medicines together, one tuple per medicine."""
    said = load_meds_wording().combined
    classes = [m.component_classes for m in meds]
    everything = frozenset().union(*classes) if classes else frozenset()
    potassium = any("potassium chloride" in m.components for m in meds)
    raisers = sum(bool(c & _RAISE_POTASSIUM) for c in classes)
    renal = everything & (
        _DIURETICS | {MedClass.ACE_INHIBITOR, MedClass.ANGIOTENSIN_RECEPTOR_BLOCKER}
    )
    result: list[tuple[str, ...]] = []
    for med, own in zip(meds, classes, strict=True):
        extra: list[str] = []
        if (
            own & {MedClass.STATIN, MedClass.FIBRATE}
            and {
                MedClass.STATIN,
                MedClass.FIBRATE,
            }
            <= everything
        ):
            extra.append(said.statin_fibrate)
        if own & _RAISE_POTASSIUM and raisers >= 2:
            extra.append(said.potassium_pair)
        supplement_here = own & _RAISE_POTASSIUM or "potassium chloride" in med.components
        if potassium and supplement_here and everything & _RAISE_POTASSIUM:
            extra.append(said.potassium_supplement)
        if MedClass.NSAID in everything and renal and (own & (renal | {MedClass.NSAID})):
            extra.append(said.nsaid_kidney)
        result.append(tuple(dict.fromkeys(extra)))
    return result


def check_names(names: Sequence[str]) -> MedCheck:
    """Resolve every name; unknown or ambiguous names go to `unknown`, in the order given."""
    data = load_dictionary()
    found: list[MedicationInfo] = []
    unknown: list[str] = []
    for name in names:
        entry = _lookup(name, data)
        if entry is None:
            unknown.append(name)
        else:
            found.append(_describe(name, entry, data))
    extras = _combined_cautions(found)
    medications = [
        MedicationInfo(
            query=m.query,
            generic=m.generic,
            class_=m.class_,
            cramp_link=m.cramp_link,
            evidence=m.evidence,
            advice=m.advice,
            cautions=m.cautions + extra,
            grade=m.grade,
            sources=m.sources,
            label=m.label,
            components=m.components,
            component_classes=m.component_classes,
        )
        for m, extra in zip(found, extras, strict=True)
    ]
    return MedCheck(medications=medications, unknown=unknown)


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
