"""Red-flag triage: answers to a disposition, reasons, conditions to consider and advice."""

from nightcramp.core.triage.assess import (
    Assessment,
    answers_from_profile,
    assess,
    checks_first,
    label_of,
    tone_of,
    urgency_of,
)
from nightcramp.core.triage.phrasing import question_text
from nightcramp.core.triage.prefill import DIARY_DAYS, DIARY_KEYS, DiaryCramp, answers_from_diary
from nightcramp.core.triage.rules import Condition, Disposition, load_rules
from nightcramp.core.triage.unanswered import ReasonSplit, split_reasons
from nightcramp.core.triage.vocabulary import load_vocabulary, validate_answers

__all__ = [
    "DIARY_DAYS",
    "DIARY_KEYS",
    "Assessment",
    "Condition",
    "DiaryCramp",
    "Disposition",
    "ReasonSplit",
    "answers_from_diary",
    "answers_from_profile",
    "assess",
    "checks_first",
    "label_of",
    "load_rules",
    "load_vocabulary",
    "question_text",
    "split_reasons",
    "tone_of",
    "urgency_of",
    "validate_answers",
]
