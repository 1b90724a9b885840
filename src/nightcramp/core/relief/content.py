"""Full validation of the relief content (`content/relief/*.toml`) for tests and web start-up.

The same files are read on the fast path by `nightcramp.core.relief.guide` without pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nightcramp.core.diary import Muscle
from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import CONTENT_DIR, Source, load_sources
from nightcramp.core.relief.guide import MUSCLES

__all__ = [
    "AfterStep",
    "CommonFile",
    "MuscleFile",
    "ReliefContent",
    "ReliefNote",
    "ReliefStep",
    "load_relief",
]

_ID = r"^[a-z0-9_]+$"
_M = TypeVar("_M", bound=BaseModel)
# Instructions the evidence rules out (EVIDENCE.md §2.5, §7): rising onto the toes shortens the
# calf; quinine is never advised for ordinary cramps; a swollen leg is never raised as self-care.
_FORBIDDEN = (
    re.compile(
        r"\b(stand|rise|get|go|up)\s+(up\s+)?on(to)?\s+(your\s+|the\s+)?(toes|tip-?toes)", re.I
    ),
    re.compile(r"\btip-?toe", re.I),
    re.compile(r"\bquinine\b", re.I),
    re.compile(r"\b(raise|elevate)\b", re.I),
)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReliefStep(_Frozen):
    """One step of relief for one muscle."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3, max_length=60)
    text: str = Field(min_length=10, max_length=400)
    hold_seconds: int | None = Field(default=None, ge=5, le=120)
    repeat: int = Field(default=1, ge=1, le=5)
    illustration: str | None = Field(default=None, pattern=_ID)
    grade: Grade
    sources: tuple[str, ...] = Field(min_length=1)
    cautions: tuple[str, ...] = ()


class AfterStep(ReliefStep):
    """A step shared by several muscles, shown after each muscle's own stretches."""

    muscles: tuple[Muscle, ...] = Field(min_length=1)


class ReliefNote(_Frozen):
    """The safety line, "if it comes back" and "if it lasts more than 10 minutes"."""

    id: str = Field(pattern=_ID)
    title: str = ""
    text: str = Field(min_length=10, max_length=400)
    link: str | None = Field(default=None, pattern=r"^/[a-z0-9/_-]*$")
    link_text: str | None = None
    grade: Grade
    sources: tuple[str, ...] = Field(min_length=1)


class CommonFile(_Frozen):
    """`common.toml`."""

    reviewed: dt.date
    safety: ReliefNote
    after: tuple[AfterStep, ...] = ()
    comes_back: ReliefNote
    long_cramp: ReliefNote


class MuscleFile(_Frozen):
    """`<muscle>.toml`: that muscle's own stretches, first."""

    muscle: Muscle
    label: str = Field(min_length=3)
    where: str = Field(min_length=3)
    reviewed: dt.date
    steps: tuple[ReliefStep, ...] = Field(min_length=1)


class ReliefContent(_Frozen):
    """All relief content, validated and cross-checked."""

    common: CommonFile
    muscles: Mapping[Muscle, MuscleFile]

    def steps_for(self, muscle: Muscle) -> tuple[ReliefStep, ...]:
        """Return the steps for `muscle` in the order shown: its stretches, then shared steps."""
        shared = tuple(s for s in self.common.after if muscle in s.muscles)
        return self.muscles[muscle].steps + shared


def load_relief(
    content_dir: Path | None = None, sources: Mapping[str, Source] | None = None
) -> ReliefContent:
    """Load and check `relief/*.toml` under `content_dir` (default: the shipped content).

    Raises ContentError naming the file, entry and field when anything is invalid: a bad value,
    an unknown source id, a duplicate step id, a missing muscle, or a ruled-out instruction.
    """
    root = content_dir or CONTENT_DIR
    known = load_sources(root) if sources is None else sources
    folder = root / "relief"
    common = _parse(folder / "common.toml", CommonFile)
    muscles: dict[Muscle, MuscleFile] = {}
    for name in MUSCLES:
        path = folder / f"{name}.toml"
        if not path.exists():
            raise ContentError(f"relief/{name}.toml: missing (every muscle needs its steps)")
        parsed = _parse(path, MuscleFile)
        if parsed.muscle != name:
            raise ContentError(f"{path.name}: muscle: is {parsed.muscle!s}, expected {name}")
        muscles[Muscle(name)] = parsed
    extra = sorted(p.name for p in folder.glob("*.toml") if p.stem not in {"common", *MUSCLES})
    if extra:
        raise ContentError(f"relief/{extra[0]}: not a muscle of the guide ({', '.join(MUSCLES)})")
    content = ReliefContent(common=common, muscles=MappingProxyType(muscles))
    _cross_check(content, known)
    return content


def _parse(path: Path, model: type[_M]) -> _M:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: {error}") from error
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = list(first["loc"])
        entry = _entry_name(raw, loc)
        field = ".".join(str(p) for p in loc)
        raise ContentError(f"{path.name}: {entry}: {field}: {first['msg']}") from error


def _entry_name(raw: object, loc: list[int | str]) -> str:
    """The id of the entry the error is in, or "file" for a top-level field."""
    node = raw
    name = "file"
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            name = node["id"]
    return name


def _cross_check(content: ReliefContent, known: Mapping[str, Source]) -> None:
    common = content.common
    entries: list[tuple[str, ReliefStep | ReliefNote]] = [
        ("common.toml", note) for note in (common.safety, common.comes_back, common.long_cramp)
    ]
    entries += [("common.toml", step) for step in common.after]
    for muscle, file in content.muscles.items():
        entries += [(f"{muscle}.toml", step) for step in file.steps]
    seen: set[str] = set()
    for file_name, entry in entries:
        if entry.id in seen:
            raise ContentError(f"{file_name}: {entry.id}: id: duplicate id")
        seen.add(entry.id)
        for source in entry.sources:
            if source not in known:
                raise ContentError(f"{file_name}: {entry.id}: sources: unknown source {source!r}")
        texts = [entry.title, entry.text]
        if isinstance(entry, ReliefStep):
            texts += list(entry.cautions)
        for text in texts:
            for pattern in _FORBIDDEN:
                if pattern.search(text):
                    raise ContentError(
                        f"{file_name}: {entry.id}: text: ruled-out advice {pattern.pattern!r}"
                    )
    for muscle in content.muscles:
        if not any(s.hold_seconds for s in content.steps_for(muscle)):
            raise ContentError(f"{muscle}.toml: steps: no step has a hold timer")
