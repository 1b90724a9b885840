"""The medicine dictionary: classes and names from `content/meds/*.yaml`, validated on load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    ContentRoot,
    content_key,
    quoted,
    read_content,
    read_entries,
)
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import check_sources, load_sources
from nightcramp.core.meds.supplements import load_supplement_kinds

__all__ = [
    "CrampLink",
    "Dictionary",
    "DrugEntry",
    "Everyday",
    "MedClass",
    "MedClassInfo",
    "combine",
    "compact",
    "load_dictionary",
    "means_no_medicine",
]


class MedClass(StrEnum):
    """Medication classes of VOCABULARY.md."""

    LOOP_DIURETIC = "loop_diuretic"
    THIAZIDE_DIURETIC = "thiazide_diuretic"
    POTASSIUM_SPARING_DIURETIC = "potassium_sparing_diuretic"
    STATIN = "statin"
    FIBRATE = "fibrate"
    LONG_ACTING_BETA2_AGONIST = "long_acting_beta2_agonist"
    SHORT_ACTING_BETA2_AGONIST = "short_acting_beta2_agonist"
    ACE_INHIBITOR = "ace_inhibitor"
    ANGIOTENSIN_RECEPTOR_BLOCKER = "angiotensin_receptor_blocker"
    CALCIUM_CHANNEL_BLOCKER = "calcium_channel_blocker"
    SERM = "serm"
    OESTROGEN = "oestrogen"
    TERIPARATIDE = "teriparatide"
    IV_IRON = "iv_iron"
    NSAID = "nsaid"
    PROTON_PUMP_INHIBITOR = "proton_pump_inhibitor"
    CHOLINESTERASE_INHIBITOR = "cholinesterase_inhibitor"
    LITHIUM = "lithium"
    QUININE = "quinine"
    PLATINUM_CHEMOTHERAPY = "platinum_chemotherapy"
    GABAPENTINOID = "gabapentinoid"
    BONE_RESORPTION_INHIBITOR = "bone_resorption_inhibitor"
    CALCIMIMETIC = "calcimimetic"
    OTHER_REPORTED = "other_reported"
    NONE = "none"


class CrampLink(StrEnum):
    """How a medicine relates to cramps, strongest first."""

    ESTABLISHED = "established"
    REPORTED = "reported"
    TREATMENT = "treatment"
    INDIRECT = "indirect"
    NONE = "none"

    @property
    def may_cause(self) -> bool:
        """Whether a medicine with this link could play a part in cramps (a treatment for
        them, such as quinine, is no cause)."""
        return self in (CrampLink.ESTABLISHED, CrampLink.REPORTED, CrampLink.INDIRECT)

    @property
    def rank(self) -> int:
        """Higher is a stronger link (used to pick a combination's class)."""
        return {"established": 4, "reported": 3, "treatment": 2, "indirect": 1, "none": 0}[self]


_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Names = Annotated[tuple[_Text, ...], BeforeValidator(lambda value: value or ())]


class MedClassInfo(ContentModel):
    """One class: its link to cramps, evidence, advice and cautions (`meds/classes.yaml`)."""

    id: MedClass
    label: _Text
    cramp_link: CrampLink
    strength: float | None = None
    grade: Grade
    sources: tuple[_Text, ...]
    reviewed: dt.date
    evidence: _Text
    advice: _Text
    cautions: tuple[_Text, ...]


class _Link(ContentModel):
    cramp_link: CrampLink | None = None
    note: _Text | None = None
    cautions: tuple[_Text, ...] = ()


class _Group(ContentModel):
    members: tuple[_Text, ...] = Field(min_length=2)
    cautions: tuple[_Text, ...] = ()


class _Everyday(ContentModel):
    words: tuple[_Text, ...] = Field(min_length=1)
    may_mean: tuple[_Text, ...] = Field(min_length=2)


class _NamesFile(ContentModel):
    """`meds/names.yaml`: class -> generic -> other names; links; combination products;
    supplements (kind -> generic -> other names); everyday words and what they may mean."""

    reviewed: dt.date
    classes: dict[MedClass, dict[str, _Names]]
    links: dict[str, _Link] = Field(default_factory=dict)
    supplements: dict[str, dict[str, _Names]] = Field(default_factory=dict)
    combinations: dict[str, _Names] = Field(default_factory=dict)
    everyday: dict[str, _Everyday] = Field(default_factory=dict)
    groups: dict[str, _Group] = Field(default_factory=dict)
    # Words that say "no medicines" in a list of medicines ("none", "n/a").
    no_medicine: tuple[_Text, ...] = ()


@dataclass(frozen=True, slots=True)
class DrugEntry:
    """A generic (or a combination of generics) and the class that speaks for it.

    `supplement` is the supplement kind (`magnesium`, `vitamin_b` …) of a food supplement or
    of a combination whose class is `none` and that holds one; None for a medicine.
    """

    generic: str
    components: tuple[str, ...]
    med_class: MedClass
    cramp_link: CrampLink
    note: str | None
    supplement: str | None = None
    cautions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Everyday:
    """An everyday word for a kind of medicine ("water tablet") and the generics it may mean."""

    id: str
    words: tuple[str, ...]
    may_mean: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Dictionary:
    """Everything `resolve` needs: classes, entries by generic, names and everyday words by
    compact key."""

    classes: Mapping[MedClass, MedClassInfo]
    entries: Mapping[str, DrugEntry]
    names: Mapping[str, str]
    by_length: Mapping[int, tuple[str, ...]]
    everyday: Mapping[str, Everyday] = field(default_factory=dict)
    no_medicine: frozenset[str] = frozenset()
    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Group id ("anticoagulant") -> the generics in it (`groups` in meds/names.yaml)."""


def _strength(entry: DrugEntry, classes: Mapping[MedClass, MedClassInfo]) -> tuple[float, ...]:
    """Sort key: link level, then Garrison's measured strength, then the class listed first."""
    order = list(classes)
    info = classes[entry.med_class]
    place = order.index(entry.med_class) if entry.med_class in classes else len(order)
    return (entry.cramp_link.rank, info.strength or 0.0, -place)


def combine(
    generic: str,
    parts: tuple[str, ...],
    members: Mapping[str, DrugEntry],
    classes: Mapping[MedClass, MedClassInfo],
) -> DrugEntry:
    """A combination of known generics: the class of the part with the strongest link
    (VOCABULARY.md), and the supplement kind of its first part when every part is a
    supplement (a medicine with a vitamin in it, such as Xonvea, stays a medicine)."""
    entries = [members[p] for p in parts]
    strongest = max(entries, key=lambda e: _strength(e, classes))
    kind = None
    if strongest.med_class is MedClass.NONE and all(e.supplement for e in entries):
        kind = entries[0].supplement
    cautions = tuple(dict.fromkeys(c for e in entries for c in e.cautions))
    note = next((e.note for e in entries if e.note), None)
    return DrugEntry(
        generic, parts, strongest.med_class, strongest.cramp_link, note, kind, cautions
    )


def compact(text: str) -> str:
    """The matching key of a name: lower case, letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_CLASSES = "meds/classes.yaml"
_NAMES = "meds/names.yaml"


def _load_classes(root: ContentRoot | None) -> dict[MedClass, MedClassInfo]:
    classes: dict[MedClass, MedClassInfo] = {}
    for info in read_entries(_CLASSES, MedClassInfo, root=root):
        classes[info.id] = info
    missing = sorted(set(MedClass) - set(classes))
    if missing:
        raise ContentFileError(f"classes missing: {', '.join(missing)}", file=_CLASSES)
    return classes


class _Builder:
    """Collects entries and names, refusing a name that points at two generics."""

    def __init__(self, classes: Mapping[MedClass, MedClassInfo]) -> None:
        self.classes = classes
        self.entries: dict[str, DrugEntry] = {}
        self.names: dict[str, str] = {}

    def add_name(self, text: str, generic: str) -> None:
        key = compact(text)
        if not key:
            raise _problem(generic, "names", f"{quoted(text)} has no letters")
        owner = self.names.setdefault(key, generic)
        if owner != generic:
            raise _problem(generic, "names", f"{quoted(text)} already names {quoted(owner)}")

    def add_single(
        self, med_class: MedClass, generic: str, names: tuple[str, ...], kind: str | None = None
    ) -> None:
        if generic in self.entries:
            raise _problem(generic, "generic", "listed twice")
        if generic != generic.lower().strip() or "/" in generic:
            raise _problem(generic, "generic", "must be lower case, one medicine")
        link = self.classes[med_class].cramp_link
        self.entries[generic] = DrugEntry(generic, (generic,), med_class, link, None, kind)
        for name in (generic, *names):
            self.add_name(name, generic)

    def add_combination(self, generic: str, names: tuple[str, ...]) -> None:
        parts = tuple(generic.split("/"))
        if list(parts) != sorted(parts) or len(parts) < 2:
            raise _problem(generic, "components", "need 2 or more, in alphabetical order")
        unknown = [p for p in parts if p not in self.entries]
        if unknown:
            raise _problem(generic, "components", f"unknown generic {quoted(unknown[0])}")
        self.entries[generic] = combine(generic, parts, self.entries, self.classes)
        for name in (generic, *names):
            self.add_name(name, generic)

    def set_link(self, generic: str, spec: _Link) -> None:
        entry = self.entries.get(generic)
        if entry is None:
            raise _problem(generic, "links", "unknown generic")
        link = spec.cramp_link or entry.cramp_link
        if entry.med_class is MedClass.NONE and link is not CrampLink.NONE:
            reason = "a medicine linked to cramps needs a class (other_reported at least)"
            raise _problem(generic, "links", reason)
        self.entries[generic] = DrugEntry(
            entry.generic,
            entry.components,
            entry.med_class,
            link,
            spec.note,
            entry.supplement,
            spec.cautions,
        )

    def add_group(self, group_id: str, spec: _Group) -> frozenset[str]:
        """Check a group's members and add its cautions to each (after their own)."""
        for generic in spec.members:
            entry = self.entries.get(generic)
            if entry is None:
                raise _problem(group_id, "members", f"unknown generic {quoted(generic)}")
            cautions = tuple(dict.fromkeys((*entry.cautions, *spec.cautions)))
            self.entries[generic] = replace(entry, cautions=cautions)
        return frozenset(spec.members)

    def add_everyday(self, hint_id: str, spec: _Everyday) -> Everyday:
        unknown = [g for g in spec.may_mean if g not in self.entries]
        if unknown:
            raise _problem(hint_id, "may_mean", f"unknown generic {quoted(unknown[0])}")
        for word in spec.words:
            if compact(word) in self.names:
                owner = self.names[compact(word)]
                raise _problem(hint_id, "words", f"{quoted(word)} already names {quoted(owner)}")
        return Everyday(hint_id, spec.words, spec.may_mean)


def _problem(generic: str, field: str, reason: str) -> ContentFileError:
    return ContentFileError(reason, file=_NAMES, entry=generic, field=field)


def _load_names(
    root: Path | None, classes: Mapping[MedClass, MedClassInfo]
) -> tuple[_Builder, dict[str, Everyday], frozenset[str], dict[str, frozenset[str]]]:
    keyed = ("classes", "links", "supplements", "combinations", "everyday", "groups")
    parsed = read_content(_NAMES, _NamesFile, root=root, keyed=keyed)
    builder = _Builder(classes)
    for med_class, generics in parsed.classes.items():
        for generic, names in generics.items():
            builder.add_single(med_class, generic, names)
    kinds = {kind.id for kind in load_supplement_kinds(root)}
    for kind, generics in parsed.supplements.items():
        if kind not in kinds:
            raise _problem(kind, "supplements", f"unknown supplement kind {quoted(kind)}")
        for generic, names in generics.items():
            builder.add_single(MedClass.NONE, generic, names, kind)
    for generic, spec in parsed.links.items():
        builder.set_link(generic, spec)
    groups = {group_id: builder.add_group(group_id, g) for group_id, g in parsed.groups.items()}
    for generic, names in parsed.combinations.items():
        builder.add_combination(generic, names)
    everyday: dict[str, Everyday] = {}
    for hint_id, words in parsed.everyday.items():
        hint = builder.add_everyday(hint_id, words)
        for word in hint.words:
            everyday[compact(word)] = hint
    return builder, everyday, frozenset(compact(w) for w in parsed.no_medicine), groups


def means_no_medicine(name: str, content_dir: Path | None = None) -> bool:
    """True for an entry of a medicine list that says there are none ("none", "n/a"): such a
    list is answered "no medicines", not a list holding a medicine nobody recognises."""
    key = compact(name)
    return bool(key) and key in load_dictionary(content_dir).no_medicine


def load_dictionary(content_dir: Path | None = None) -> Dictionary:
    """Load and check the medicine dictionary (cached per folder).

    Raises ContentFileError naming the file, entry and field when the content is invalid.
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> Dictionary:
    classes = _load_classes(root)
    known = load_sources(root)
    for info in classes.values():
        check_sources(_CLASSES, info.id, info.sources, known)
    builder, everyday, no_medicine, groups = _load_names(root, classes)
    by_length: dict[int, list[str]] = {}
    for key in builder.names:
        by_length.setdefault(len(key), []).append(key)
    return Dictionary(
        classes=classes,
        entries=builder.entries,
        names=builder.names,
        by_length={n: tuple(keys) for n, keys in by_length.items()},
        everyday=everyday,
        no_medicine=no_medicine,
        groups=groups,
    )
