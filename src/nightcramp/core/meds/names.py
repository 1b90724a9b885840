"""The medicine dictionary: classes and names from `content/meds/*.yaml`, validated on load.

Loading is plain YAML plus small checks (no pydantic), because `meds check` runs often.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.grades import Grade

__all__ = [
    "CrampLink",
    "Dictionary",
    "DrugEntry",
    "MedClass",
    "MedClassInfo",
    "load_dictionary",
]

_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


@dataclass(frozen=True, slots=True)
class MedClassInfo:
    """One class: its link to cramps, evidence, advice and cautions."""

    id: MedClass
    label: str
    cramp_link: CrampLink
    strength: float
    grade: Grade
    sources: tuple[str, ...]
    reviewed: dt.date
    evidence: str
    advice: str
    cautions: tuple[str, ...]


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


def _fail(file: str, entry: str, field: str, reason: str) -> ContentError:
    return ContentError(f"{file}: {entry}: {field}: {reason}")


def _read(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: not valid YAML: {error}") from error


_CLASS_FIELDS = frozenset(
    {"id", "label", "cramp_link", "strength", "grade", "sources", "reviewed", "evidence"}
    | {"advice", "cautions"}
)


def _parse_class(item: object, index: int, file: str) -> MedClassInfo:
    if not isinstance(item, dict):
        raise _fail(file, f"#{index}", "-", "expected a mapping")
    name = str(item.get("id", f"#{index}"))
    extra = set(item) - _CLASS_FIELDS
    missing = _CLASS_FIELDS - set(item)
    if extra:
        raise _fail(file, name, sorted(extra)[0], "unknown field")
    if missing:
        raise _fail(file, name, sorted(missing)[0], "field required")
    try:
        return MedClassInfo(
            id=MedClass(item["id"]),
            label=_text(item["label"], file, name, "label"),
            cramp_link=CrampLink(item["cramp_link"]),
            strength=float(item["strength"]),
            grade=Grade(item["grade"]),
            sources=tuple(_texts(item["sources"], file, name, "sources")),
            reviewed=_date(item["reviewed"], file, name),
            evidence=_text(item["evidence"], file, name, "evidence"),
            advice=_text(item["advice"], file, name, "advice"),
            cautions=tuple(_texts(item["cautions"], file, name, "cautions")),
        )
    except ValueError as error:
        raise _fail(file, name, "-", str(error)) from error


def _text(value: object, file: str, entry: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(file, entry, field, "expected non-empty text")
    return value.strip()


def _texts(value: object, file: str, entry: str, field: str) -> list[str]:
    if not isinstance(value, list):
        raise _fail(file, entry, field, "expected a list")
    return [_text(v, file, entry, field) for v in value]


def _date(value: object, file: str, entry: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise _fail(file, entry, "reviewed", "expected a date (YYYY-MM-DD)")
    return value


def _load_classes(path: Path) -> dict[MedClass, MedClassInfo]:
    raw = _read(path)
    if not isinstance(raw, list):
        raise ContentError(f"{path.name}: expected a list of classes")
    classes: dict[MedClass, MedClassInfo] = {}
    for index, item in enumerate(raw):
        info = _parse_class(item, index, path.name)
        if info.id in classes:
            raise _fail(path.name, info.id, "id", "duplicate class")
        classes[info.id] = info
    missing = set(MedClass) - set(classes)
    if missing:
        raise ContentError(f"{path.name}: classes missing: {', '.join(sorted(missing))}")
    return classes


class _Builder:
    """Collects entries and names, refusing a name that points at two generics."""

    def __init__(self, file: str, classes: Mapping[MedClass, MedClassInfo]) -> None:
        self.file = file
        self.classes = classes
        self.entries: dict[str, DrugEntry] = {}
        self.names: dict[str, str] = {}

    def add_name(self, name: object, generic: str) -> None:
        text = _text(name, self.file, generic, "names")
        key = compact(text)
        if not key:
            raise _fail(self.file, generic, "names", f"{text!r} has no letters")
        owner = self.names.setdefault(key, generic)
        if owner != generic:
            raise _fail(self.file, generic, "names", f"{text!r} already names {owner}")

    def add_single(self, med_class: MedClass, generic: str, names: object) -> None:
        if generic in self.entries:
            raise _fail(self.file, generic, "generic", "listed twice")
        if generic != generic.lower().strip() or "/" in generic:
            raise _fail(self.file, generic, "generic", "must be lower case, one medicine")
        link = self.classes[med_class].cramp_link
        self.entries[generic] = DrugEntry(generic, (generic,), med_class, link, None)
        self.add_name(generic, generic)
        for name in _texts(names or [], self.file, generic, "names"):
            self.add_name(name, generic)

    def add_combination(self, generic: str, names: object) -> None:
        parts = tuple(generic.split("/"))
        if list(parts) != sorted(parts) or len(parts) < 2:
            raise _fail(self.file, generic, "components", "need 2 or more, in alphabetical order")
        unknown = [p for p in parts if p not in self.entries]
        if unknown:
            raise _fail(self.file, generic, "components", f"unknown generic {unknown[0]!r}")
        strongest = max(
            (self.entries[p] for p in parts),
            key=lambda e: (e.cramp_link.rank, self.classes[e.med_class].strength),
        )
        self.entries[generic] = DrugEntry(
            generic, parts, strongest.med_class, strongest.cramp_link, None
        )
        self.add_name(generic, generic)
        for name in _texts(names or [], self.file, generic, "names"):
            self.add_name(name, generic)

    def set_link(self, generic: str, spec: object) -> None:
        entry = self.entries.get(generic)
        if entry is None:
            raise _fail(self.file, generic, "links", "unknown generic")
        if not isinstance(spec, dict) or set(spec) - {"cramp_link", "note"}:
            raise _fail(self.file, generic, "links", "expected cramp_link and/or note")
        try:
            link = CrampLink(spec.get("cramp_link", entry.cramp_link))
        except ValueError as error:
            raise _fail(self.file, generic, "cramp_link", str(error)) from error
        note = spec.get("note")
        note_text = None if note is None else _text(note, self.file, generic, "note")
        self.entries[generic] = DrugEntry(
            entry.generic, entry.components, entry.med_class, link, note_text
        )


def _load_names(path: Path, classes: Mapping[MedClass, MedClassInfo]) -> _Builder:
    raw = _read(path)
    if not isinstance(raw, dict) or set(raw) - {"reviewed", "classes", "links", "combinations"}:
        raise ContentError(f"{path.name}: expected keys reviewed, classes, links, combinations")
    builder = _Builder(path.name, classes)
    for class_id, generics in (raw.get("classes") or {}).items():
        try:
            med_class = MedClass(class_id)
        except ValueError as error:
            raise _fail(path.name, str(class_id), "class", "not a vocabulary class") from error
        if not isinstance(generics, dict):
            raise _fail(path.name, class_id, "class", "expected generic: [names]")
        for generic, names in generics.items():
            builder.add_single(med_class, str(generic), names)
    for generic, spec in (raw.get("links") or {}).items():
        builder.set_link(str(generic), spec)
    for generic, names in (raw.get("combinations") or {}).items():
        builder.add_combination(str(generic), names)
    return builder


def _source_ids(content_dir: Path) -> set[str]:
    ids: set[str] = set()
    for path in sorted((content_dir / "sources").glob("*.yaml")):
        raw = _read(path)
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, dict) and "id" in item:
                ids.add(str(item["id"]))
    return ids


@cache
def load_dictionary(content_dir: Path | None = None) -> Dictionary:
    """Load and check the medicine dictionary (cached).

    Raises ContentError naming the file, entry and field when the content is invalid.
    """
    folder = content_dir or _CONTENT_DIR
    classes = _load_classes(folder / "meds" / "classes.yaml")
    known = _source_ids(folder)
    for info in classes.values():
        for source in info.sources:
            if source not in known:
                raise _fail("classes.yaml", info.id, "sources", f"unknown source id {source!r}")
    builder = _load_names(folder / "meds" / "names.yaml", classes)
    by_length: dict[int, list[str]] = {}
    for key in builder.names:
        by_length.setdefault(len(key), []).append(key)
    return Dictionary(
        classes=classes,
        entries=builder.entries,
        names=builder.names,
        by_length={n: tuple(keys) for n, keys in by_length.items()},
    )
