"""When a background fact is unanswered (an operation, cancer, a medicine), the advice says
what to do if it is true: the person knows it, even if the questionnaire did not ask."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from nightcramp.core.triage import Disposition, assess, load_rules

_NECK = "If you have had an operation on your neck"
_CHEMO_CANCER = "If you have cancer, or have had cancer treatment in the last 6 months, call"
_CHEMO_MEDICINE = "If you are having chemotherapy"
_FEVER_NET = "If you get a fever"
_LITHIUM = "If you take lithium, ask for a lithium blood test today."
_SPINE = "see a doctor today about the back pain"


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ({"tingling_around_lips": True}, [_NECK]),
        ({"fever": True}, [_CHEMO_CANCER, _CHEMO_MEDICINE]),
        ({"fever": True, "cancer_active": False}, [_CHEMO_MEDICINE]),
        ({"fever": True, "medications": ["paracetamol"]}, [_CHEMO_CANCER]),
        ({"cancer_active": True}, [_FEVER_NET]),
        ({"recent_vomiting_or_diarrhoea": True}, [_LITHIUM]),
        ({"back_pain_with_leg_symptoms": True}, [_SPINE]),
    ],
)
def test_the_advice_says_what_to_do_if_the_unanswered_fact_is_true(
    answers: Mapping[str, object], says: list[str]
) -> None:
    advice = assess(answers).advice
    for words in says:
        assert words in advice, advice


@pytest.mark.parametrize(
    ("answers", "never"),
    [
        ({"tingling_around_lips": True, "recent_neck_surgery": False}, _NECK),
        ({"tingling_around_lips": False}, _NECK),
        ({"fever": True, "cancer_active": False, "medications": []}, _CHEMO_MEDICINE),
        ({"fever": True, "cancer_active": False, "medications": []}, _CHEMO_CANCER),
        ({"fever": False}, _CHEMO_CANCER),
        ({"cancer_active": True, "fever": False}, _FEVER_NET),
        ({"recent_vomiting_or_diarrhoea": True, "medications": ["ramipril"]}, _LITHIUM),
        ({"back_pain_with_leg_symptoms": True, "cancer_active": False}, _SPINE),
        # Once the answer is yes, the rule itself speaks; the "if" sentence is not added.
        ({"tingling_around_lips": True, "recent_neck_surgery": True}, _NECK),
        ({"fever": True, "cancer_active": True}, _CHEMO_CANCER),
    ],
)
def test_no_if_sentence_once_the_fact_is_answered(
    answers: Mapping[str, object], never: str
) -> None:
    assert never not in assess(answers).advice


def test_the_if_sentence_never_changes_the_disposition() -> None:
    assert assess({"tingling_around_lips": True}).disposition is Disposition.URGENT
    assert assess({"fever": True}).disposition is Disposition.ROUTINE


def test_each_if_sentence_names_a_key_its_rule_reads() -> None:
    for rule in load_rules().rules:
        for key, text in rule.if_unknown:
            assert key in rule.keys
            assert text.startswith("If ")
