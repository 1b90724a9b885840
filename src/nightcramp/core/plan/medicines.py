"""Which of a person's medicines fall into the groups that change plan advice."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from nightcramp.core.plan.content import MedicineGroup

__all__ = ["CheckNames", "ResolvedMedicine", "groups_taken", "resolve_medicines"]


class _CheckedMedicine(Protocol):
    @property
    def query(self) -> object: ...
    @property
    def generic(self) -> object: ...
    @property
    def class_(self) -> object: ...
    @property
    def cramp_link(self) -> object: ...


class _MedCheck(Protocol):
    @property
    def medications(self) -> Sequence[_CheckedMedicine]: ...


CheckNames = Callable[[Sequence[str]], _MedCheck]


@dataclass(frozen=True)
class ResolvedMedicine:
    """A medicine as the person wrote it, with what the medication check knows about it."""

    name: str
    generic: str
    class_: str | None = None
    cramp_link: str | None = None
    # The medication check's own cautions for it ("Desmopressin makes your body keep water").
    cautions: tuple[str, ...] = ()

    @property
    def components(self) -> tuple[str, ...]:
        """The generic names in a combination product (`a/b`), or the one generic."""
        return tuple(p.strip() for p in self.generic.split("/") if p.strip())


def default_check_names() -> CheckNames:
    """The medication check of `nightcramp.core.meds` (imported on first use)."""
    from nightcramp.core.meds import check_names

    return check_names


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def resolve_medicines(
    names: Sequence[str], check_names: CheckNames | None = None
) -> tuple[ResolvedMedicine, ...]:
    """Resolve brand names and misspellings through the medication check when it is there.

    A line that lists several medicines ("1. lithium 2. ramipril") gives each of them. A name
    the check does not know keeps its own lower-case spelling as its generic.
    """
    resolved: list[ResolvedMedicine] = []
    for name in names:
        if check_names is None:
            resolved.append(ResolvedMedicine(name=name, generic=name.strip().lower()))
            continue
        checked = check_names([name])
        found = checked.medications
        unknown = [str(u) for u in getattr(checked, "unknown", ())]
        if not found and not unknown:
            unknown = [name]
        for part in unknown:
            resolved.append(ResolvedMedicine(name=part, generic=part.strip().lower()))
        for med in found:
            query = _text(med.query) or name
            resolved.append(
                ResolvedMedicine(
                    name=query,
                    generic=_text(med.generic) or query.lower(),
                    class_=_text(med.class_),
                    cramp_link=_text(med.cramp_link),
                    cautions=tuple(str(c) for c in getattr(med, "cautions", ())),
                )
            )
    return tuple(resolved)


def groups_taken(
    medicines: Sequence[ResolvedMedicine], groups: Mapping[str, MedicineGroup]
) -> dict[str, tuple[ResolvedMedicine, ...]]:
    """Return group id -> the person's medicines in that group (only groups with a match)."""
    found: dict[str, tuple[ResolvedMedicine, ...]] = {}
    for group in groups.values():
        members = tuple(
            med
            for med in medicines
            if (med.class_ is not None and med.class_ in group.classes)
            or (med.cramp_link is not None and med.cramp_link in group.cramp_links)
            or any(part in group.generics for part in med.components)
            or med.generic in group.generics
        )
        if members:
            found[group.id] = members
    return found
