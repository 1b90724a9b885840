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

import yaml

from nightcramp.core.errors import ContentError, InputError

__all__ = [
    "Answers",
    "Question",
    "QuestionType",
    "Screen",
    "Vocabulary",
    "load_vocabulary",
    "validate_answers",
]

_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

AnswerValue = bool | int | float | str | tuple[str, ...]
Answers = Mapping[str, AnswerValue]


class QuestionType(StrEnum):
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"
    ENUM = "enum"
    LIST = "list"


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

    def check(self, value: object, *, file: str | None) -> AnswerValue:
        """Return the clean value, or raise InputError naming the key."""
        checker = _CHECKERS[self.type]
        return checker(self, value, file)

    def _range(self, number: float, file: str | None) -> None:
        low_ok = self.minimum is None or number >= self.minimum
        excl_ok = self.min_exclusive is None or number > self.min_exclusive
        high_ok = self.maximum is None or number <= self.maximum
        if not (low_ok and excl_ok and high_ok):
            raise InputError(
                f"{number} is out of range ({self._range_text()})", file=file, field=self.key
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
    if not math.isfinite(value):
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


def _fail(entry: str, field: str, reason: str) -> ContentError:
    return ContentError(f"questions.yaml: {entry}: {field}: {reason}")


_QUESTION_FIELDS = frozenset(
    {"type", "question", "min", "max", "min_exclusive", "choices", "ask_if"}
)


def _parse_question(key: str, spec: object) -> Question:
    if not isinstance(spec, dict):
        raise _fail(key, "-", "expected a mapping")
    extra = set(spec) - _QUESTION_FIELDS
    if extra:
        raise _fail(key, sorted(extra)[0], "unknown field")
    text = spec.get("question")
    if not isinstance(text, str) or not text.strip():
        raise _fail(key, "question", "expected non-empty text")
    try:
        qtype = QuestionType(str(spec.get("type")))
    except ValueError as error:
        raise _fail(key, "type", "not a known type") from error
    choices = spec.get("choices", [])
    if qtype is QuestionType.ENUM and not choices:
        raise _fail(key, "choices", "an enum needs choices")
    return Question(
        key=key,
        type=qtype,
        question=text.strip(),
        minimum=spec.get("min"),
        maximum=spec.get("max"),
        min_exclusive=spec.get("min_exclusive"),
        choices=tuple(str(c) for c in choices),
        ask_if=spec.get("ask_if"),
    )


@cache
def load_vocabulary(content_dir: Path | None = None) -> Vocabulary:
    """Load and check `triage/questions.yaml` (cached). Raises ContentError when invalid."""
    path = (content_dir or _CONTENT_DIR) / "triage" / "questions.yaml"
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(raw, dict):
        raise ContentError("questions.yaml: expected a mapping")
    questions = {str(k): _parse_question(str(k), v) for k, v in raw["questions"].items()}
    core = tuple(raw["core_safety_screen"])
    screens = tuple(
        Screen(str(s["id"]), str(s["title"]), str(s.get("intro", "")), tuple(s["keys"]))
        for s in raw["screens"]
    )
    placed = [k for s in screens for k in s.keys]
    for key in [*core, *placed]:
        if key not in questions:
            raise _fail(key, "keys", "not a vocabulary key")
    if sorted(placed) != sorted(questions):
        raise ContentError("questions.yaml: screens: every key must be on exactly one screen")
    order = {k: i for i, k in enumerate(placed)}
    ordered = dict(sorted(questions.items(), key=lambda kv: order[kv[0]]))
    return Vocabulary(ordered, core, screens, raw["reviewed"])


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
