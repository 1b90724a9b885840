"""Full validation of the relief content (`content/relief/*.toml`) for tests and web start-up.

The same files are read on the fast path by `nightcramp.core.relief.guide` without pydantic.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from pydantic import Field

from nightcramp.core.diary import Muscle
from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    content_key,
    list_content,
    quoted,
    read_content,
)
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import Source, check_sources, load_sources
from nightcramp.core.relief.guide import MUSCLES, PLACEHOLDERS

__all__ = [
    "AfterStep",
    "CommonFile",
    "MuscleFile",
    "ReliefContent",
    "ReliefNote",
    "ReliefStep",
    "SafetyNote",
    "load_relief",
]

_ID = r"^[a-z0-9_]+$"
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


class ReliefStep(ContentModel):
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


class SafetyNote(ContentModel):
    """A safety instruction: the safety line and "if it lasts more than 10 minutes".

    It is not a remedy, so it has sources but no evidence grade (a grade is refused).
    """

    id: str = Field(pattern=_ID)
    title: str = ""
    text: str = Field(min_length=10, max_length=400)
    link: str | None = Field(default=None, pattern=r"^/[a-z0-9/_-]*$")
    link_text: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)


class ReliefNote(SafetyNote):
    """Graded advice around the steps: "if it comes back"."""

    grade: Grade


class CommonFile(ContentModel):
    """`common.toml`."""

    reviewed: dt.date
    safety: SafetyNote
    after: tuple[AfterStep, ...] = ()
    comes_back: ReliefNote
    long_cramp: SafetyNote


class MuscleFile(ContentModel):
    """`<muscle>.toml`: that muscle's own stretches, first."""

    muscle: Muscle
    label: str = Field(min_length=3)
    where: str = Field(min_length=3)
    reviewed: dt.date
    steps: tuple[ReliefStep, ...] = Field(min_length=1)


class ReliefContent(ContentModel):
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

    Cached per folder when `sources` is not given. Raises ContentFileError naming the file,
    entry and field when anything is invalid: a bad value, an unknown source id, a duplicate
    step id, a missing muscle, or a ruled-out instruction.
    """
    if sources is None:
        return _load_cached(content_key(content_dir))
    return _load(content_dir, sources)


@functools.cache
def _load_cached(content_dir: Path | None) -> ReliefContent:
    return _load(content_dir, load_sources(content_dir))


def _load(content_dir: Path | None, known: Mapping[str, Source]) -> ReliefContent:
    present = set(list_content("relief", ".toml", root=content_dir))
    common = read_content("relief/common.toml", CommonFile, root=content_dir)
    muscles: dict[Muscle, MuscleFile] = {}
    for name in MUSCLES:
        path = f"relief/{name}.toml"
        if path not in present:
            raise ContentFileError("missing: every muscle needs its steps", file=path)
        parsed = read_content(path, MuscleFile, root=content_dir)
        if parsed.muscle != name:
            raise ContentFileError(
                f"is {quoted(parsed.muscle)}, expected {quoted(name)}", file=path, field="muscle"
            )
        muscles[Muscle(name)] = parsed
    expected = {f"relief/{stem}.toml" for stem in ("common", *MUSCLES)}
    extra = sorted(present - expected)
    if extra:
        raise ContentFileError(f"not a muscle of the guide ({', '.join(MUSCLES)})", file=extra[0])
    content = ReliefContent(common=common, muscles=MappingProxyType(muscles))
    _cross_check(content, known)
    return content


def _cross_check(content: ReliefContent, known: Mapping[str, Source]) -> None:
    common = content.common
    entries: list[tuple[str, ReliefStep | SafetyNote]] = [
        ("relief/common.toml", note)
        for note in (common.safety, common.comes_back, common.long_cramp)
    ]
    entries += [("relief/common.toml", step) for step in common.after]
    for muscle, file in content.muscles.items():
        entries += [(f"relief/{muscle}.toml", step) for step in file.steps]
    seen: set[str] = set()
    for path, entry in entries:
        if entry.id in seen:
            raise ContentFileError("duplicate id", file=path, entry=entry.id, field="id")
        seen.add(entry.id)
        check_sources(path, entry.id, entry.sources, known)
        texts = [("title", entry.title), ("text", entry.text)]
        if isinstance(entry, ReliefStep):
            texts += [(f"cautions.{i}", caution) for i, caution in enumerate(entry.cautions)]
        for field, text in texts:
            for pattern in _FORBIDDEN:
                if pattern.search(text):
                    raise ContentFileError(
                        f"ruled-out advice {quoted(pattern.pattern)}",
                        file=path,
                        entry=entry.id,
                        field=field,
                    )
    _check_placeholders(content)
    for muscle in content.muscles:
        if not any(s.hold_seconds for s in content.steps_for(muscle)):
            raise ContentFileError(
                "no step has a hold timer", file=f"relief/{muscle}.toml", field="steps"
            )


def _check_placeholders(content: ReliefContent) -> None:
    """A note names only the numbers the guide fills in, and the safety line names the
    emergency number (a red flag is always paired with the number to call)."""
    common = content.common
    for note in (common.safety, common.comes_back, common.long_cramp):
        for name in re.findall(r"\{([^}]*)\}", note.text):
            if name not in PLACEHOLDERS:
                raise ContentFileError(
                    f"unknown placeholder {quoted(name)} (known: {', '.join(PLACEHOLDERS)})",
                    file="relief/common.toml",
                    entry=note.id,
                    field="text",
                )
    if "{emergency_number}" not in common.safety.text:
        raise ContentFileError(
            "the safety line must name {emergency_number}",
            file="relief/common.toml",
            entry=common.safety.id,
            field="text",
        )
