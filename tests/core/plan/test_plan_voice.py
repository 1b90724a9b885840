"""Plan and coach text: plain, calm, short sentences, no shouting, no false promises."""

from __future__ import annotations

import re
import statistics

from nightcramp.core.plan import load_plan_content
from nightcramp.core.plan.routine import load_routine


def _texts() -> list[str]:
    content = load_plan_content()
    texts = [t for i in content.items for t in (i.text, i.why, *i.cautions)]
    texts += [t for r in content.rules for t in (r.text, r.why, r.caution) if t]
    routine = load_routine()
    texts += [routine.safety, *(s.text for s in routine.steps)]
    return texts


def _syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade with a vowel-group syllable count (close enough to compare)."""
    sentences = max(1, len(re.findall(r"[.!?](\s|$)", text)))
    words = re.findall(r"[A-Za-z]+", text)
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def test_no_text_shouts_or_promises_a_cure() -> None:
    for text in _texts():
        assert "!" not in text, text
        assert not re.search(r"\b(cure|guarantee|easily fixed|miracle)\b", text, re.I), text


def test_the_text_reads_at_about_age_twelve() -> None:
    grades = [grade_level(t) for t in _texts()]
    assert statistics.mean(grades) <= 8.0
    worst = max(zip(grades, _texts(), strict=True))
    assert worst[0] <= 12.0, worst


def test_magnesium_is_never_said_to_pass_through_the_skin() -> None:
    for text in _texts():
        assert not re.search(r"absorb\w* (through|via) (the )?skin", text, re.I), text


def test_the_grade_helper_scores_hard_text_higher() -> None:
    easy = "Stretch your calf. Hold it. Then relax."
    hard = "Pharmacological intervention necessitates comprehensive interdisciplinary evaluation."
    assert grade_level(easy) < 4 < 12 < grade_level(hard)
