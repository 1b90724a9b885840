"""The questionnaire's branching: which questions to ask, given the answers so far."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from nightcramp.core.triage.rules import ConditionPlace, Facts, Test, parse_condition
from nightcramp.core.triage.vocabulary import AnswerValue, Question, Screen, load_vocabulary

__all__ = ["check_ask_if", "questions_to_ask", "screens", "should_ask"]


@cache
def _ask_test(key: str) -> Test | None:
    question = load_vocabulary().questions[key]
    if question.ask_if is None:
        return None
    where = ConditionPlace("triage/questions.yaml", key, "ask_if")
    return parse_condition(question.ask_if, where, set())


def should_ask(key: str, answers: Mapping[str, AnswerValue]) -> bool:
    """True when the question for `key` applies, given the answers so far."""
    test = _ask_test(key)
    return test is None or test(Facts(answers=answers))


def screens() -> tuple[Screen, ...]:
    """The questionnaire's screens, in order."""
    return load_vocabulary().screens


def questions_to_ask(screen: Screen, answers: Mapping[str, AnswerValue]) -> list[Question]:
    """The questions of one screen that apply, given the answers so far."""
    vocabulary = load_vocabulary().questions
    return [vocabulary[k] for k in screen.keys if should_ask(k, answers)]


def check_ask_if(content_dir: Path | None = None) -> None:
    """Compile every question's `ask_if`; raises ContentFileError naming the key if one is bad."""
    questions = load_vocabulary(content_dir).questions
    for key, question in questions.items():
        if question.ask_if is not None:
            where = ConditionPlace("triage/questions.yaml", key, "ask_if")
            parse_condition(question.ask_if, where, set(), questions)
