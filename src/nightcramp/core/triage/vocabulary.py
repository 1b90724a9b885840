"""The triage vocabulary: keys, types, ranges and questions (`content/triage/questions.yaml`).

`validate_answers` turns a raw answers object into clean answers, or raises InputError naming
the key. A missing key or `null` means "unknown", never "no".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, JsonValue, StringConstraints

from nightcramp.core.errors import InputError
from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentModel,
    content_key,
    quoted,
    read_content,
)

__all__ = [
    "MEDICATIONS",
    "Answers",
    "Question",
    "QuestionType",
    "Screen",
    "Variant",
    "Vocabulary",
    "load_vocabulary",
    "validate_answers",
]

MEDICATIONS = "medications"  # the key whose answer is a list of medicine names

AnswerValue = bool | int | float | str | tuple[str, ...]
Answers = Mapping[str, AnswerValue]


class QuestionType(StrEnum):
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"
    ENUM = "enum"
    LIST = "list"


@dataclass(frozen=True, slots=True)
class Variant:
    """Another wording of a question, used when its condition (`when`) holds."""

    when: object
    question: str


@dataclass(frozen=True, slots=True)
class Question:
    """One vocabulary key and how it is asked."""

    key: str
    type: QuestionType
    question: str
    minimum: float | None = None
    maximum: float | None = None
    min_exclusive: float | None = None
    choices: tuple[str, ...] = ()
    ask_if: object = None
    variants: tuple[Variant, ...] = ()

    def check(self, value: object, *, file: str | None) -> AnswerValue:
        """Return the clean value, or raise InputError naming the key."""
        checker = _CHECKERS[self.type]
        return checker(self, value, file)

    def _range(self, number: float, file: str | None) -> None:
        low_ok = self.minimum is None or number >= self.minimum
        excl_ok = self.min_exclusive is None or number > self.min_exclusive
        high_ok = self.maximum is None or number <= self.maximum
        if not (low_ok and excl_ok and high_ok):
            shown = str(number) if len(str(number)) <= 20 else "the number"
            raise InputError(
                f"{shown} is out of range ({self._range_text()})", file=file, field=self.key
            )

    def _range_text(self) -> str:
        low = (
            f"more than {self.min_exclusive:g}"
            if self.min_exclusive is not None
            else f"at least {self.minimum:g}"
            if self.minimum is not None
            else ""
        )
        high = f"at most {self.maximum:g}" if self.maximum is not None else ""
        return ", ".join(p for p in (low, high) if p)


def _check_bool(q: Question, value: object, file: str | None) -> AnswerValue:
    if not isinstance(value, bool):
        raise InputError("expected true or false", file=file, field=q.key)
    return value


def _check_int(q: Question, value: object, file: str | None) -> AnswerValue:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("expected a whole number", file=file, field=q.key)
    q._range(value, file)
    return value


def _check_number(q: Question, value: object, file: str | None) -> AnswerValue:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError("expected a number", file=file, field=q.key)
    if isinstance(value, float) and not math.isfinite(value):  # a whole number is finite
        raise InputError("expected a finite number", file=file, field=q.key)
    q._range(value, file)
    return value


def _check_enum(q: Question, value: object, file: str | None) -> AnswerValue:
    if not isinstance(value, str) or value not in q.choices:
        raise InputError(f"expected one of {', '.join(q.choices)}", file=file, field=q.key)
    return value


def _check_list(q: Question, value: object, file: str | None) -> AnswerValue:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InputError("expected a list of strings", file=file, field=q.key)
    from nightcramp.core.meds import check_name_list

    check_name_list(value, file=file, field=q.key)
    return tuple(v.strip() for v in value if v.strip())


_CHECKERS = {
    QuestionType.BOOL: _check_bool,
    QuestionType.INT: _check_int,
    QuestionType.NUMBER: _check_number,
    QuestionType.ENUM: _check_enum,
    QuestionType.LIST: _check_list,
}


@dataclass(frozen=True, slots=True)
class Screen:
    """One page of the questionnaire."""

    id: str
    title: str
    intro: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every key in vocabulary order, the core safety screen and the questionnaire screens."""

    questions: Mapping[str, Question]
    core_safety_screen: tuple[str, ...]
    screens: tuple[Screen, ...]
    reviewed: dt.date


_FILE = "triage/questions.yaml"
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _VariantSpec(ContentModel):
    when: JsonValue
    question: _Text


class _QuestionSpec(ContentModel):
    type: QuestionType
    question: _Text
    min: int | float | None = None
    max: int | float | None = None
    min_exclusive: int | float | None = None
    choices: tuple[str, ...] = ()
    ask_if: JsonValue = None
    variants: tuple[_VariantSpec, ...] = ()


class _ScreenSpec(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: _Text
    intro: str = ""
    keys: tuple[str, ...] = Field(min_length=1)


class _QuestionsFile(ContentModel):
    reviewed: dt.date
    core_safety_screen: tuple[str, ...] = Field(min_length=1)
    screens: tuple[_ScreenSpec, ...] = Field(min_length=1)
    questions: dict[str, _QuestionSpec]


def _question(key: str, spec: _QuestionSpec) -> Question:
    if spec.type is QuestionType.ENUM and not spec.choices:
        raise ContentFileError("an enum needs choices", file=_FILE, entry=key, field="choices")
    return Question(
        key=key,
        type=spec.type,
        question=spec.question,
        minimum=spec.min,
        maximum=spec.max,
        min_exclusive=spec.min_exclusive,
        choices=spec.choices,
        ask_if=spec.ask_if,
        variants=tuple(Variant(v.when, v.question) for v in spec.variants),
    )


def _check_screens(parsed: _QuestionsFile) -> None:
    placed: dict[str, str] = {}
    for screen in parsed.screens:
        for key in screen.keys:
            if key not in parsed.questions:
                reason = f"{quoted(key)} is not a vocabulary key"
                raise ContentFileError(reason, file=_FILE, entry=screen.id, field="keys")
            if key in placed:
                reason = f"{quoted(key)} is also on screen {quoted(placed[key])}"
                raise ContentFileError(reason, file=_FILE, entry=screen.id, field="keys")
            placed[key] = screen.id
    for key in parsed.core_safety_screen:
        if key not in parsed.questions:
            reason = f"{quoted(key)} is not a vocabulary key"
            raise ContentFileError(reason, file=_FILE, field="core_safety_screen")
    for key in parsed.questions:
        if key not in placed:
            reason = "every key must be on exactly one screen"
            raise ContentFileError(reason, file=_FILE, entry=key, field="screens")


def load_vocabulary(content_dir: Path | None = None) -> Vocabulary:
    """Load and check `triage/questions.yaml` (cached per folder).

    Raises ContentFileError naming the file, the key or screen, and the field when invalid.
    """
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> Vocabulary:
    parsed = read_content(_FILE, _QuestionsFile, root=root, keyed=("questions",))
    _check_screens(parsed)
    order = {k: i for i, k in enumerate(k for s in parsed.screens for k in s.keys)}
    questions = {
        key: _question(key, spec)
        for key, spec in sorted(parsed.questions.items(), key=lambda kv: order[kv[0]])
    }
    screens = tuple(Screen(s.id, s.title, s.intro, s.keys) for s in parsed.screens)
    return Vocabulary(questions, parsed.core_safety_screen, screens, parsed.reviewed)


def validate_answers(
    raw: object, *, file: str | None = None
) -> tuple[dict[str, AnswerValue], list[str]]:
    """Check a raw answers object; return (clean answers, warnings).

    `null` values are dropped (unknown). Keys outside the vocabulary are dropped with a
    warning. Raises InputError naming the file and key for a wrong type or range.
    """
    if not isinstance(raw, Mapping):
        raise InputError("expected a JSON object of answers", file=file)
    vocabulary = load_vocabulary()
    wrapped = raw.get("answers")
    if isinstance(wrapped, Mapping) and not any(str(k) in vocabulary.questions for k in raw):
        raw = wrapped  # a saved example or record: {"title": …, "answers": {…}}
    clean: dict[str, AnswerValue] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        question = vocabulary.questions.get(str(key))
        if question is None:
            where = f"{file}: " if file else ""
            warnings.append(f"{where}{key}: not a triage key; ignored")
            continue
        if value is None:
            continue
        clean[question.key] = question.check(value, file=file)
    return clean, warnings
