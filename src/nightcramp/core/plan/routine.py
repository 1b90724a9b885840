"""The bedtime stretch routine: steps with hold times, loaded from `content/plan/routine.yaml`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    content_key,
    read_content,
)
from nightcramp.core.knowledge.sources import check_sources, load_sources

__all__ = ["Routine", "RoutineStep", "load_routine"]


class RoutineStep(ContentModel):
    """One step: hold for `hold_seconds`, `repeats` times, resting `rest_seconds` between."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    text: str
    hold_seconds: int = Field(gt=0, le=600)
    repeats: int = Field(ge=1, le=20)
    rest_seconds: int = Field(ge=0, le=120)

    @property
    def total_seconds(self) -> int:
        return self.hold_seconds * self.repeats + self.rest_seconds * (self.repeats - 1)

    def to_json(self) -> dict[str, object]:
        return {**self.model_dump(), "total_seconds": self.total_seconds}


class _RoutineFile(ContentModel):
    safety: str
    sources: tuple[str, ...] = Field(min_length=1)
    reviewed: dt.date
    steps: tuple[RoutineStep, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Routine:
    safety: str
    sources: tuple[str, ...]
    steps: tuple[RoutineStep, ...]

    @property
    def total_seconds(self) -> int:
        return sum(step.total_seconds for step in self.steps)

    def to_json(self) -> dict[str, object]:
        return {
            "safety": self.safety,
            "sources": list(self.sources),
            "total_seconds": self.total_seconds,
            "steps": [step.to_json() for step in self.steps],
        }


_FILE = "plan/routine.yaml"


def load_routine(content_dir: Path | None = None) -> Routine:
    """Return the bedtime routine (cached per folder).

    Raises ContentFileError naming the file, the step and the field when it is invalid.
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> Routine:
    parsed = read_content(_FILE, _RoutineFile, root=root)
    check_sources(_FILE, None, parsed.sources, load_sources(root))
    seen: set[str] = set()
    for step in parsed.steps:
        if step.id in seen:
            raise ContentFileError("duplicate step id", file=_FILE, entry=step.id, field="id")
        seen.add(step.id)
    return Routine(safety=parsed.safety, sources=parsed.sources, steps=parsed.steps)
