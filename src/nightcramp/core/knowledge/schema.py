"""The shape of knowledge content: topics of graded, sourced entries (validated on load)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from nightcramp.core.knowledge.files import ContentModel
from nightcramp.core.knowledge.grades import Grade

__all__ = ["Audience", "Entry", "Kind", "Section", "Sentence", "Topic", "TopicFile"]

_ID = r"^[a-z0-9_]+$"


class Audience(StrEnum):
    """Who an entry applies to (or is a caution for)."""

    EVERYONE = "everyone"
    OLDER_ADULTS = "older_adults"
    PREGNANCY = "pregnancy"
    KIDNEY_DISEASE = "kidney_disease"
    DIALYSIS = "dialysis"
    LIVER_DISEASE = "liver_disease"
    HEART_FAILURE = "heart_failure"
    HIGH_BLOOD_PRESSURE = "high_blood_pressure"
    DIABETES = "diabetes"
    NEUROPATHY = "neuropathy"
    PERIPHERAL_ARTERY_DISEASE = "peripheral_artery_disease"
    DIURETICS = "diuretics"
    STATINS = "statins"
    ASTHMA_INHALERS = "asthma_inhalers"
    WARFARIN = "warfarin"
    RUNNERS = "runners"
    STANDING_WORK = "standing_work"
    ALCOHOL = "alcohol"

    @property
    def words(self) -> str:
        """How the audience is named to a person."""
        return _AUDIENCE_WORDS[self]


_AUDIENCE_WORDS = {
    Audience.EVERYONE: "everyone",
    Audience.OLDER_ADULTS: "older adults",
    Audience.PREGNANCY: "pregnancy",
    Audience.KIDNEY_DISEASE: "kidney disease",
    Audience.DIALYSIS: "people on dialysis",
    Audience.LIVER_DISEASE: "liver disease",
    Audience.HEART_FAILURE: "heart failure",
    Audience.HIGH_BLOOD_PRESSURE: "high blood pressure",
    Audience.DIABETES: "diabetes",
    Audience.NEUROPATHY: "numb or tingling feet (neuropathy)",
    Audience.PERIPHERAL_ARTERY_DISEASE: "poor blood flow in the legs",
    Audience.DIURETICS: "people on water tablets",
    Audience.STATINS: "people on statins",
    Audience.ASTHMA_INHALERS: "people using asthma or COPD inhalers",
    Audience.WARFARIN: "people on warfarin",
    Audience.RUNNERS: "runners and active people",
    Audience.STANDING_WORK: "people who stand or sit all day",
    Audience.ALCOHOL: "people who drink alcohol",
}


class Section(StrEnum):
    """The parts of the /learn index, in the order they are shown."""

    DOCTOR = "doctor"
    WHY = "why"
    HELPS = "helps"
    MYTHS = "myths"
    FOOD = "food"

    @property
    def heading(self) -> str:
        """The section's heading on the index."""
        return _SECTION_TITLES[self]

    @property
    def rank(self) -> int:
        """Sort key: the order sections appear on the index."""
        return list(Section).index(self)


_SECTION_TITLES = {
    Section.DOCTOR: "When to see a doctor",
    Section.WHY: "Why cramps happen",
    Section.HELPS: "What helps, and how sure we are",
    Section.MYTHS: "Myths and the evidence",
    Section.FOOD: "Food sources",
}


class Kind(StrEnum):
    """What an entry is: a remedy or advice (graded), a cause (graded as a link), or a safety
    instruction ("call emergency services", "get it checked today"), which is never graded."""

    ADVICE = "advice"
    CAUSE = "cause"
    SAFETY = "safety"


SAFETY_WORDS = "Safety advice, not a treatment"
"""What a safety instruction shows where an advice entry shows its grade."""


class Entry(ContentModel):
    """One sourced piece of knowledge: graded advice or cause, or an ungraded safety step."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3)
    text: str = Field(min_length=20)
    kind: Kind = Kind.ADVICE
    grade: Grade | None = Field(default=None, validate_default=True)
    grade_note: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    cautions: tuple[str, ...] = ()
    applies_to: tuple[Audience, ...] = Field(min_length=1)
    reviewed: dt.date
    red_flag: bool = False
    article_claim: str | None = None
    verdict: str | None = None
    seed_points: tuple[str, ...] = ()

    @field_validator("grade")
    @classmethod
    def _grade_fits_the_kind(cls, grade: Grade | None, info: ValidationInfo) -> Grade | None:
        kind = info.data.get("kind", Kind.ADVICE)
        if kind is Kind.SAFETY and grade is not None:
            raise ValueError("a safety instruction is not a remedy: it has no evidence grade")
        if kind is not Kind.SAFETY and grade is None:
            raise PydanticCustomError("missing", "Field required")
        return grade

    @model_validator(mode="after")
    def _claim_needs_verdict(self) -> Self:
        if (self.article_claim is None) != (self.verdict is None):
            raise ValueError("article_claim and verdict go together: give both or neither")
        if self.kind is Kind.SAFETY and self.grade_note is not None:
            raise ValueError("a safety instruction has no evidence grade, so no grade_note")
        return self

    @property
    def is_safety(self) -> bool:
        """True for a safety instruction (shown as safety, never as a graded remedy)."""
        return self.kind is Kind.SAFETY

    @property
    def grade_words(self) -> str:
        """How sure we are, as a person reads it: remedy words, link words for a cause, or the
        safety label for a safety instruction."""
        if self.grade is None:
            return SAFETY_WORDS
        return self.grade.link_words if self.kind is Kind.CAUSE else self.grade.words


class Topic(ContentModel):
    """A topic's header: one YAML file per topic."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3)
    summary: str = Field(min_length=10)
    section: Section
    order: int = 0


class TopicFile(ContentModel):
    """The whole of one `knowledge/<topic>.yaml` file."""

    topic: Topic
    entries: tuple[Entry, ...] = Field(min_length=1)


class Sentence(ContentModel):
    """Words shown to people, kept once in content; `sources` back any advice or claim.

    A sentence that gives advice carries a `grade` and at least one source. `{name}`
    placeholders are filled in by the code that shows it (each loader checks which).
    """

    text: str = Field(min_length=3)
    grade: Grade | None = None
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _advice_needs_sources(self) -> Self:
        if self.grade is not None and not self.sources:
            raise ValueError("a sentence with an evidence grade needs sources")
        return self
