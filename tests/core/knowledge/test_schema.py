"""Safety instructions are never graded as remedies; causes are graded as links."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import ValidationError

from nightcramp.core.knowledge import Entry, Grade, Kind, load_knowledge, topic_document
from nightcramp.core.knowledge.schema import SAFETY_WORDS

# "Call emergency services", "get help now", "see a doctor today", "go to A&E"...
INSTRUCTION = re.compile(
    r"\b(call emergency services|call your emergency number|go to a&e|get (medical )?help "
    r"(now|the same day|today)|get (it checked|a check|advice) (the same day|today))\b",
    re.IGNORECASE,
)


def _entry(**fields: object) -> Entry:
    base: dict[str, object] = {
        "id": "x",
        "title": "A title",
        "text": "Some text that is long enough.",
        "sources": ["s"],
        "applies_to": ["everyone"],
        "reviewed": dt.date(2026, 12, 6),
    }
    return Entry.model_validate(base | fields)


def test_a_safety_instruction_with_a_grade_is_refused() -> None:
    with pytest.raises(ValidationError, match="no evidence grade"):
        _entry(kind="safety", grade="C")


def test_a_safety_instruction_with_a_grade_note_is_refused() -> None:
    with pytest.raises(ValidationError, match="grade_note"):
        _entry(kind="safety", grade_note="NHS guidance.")


def test_advice_without_a_grade_is_refused() -> None:
    with pytest.raises(ValidationError, match="Field required"):
        _entry()


def test_a_cause_is_labelled_as_a_link_not_as_a_remedy() -> None:
    cause = _entry(kind="cause", grade="C")
    assert cause.grade_words == Grade.C.link_words
    assert cause.grade_words != Grade.C.words
    assert _entry(grade="C").grade_words == Grade.C.words
    assert _entry(kind="safety").grade_words == SAFETY_WORDS


def test_no_link_words_reuse_a_remedy_label() -> None:
    assert not {g.link_words for g in Grade} & {g.words for g in Grade}


def test_every_shipped_instruction_to_get_help_now_or_today_is_a_safety_entry() -> None:
    for entry in load_knowledge().entries():
        if entry.grade is Grade.X:
            continue  # a myth or unsafe remedy, graded X, that points to the safety entry
        if INSTRUCTION.search(f"{entry.title} {entry.text}"):
            assert entry.kind is Kind.SAFETY, entry.id
            assert entry.grade is None, entry.id


def test_safety_entries_come_first_red_flags_leading() -> None:
    knowledge = load_knowledge()
    for content in knowledge.topics:
        shown = content.ordered
        keys = [(not e.red_flag, not e.is_safety) for e in shown]
        assert keys == sorted(keys), content.topic.id


def test_the_warning_signs_topic_has_no_graded_entry() -> None:
    document = topic_document(load_knowledge(), "red_flags")
    entries = document["entries"]
    assert isinstance(entries, list) and entries
    for entry in entries:
        assert entry["kind"] == "safety"
        assert entry["grade"] is None
        assert entry["grade_words"] == SAFETY_WORDS
        assert entry["sources"]


def test_medicine_links_are_graded_as_observational_links() -> None:
    entry = load_knowledge().entry("cause_medicines")
    assert entry.kind is Kind.CAUSE
    assert entry.grade is Grade.C
    assert "commonly advised" not in entry.grade_words.lower()
