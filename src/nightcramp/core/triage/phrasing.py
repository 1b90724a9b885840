"""How a question reads, given the answers so far (a question may have another wording).

In pregnancy, for example, `short_of_breath` is asked as "more than your usual pregnancy
breathlessness" (`variants` in `content/triage/questions.yaml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from nightcramp.core.triage.conditions import ConditionPlace, Facts, Test, parse_condition
from nightcramp.core.triage.vocabulary import AnswerValue, load_vocabulary

__all__ = ["question_text"]


@cache
def _variants(key: str) -> tuple[tuple[Test, str], ...]:
    question = load_vocabulary().questions[key]
    where = ConditionPlace("triage/questions.yaml", key, "variants")
    return tuple((parse_condition(v.when, where, set()), v.question) for v in question.variants)


def question_text(key: str, answers: Mapping[str, AnswerValue]) -> str:
    """The wording of the question for `key` that fits the answers so far.

    Raises KeyError for a key outside the vocabulary.
    """
    facts = Facts(answers=answers)
    for applies, text in _variants(key):
        if applies(facts):
            return text
    return load_vocabulary().questions[key].question
