"""The bibliography: every content entry cites ids defined in `content/sources/*.yaml`."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nightcramp.core.errors import ContentError

__all__ = ["CONTENT_DIR", "Source", "SourceKind", "load_sources"]

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"

# libyaml's safe loader when available: about ten times faster than the pure-Python one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceKind(StrEnum):
    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    TRIAL = "trial"
    OBSERVATIONAL = "observational"
    REVIEW = "review"
    LABEL = "label"
    REGULATOR = "regulator"
    PATIENT_INFORMATION = "patient_information"
    REFERENCE = "reference"


class Source(BaseModel):
    """One citation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    citation: str = Field(min_length=10)
    year: int | None = Field(default=None, ge=1900, le=2100)
    kind: SourceKind
    doi: str | None = None
    url: str | None = None
    note: str | None = None


def load_sources(content_dir: Path | None = None) -> Mapping[str, Source]:
    """Load every `sources/*.yaml` under `content_dir`; return them by id.

    Raises ContentError naming the file, entry and field on any invalid entry or duplicate id.
    """
    folder = (content_dir or CONTENT_DIR) / "sources"
    found: dict[str, Source] = {}
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []  # a safe loader
        if not isinstance(raw, list):
            raise ContentError(f"{path.name}: expected a list of sources")
        for index, item in enumerate(raw):
            name = item.get("id", f"#{index}") if isinstance(item, dict) else f"#{index}"
            try:
                source = Source.model_validate(item)
            except ValidationError as error:
                first = error.errors()[0]
                field = ".".join(str(p) for p in first["loc"])
                raise ContentError(f"{path.name}: {name}: {field}: {first['msg']}") from error
            if source.id in found:
                raise ContentError(f"{path.name}: {source.id}: duplicate source id")
            found[source.id] = source
    return MappingProxyType(found)
