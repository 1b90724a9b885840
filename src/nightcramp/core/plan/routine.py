"""The bedtime stretch routine: steps with hold times, loaded from `content/plan/routine.yaml`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.sources import CONTENT_DIR, load_sources

__all__ = ["Routine", "RoutineStep", "load_routine"]


class RoutineStep(BaseModel):
    """One step: hold for `hold_seconds`, `repeats` times, resting `rest_seconds` between."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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


class _RoutineFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

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


def load_routine(content_dir: Path | None = None) -> Routine:
    """Return the bedtime routine; raises ContentError naming the file and field if invalid."""
    return _load(content_dir or CONTENT_DIR)


@cache
def _load(content_dir: Path) -> Routine:
    path = content_dir / "plan" / "routine.yaml"
    try:
        parsed = _RoutineFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ContentError(f"routine.yaml: routine: {field}: {first['msg']}") from error
    known = load_sources(content_dir)
    for source in parsed.sources:
        if source not in known:
            raise ContentError(f"routine.yaml: routine: sources: unknown source id {source!r}")
    ids = [s.id for s in parsed.steps]
    if len(set(ids)) != len(ids):
        raise ContentError("routine.yaml: routine: steps: duplicate step id")
    return Routine(safety=parsed.safety, sources=parsed.sources, steps=parsed.steps)
