"""What the medication check says beyond each class's own texts (`content/meds/wording.yaml`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nightcramp.core.knowledge.files import ContentModel, check_template, content_key, read_content
from nightcramp.core.knowledge.schema import Sentence
from nightcramp.core.knowledge.sources import check_cited, load_sources

__all__ = ["CombinedCautions", "MedsWording", "load_meds_wording", "prescriber_sentence"]

_FILE = "meds/wording.yaml"


class _Combined(ContentModel):
    statin_fibrate: Sentence
    potassium_pair: Sentence
    potassium_supplement: Sentence
    nsaid_kidney: Sentence


class _WordingFile(ContentModel):
    reviewed: dt.date
    prescriber: Sentence
    contains: Sentence
    combined: _Combined


@dataclass(frozen=True)
class CombinedCautions:
    """Cautions for medicines taken together, `{prescriber}` filled in."""

    statin_fibrate: str
    potassium_pair: str
    potassium_supplement: str
    nsaid_kidney: str


@dataclass(frozen=True)
class MedsWording:
    """The prescriber sentence, the combination template and the combined cautions."""

    prescriber: str
    contains: str
    combined: CombinedCautions


def load_meds_wording(content_dir: Path | None = None) -> MedsWording:
    """Return the checked wording (cached per folder); raises ContentFileError if invalid."""
    return _load(content_key(content_dir))


def prescriber_sentence() -> str:
    """The "talk to your prescriber" sentence, worded once in the shipped content."""
    return load_meds_wording().prescriber


@cache
def _load(root: Path | None) -> MedsWording:
    parsed = read_content(_FILE, _WordingFile, root=root)
    check_cited(_FILE, parsed, load_sources(root))
    check_template(_FILE, "prescriber", "text", parsed.prescriber.text, ())
    check_template(_FILE, "contains", "text", parsed.contains.text, ("carrier", "label"))
    prescriber = parsed.prescriber.text
    cautions: dict[str, str] = {}
    for name in _Combined.model_fields:
        text = getattr(parsed.combined, name).text
        if "{" in text:
            check_template(_FILE, "combined", f"{name}.text", text, ("prescriber",))
        cautions[name] = text.replace("{prescriber}", prescriber)
    return MedsWording(
        prescriber=prescriber, contains=parsed.contains.text, combined=CombinedCautions(**cautions)
    )
