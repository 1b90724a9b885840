"""Which unanswered questions could still change the disposition, found by trying answers."""

from __future__ import annotations

import random

import pytest

from nightcramp.core.triage import Disposition, assess, load_vocabulary, relevance
from nightcramp.core.triage.conditions import Facts
from nightcramp.core.triage.relevance import (
    decide_alone,
    decide_together,
    disposition_of,
    is_settled,
    options,
)
from nightcramp.core.triage.vocabulary import AnswerValue, QuestionType

KEYS = list(load_vocabulary().questions)


def test_the_disposition_is_the_one_assess_gives() -> None:
    rng = random.Random(3)
    questions = load_vocabulary().questions
    for _ in range(60):
        answers: dict[str, AnswerValue] = {}
        for key, question in questions.items():
            if rng.random() < 0.3:
                continue
            if question.type is QuestionType.BOOL:
                answers[key] = rng.random() < 0.1
            elif question.type is QuestionType.ENUM:
                answers[key] = rng.choice(question.choices)
            elif question.type is QuestionType.LIST:
                answers[key] = rng.choice([(), ("lithium",), ("simvastatin", "clarithromycin")])
            else:
                answers[key] = rng.choice([v for v in options(key) if v is not None])
        assert disposition_of(answers) is assess(answers).disposition


def test_with_no_answers_every_safety_question_decides_alone() -> None:
    decisive = decide_alone({}, KEYS)
    assert set(load_vocabulary().core_safety_screen) <= set(decisive)


def test_after_an_emergency_a_sign_that_gives_urgent_cannot_change_it() -> None:
    answers = {"short_of_breath": True}
    assert disposition_of(answers) is Disposition.EMERGENCY
    assert "leg_warm" not in decide_alone(answers, ["leg_warm"])
    assert is_settled(answers, [k for k in KEYS if k != "short_of_breath"])


def test_an_emergency_that_other_answers_could_lower_is_not_settled() -> None:
    answers = {"bladder_or_bowel_change": True}
    assert disposition_of(answers) is Disposition.EMERGENCY
    needed = decide_together(answers, [k for k in KEYS if k not in answers])
    assert "back_pain_with_leg_symptoms" in needed


def test_a_key_that_matters_only_with_another_is_found_together() -> None:
    answers: dict[str, AnswerValue] = dict.fromkeys(load_vocabulary().core_safety_screen, False)
    answers["fever"] = True
    free = [k for k in KEYS if k not in answers]
    assert "cancer_active" in decide_together(answers, free)
    answers["cancer_active"] = False
    answers["medications"] = ()
    assert "cancer_active" not in decide_together(
        answers, [k for k in free if k != "cancer_active"]
    )


def test_the_medicine_list_decides_when_a_medicine_could_make_it_urgent() -> None:
    answers = dict.fromkeys(load_vocabulary().core_safety_screen, False)
    answers["recent_vomiting_or_diarrhoea"] = True
    assert "medications" in decide_alone(answers, ["medications"])


def test_number_options_lie_on_each_side_of_every_limit_the_rules_use() -> None:
    for key, limits in relevance._limits().items():
        if key not in load_vocabulary().questions:
            continue
        values = [v for v in options(key) if isinstance(v, int | float)]
        for limit in limits:
            assert any(v < limit for v in values) or min(values) >= limit
            assert any(v >= limit for v in values)


def test_too_many_ways_to_answer_counts_every_free_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relevance, "_MAX_RUNS", 1)
    free = ["one_leg_swollen", "leg_red"]

    def both(facts: Facts) -> bool:
        return all(facts.answers.get(k) is True for k in free)

    found = relevance._witnesses(both, {}, free, medicines=False)
    assert found == set(free)
