"""Medicines that are risky together: statins and muscle damage, lithium and toxicity.

The pairs and their words live in `content/meds/interactions.yaml`; this module finds which
pairs a list of medicines holds. An interaction is a caution of its own, never a reason to
stop a medicine: the text sends the person to their prescriber.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    check_template,
    content_key,
    quoted,
    read_content,
)
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import check_sources, load_sources
from nightcramp.core.meds.names import Dictionary, MedClass, load_dictionary
from nightcramp.core.meds.wording import load_meds_wording

__all__ = ["Interaction", "InteractionKind", "find_interactions", "load_interaction_rules"]

_FILE = "meds/interactions.yaml"
_PLACEHOLDERS = ("first", "second", "prescriber")


class InteractionKind(StrEnum):
    """What a risky pair of medicines can lead to."""

    STATIN_MUSCLE = "statin_muscle"
    LITHIUM_TOXICITY = "lithium_toxicity"


_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Side(ContentModel):
    """A group of medicines. With `above_mg`, a medicine of the group counts only above that
    dose; a dose that is not known counts (an unknown never lowers urgency)."""

    generics: tuple[_Text, ...] = ()
    classes: tuple[MedClass, ...] = ()
    above_mg: float | None = Field(default=None, gt=0)


class InteractionRule(ContentModel):
    """One pair of medicine groups that are risky together, with what to tell the person."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: InteractionKind
    first: _Side
    second: _Side
    text: _Text
    grade: Grade
    sources: tuple[_Text, ...] = Field(min_length=1)


class _File(ContentModel):
    reviewed: dt.date
    rules: tuple[InteractionRule, ...]


@dataclass(frozen=True, slots=True)
class Interaction:
    """A caution for two medicines taken together.

    `medicines` holds the two generics as checked (a combination product keeps its whole
    name, `ezetimibe/simvastatin`), in alphabetical order; `text` names the parts involved.
    """

    kind: InteractionKind
    rule: str
    medicines: tuple[str, ...]
    text: str
    grade: Grade
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The JSON object `meds check --json` lists under `interactions`."""
        return {
            "kind": self.kind.value,
            "medicines": list(self.medicines),
            "text": self.text,
            "grade": self.grade.value,
            "sources": list(self.sources),
        }


def load_interaction_rules(content_dir: Path | None = None) -> tuple[InteractionRule, ...]:
    """The checked interaction rules, in order (cached per folder).

    Raises ContentFileError naming the file, rule and field when the content is invalid
    (an unknown source, a generic the dictionary does not know, a wrong placeholder).
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> tuple[InteractionRule, ...]:
    parsed = read_content(_FILE, _File, root=root)
    known = load_sources(root)
    data = load_dictionary(root)
    seen: set[str] = set()
    for rule in parsed.rules:
        if rule.id in seen:
            raise ContentFileError("duplicate id", file=_FILE, entry=rule.id, field="id")
        seen.add(rule.id)
        check_sources(_FILE, rule.id, rule.sources, known)
        # {prescriber} is required (never advise stopping); {first} and {second} are optional.
        used = {n for n in _PLACEHOLDERS if "{" + n + "}" in rule.text} | {"prescriber"}
        check_template(_FILE, rule.id, "text", rule.text, used)
        for side_name in ("first", "second"):
            side: _Side = getattr(rule, side_name)
            if not side.generics and not side.classes:
                raise _problem(rule.id, side_name, "names no generic and no class")
            for generic in side.generics:
                if generic not in data.entries:
                    reason = f"unknown generic {quoted(generic)}"
                    raise _problem(rule.id, f"{side_name}.generics", reason)
    return parsed.rules


def _problem(rule: str, field: str, reason: str) -> ContentFileError:
    return ContentFileError(reason, file=_FILE, entry=rule, field=field)


def _on_side(component: str, dose: float | None, side: _Side, data: Dictionary) -> bool:
    if side.above_mg is not None and dose is not None and dose <= side.above_mg:
        return False
    if component in side.generics:
        return True
    entry = data.entries.get(component)
    return entry is not None and entry.med_class in side.classes


def _first_rule(
    a: tuple[str, float | None],
    b: tuple[str, float | None],
    rules: Iterable[InteractionRule],
    data: Dictionary,
) -> tuple[InteractionRule, str, str] | None:
    """The first rule matching components `a` and `b` (each with its dose in mg, if known),
    either way round, with its sides."""
    for rule in rules:
        if _on_side(*a, rule.first, data) and _on_side(*b, rule.second, data):
            return rule, a[0], b[0]
        if _on_side(*b, rule.first, data) and _on_side(*a, rule.second, data):
            return rule, b[0], a[0]
    return None


def _components(generic: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in generic.split("/") if p.strip())


def _fill(rule: InteractionRule, firsts: Iterable[str], seconds: Iterable[str]) -> str:
    prescriber = load_meds_wording().prescriber
    values: Mapping[str, str] = {
        "first": " and ".join(dict.fromkeys(firsts)),
        "second": " and ".join(dict.fromkeys(seconds)),
        "prescriber": prescriber,
    }
    text = " ".join(rule.text.format_map(values).split())
    return text[:1].upper() + text[1:]


def find_interactions(
    generics: Iterable[str], doses: Mapping[str, float | None] | None = None
) -> tuple[Interaction, ...]:
    """The interaction cautions among `generics` (as `meds check` reports them, any case).

    `doses` gives the dose in mg of a single medicine where it is known (`simvastatin`: 10.0);
    a rule with a dose limit counts a medicine whose dose is not known.

    Each pair of medicines gives at most one caution per rule; for each pair of parts the
    first matching rule in the content wins (a specific rule before a general one). Parts of
    one combination product are not paired with each other. Unknown generics match only the
    rules that name them.
    """
    data = load_dictionary()
    rules = load_interaction_rules()
    names = list(dict.fromkeys(g.strip().lower() for g in generics if g.strip()))
    known = {k.strip().lower(): v for k, v in (doses or {}).items()}
    found: list[Interaction] = []
    for i, one in enumerate(names):
        for other in names[i + 1 :]:
            matched: dict[str, tuple[InteractionRule, list[str], list[str]]] = {}
            for a in _components(one):
                for b in _components(other):
                    dose_a = known.get(one) if a == one else None
                    dose_b = known.get(other) if b == other else None
                    hit = _first_rule((a, dose_a), (b, dose_b), rules, data) if a != b else None
                    if hit is None:
                        continue
                    rule, first, second = hit
                    _, firsts, seconds = matched.setdefault(rule.id, (rule, [], []))
                    firsts.append(first)
                    seconds.append(second)
            for rule, firsts, seconds in matched.values():
                found.append(
                    Interaction(
                        kind=rule.kind,
                        rule=rule.id,
                        medicines=tuple(sorted((one, other))),
                        text=_fill(rule, firsts, seconds),
                        grade=rule.grade,
                        sources=rule.sources,
                    )
                )
    return tuple(found)
