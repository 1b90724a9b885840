"""The medicine dictionary: classes and names from `content/meds/*.yaml`, validated on load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
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

__all__ = [
    "CrampLink",
    "Dictionary",
    "DrugEntry",
    "MedClass",
    "MedClassInfo",
    "load_dictionary",
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
    NONE = "none"


class CrampLink(StrEnum):
    """How a medicine relates to cramps, strongest first."""

    ESTABLISHED = "established"
    REPORTED = "reported"
    TREATMENT = "treatment"
    INDIRECT = "indirect"
    NONE = "none"

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
    strength: float
    grade: Grade
    sources: tuple[_Text, ...]
    reviewed: dt.date
    evidence: _Text
    advice: _Text
    cautions: tuple[_Text, ...]


class _Link(ContentModel):
    cramp_link: CrampLink | None = None
    note: _Text | None = None


class _NamesFile(ContentModel):
    """`meds/names.yaml`: class -> generic -> other names; links; combination products."""

    reviewed: dt.date
    classes: dict[MedClass, dict[str, _Names]]
    links: dict[str, _Link] = Field(default_factory=dict)
    combinations: dict[str, _Names] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DrugEntry:
    """A generic (or a combination of generics) and the class that speaks for it."""

    generic: str
    components: tuple[str, ...]
    med_class: MedClass
    cramp_link: CrampLink
    note: str | None


@dataclass(frozen=True, slots=True)
class Dictionary:
    """Everything `resolve` needs: classes, entries by generic, and names by compact key."""

    classes: Mapping[MedClass, MedClassInfo]
    entries: Mapping[str, DrugEntry]
    names: Mapping[str, str]
    by_length: Mapping[int, tuple[str, ...]]


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

    def add_single(self, med_class: MedClass, generic: str, names: tuple[str, ...]) -> None:
        if generic in self.entries:
            raise _problem(generic, "generic", "listed twice")
        if generic != generic.lower().strip() or "/" in generic:
            raise _problem(generic, "generic", "must be lower case, one medicine")
        link = self.classes[med_class].cramp_link
        self.entries[generic] = DrugEntry(generic, (generic,), med_class, link, None)
        for name in (generic, *names):
            self.add_name(name, generic)

    def add_combination(self, generic: str, names: tuple[str, ...]) -> None:
        parts = tuple(generic.split("/"))
        if list(parts) != sorted(parts) or len(parts) < 2:
            raise _problem(generic, "components", "need 2 or more, in alphabetical order")
        unknown = [p for p in parts if p not in self.entries]
        if unknown:
            raise _problem(generic, "components", f"unknown generic {quoted(unknown[0])}")
        strongest = max(
            (self.entries[p] for p in parts),
            key=lambda e: (e.cramp_link.rank, self.classes[e.med_class].strength),
        )
        self.entries[generic] = DrugEntry(
            generic, parts, strongest.med_class, strongest.cramp_link, None
        )
        for name in (generic, *names):
            self.add_name(name, generic)

    def set_link(self, generic: str, spec: _Link) -> None:
        entry = self.entries.get(generic)
        if entry is None:
            raise _problem(generic, "links", "unknown generic")
        link = spec.cramp_link or entry.cramp_link
        self.entries[generic] = DrugEntry(
            entry.generic, entry.components, entry.med_class, link, spec.note
        )


def _problem(generic: str, field: str, reason: str) -> ContentFileError:
    return ContentFileError(reason, file=_NAMES, entry=generic, field=field)


def _load_names(root: ContentRoot | None, classes: Mapping[MedClass, MedClassInfo]) -> _Builder:
    keyed = ("classes", "links", "combinations")
    parsed = read_content(_NAMES, _NamesFile, root=root, keyed=keyed)
    builder = _Builder(classes)
    for med_class, generics in parsed.classes.items():
        for generic, names in generics.items():
            builder.add_single(med_class, generic, names)
    for generic, spec in parsed.links.items():
        builder.set_link(generic, spec)
    for generic, names in parsed.combinations.items():
        builder.add_combination(generic, names)
    return builder


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
    builder = _load_names(root, classes)
    by_length: dict[int, list[str]] = {}
    for key in builder.names:
        by_length.setdefault(len(key), []).append(key)
    return Dictionary(
        classes=classes,
        entries=builder.entries,
        names=builder.names,
        by_length={n: tuple(keys) for n, keys in by_length.items()},
    )
