"""What the medication check says beyond each class's own texts (`content/meds/wording.yaml`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TypedDict

from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    check_template,
    content_key,
    quoted,
    read_content,
)
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.schema import Sentence
from nightcramp.core.knowledge.sources import check_cited, load_sources
from nightcramp.core.meds.names import CrampLink

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
    # Required in the shipped content; checked after the fields above (see `_display`).
    link_words: dict[CrampLink, str] | None = None
    grade_words: dict[Grade, str] | None = None
    supplement: str | None = None
    hint: Sentence | None = None
    unknown: Sentence | None = None
    intro: Sentence | None = None
    used_locally: Sentence | None = None


@dataclass(frozen=True)
class CombinedCautions:
    """Cautions for medicines taken together, `{prescriber}` filled in."""

    statin_fibrate: str
    potassium_pair: str
    potassium_supplement: str
    nsaid_kidney: str


@dataclass(frozen=True)
class MedsWording:
    """The prescriber sentence, the combination template, the combined cautions, and the
    words every screen uses for a medicine's link, its evidence, hints and unknown names."""

    prescriber: str
    contains: str
    combined: CombinedCautions
    link_words: Mapping[CrampLink, str]
    grade_words: Mapping[Grade, str]
    supplement: str
    hint: str
    unknown: str
    intro: str
    used_locally: str
    used_locally_sources: tuple[str, ...]

    def link_text(self, link: CrampLink) -> str:
        """How a medicine's link to cramps is said ("cramps reported")."""
        return self.link_words[link]

    def grade_text(self, grade: Grade) -> str:
        """How sure we are that a medicine goes with cramps (never a remedy's words)."""
        return self.grade_words[grade]

    def hint_text(self, query: str, medicines: Sequence[str]) -> str:
        """The hint for an everyday word: the medicines it may mean."""
        return self.hint.format(query=query, medicines=", ".join(medicines))

    def unknown_text(self, name: str) -> str:
        """What is said about a name that matches nothing."""
        return self.unknown.format(name=name)


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
        prescriber=prescriber,
        contains=parsed.contains.text,
        combined=CombinedCautions(**cautions),
        **_display(parsed),
    )


class _Display(TypedDict):
    used_locally: str
    used_locally_sources: tuple[str, ...]
    link_words: Mapping[CrampLink, str]
    grade_words: Mapping[Grade, str]
    supplement: str
    hint: str
    unknown: str
    intro: str


def _display(parsed: _WordingFile) -> _Display:
    """The display words, each required: a missing one names its field."""
    for name in (
        "link_words",
        "grade_words",
        "supplement",
        "hint",
        "unknown",
        "intro",
        "used_locally",
    ):
        if getattr(parsed, name) is None:
            raise ContentFileError("Field required", file=_FILE, entry=name)
    assert parsed.link_words is not None and parsed.grade_words is not None
    assert parsed.hint is not None and parsed.unknown is not None and parsed.intro is not None
    assert parsed.supplement is not None and parsed.used_locally is not None
    for keys, where in ((set(CrampLink), "link_words"), (set(Grade), "grade_words")):
        missing = sorted(keys - set(getattr(parsed, where)))
        if missing:
            raise ContentFileError(f"missing {quoted(missing[0])}", file=_FILE, entry=where)
    check_template(_FILE, "hint", "text", parsed.hint.text, ("query", "medicines"))
    check_template(_FILE, "unknown", "text", parsed.unknown.text, ("name",))
    check_template(_FILE, "intro", "text", parsed.intro.text, ())
    check_template(_FILE, "used_locally", "text", parsed.used_locally.text, ())
    return {
        "used_locally": parsed.used_locally.text,
        "used_locally_sources": tuple(parsed.used_locally.sources),
        "link_words": MappingProxyType(dict(parsed.link_words)),
        "grade_words": MappingProxyType(dict(parsed.grade_words)),
        "supplement": parsed.supplement,
        "hint": parsed.hint.text,
        "unknown": parsed.unknown.text,
        "intro": parsed.intro.text,
    }
