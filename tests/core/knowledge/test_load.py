"""Loading knowledge content: valid files load; every kind of bad entry is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge import Grade, Section, load_knowledge

TINY = Path(__file__).resolve().parents[2] / "data" / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the tiny test content."""
    target = tmp_path / "content"
    shutil.copytree(TINY, target)
    return target


def _edit(content: Path, file: str, old: str, new: str) -> None:
    path = content / "knowledge" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_tiny_content_loads_topics_in_section_order() -> None:
    knowledge = load_knowledge(TINY)
    assert knowledge.topic_ids == ("basics", "myths")
    assert knowledge.topic("basics").topic.section is Section.HELPS
    assert knowledge.entry("toes_myth").grade is Grade.X


def test_red_flag_entries_come_first_in_a_topic() -> None:
    basics = load_knowledge(TINY).topic("basics")
    assert [e.id for e in basics.entries] == ["stretch_it", "check_swelling"]
    assert [e.id for e in basics.ordered] == ["check_swelling", "stretch_it"]


def test_loading_is_cached_per_folder() -> None:
    assert load_knowledge(TINY) is load_knowledge(TINY)


def test_unknown_entry_and_topic_raise_key_error() -> None:
    knowledge = load_knowledge(TINY)
    with pytest.raises(KeyError):
        knowledge.entry("nope")
    with pytest.raises(KeyError):
        knowledge.topic("nope")


def test_search_matches_every_word_in_any_case() -> None:
    knowledge = load_knowledge(TINY)
    assert [e.id for e in knowledge.search("CALF swollen")] == ["check_swelling"]
    assert knowledge.search("   ") == ()


def test_cited_returns_the_sources_in_order() -> None:
    knowledge = load_knowledge(TINY)
    cited = knowledge.cited(knowledge.entry("check_swelling"))
    assert [s.id for s in cited] == ["test_guideline", "test_trial"]


def test_entry_without_a_grade_is_refused_naming_file_entry_and_field(content: Path) -> None:
    _edit(
        content,
        "basics.yaml",
        "    grade: C\n    sources: [test_guideline]\n",
        "    sources: [test_guideline]\n",
    )
    with pytest.raises(
        ContentError,
        match=r'^content/knowledge/basics\.yaml: entry "stretch_it", field "grade": '
        r"Field required$",
    ):
        load_knowledge(content)


def test_entry_without_sources_is_refused(content: Path) -> None:
    _edit(
        content, "basics.yaml", "sources: [test_guideline]\n    applies", "sources: []\n    applies"
    )
    with pytest.raises(ContentError, match=r'basics\.yaml: entry "stretch_it", field "sources":'):
        load_knowledge(content)


def test_entry_with_missing_sources_key_is_refused(content: Path) -> None:
    _edit(content, "basics.yaml", "    sources: [test_guideline]\n    applies", "    applies")
    with pytest.raises(
        ContentError, match=r'basics\.yaml: entry "stretch_it", field "sources": Field required'
    ):
        load_knowledge(content)


def test_unknown_source_id_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "sources: [test_trial]", "sources: [no_such_paper]")
    with pytest.raises(
        ContentError,
        match=r'myths\.yaml: entry "toes_myth", field "sources": unknown source id "no_such_paper"',
    ):
        load_knowledge(content)


def test_duplicate_entry_id_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "id: toes_myth", "id: stretch_it")
    with pytest.raises(
        ContentError,
        match=r'myths\.yaml: entry "stretch_it", field "id": '
        r"duplicate entry id \(also in content/knowledge/basics\.yaml\)",
    ):
        load_knowledge(content)


def test_unknown_audience_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "applies_to: [everyone]", "applies_to: [astronauts]")
    with pytest.raises(
        ContentError, match=r'myths\.yaml: entry "toes_myth", field "applies_to\.0":'
    ):
        load_knowledge(content)


def test_unknown_grade_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "grade: X", "grade: E")
    with pytest.raises(ContentError, match=r'myths\.yaml: entry "toes_myth", field "grade":'):
        load_knowledge(content)


def test_extra_field_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "    grade: X\n", "    grade: X\n    evidence: strong\n")
    with pytest.raises(
        ContentError, match=r'myths\.yaml: entry "toes_myth", field "evidence": Extra inputs'
    ):
        load_knowledge(content)


def test_article_claim_without_verdict_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "    verdict: Wrong direction.\n", "")
    with pytest.raises(
        ContentError, match=r'myths\.yaml: entry "toes_myth": .*verdict go together'
    ):
        load_knowledge(content)


def test_bad_topic_header_is_named(content: Path) -> None:
    _edit(content, "myths.yaml", "section: myths", "section: gossip")
    with pytest.raises(ContentError, match=r'myths\.yaml: entry "myths", field "section":'):
        load_knowledge(content)


def test_invalid_yaml_is_named(content: Path) -> None:
    (content / "knowledge" / "broken.yaml").write_text("topic: [unclosed\n", encoding="utf-8")
    with pytest.raises(
        ContentError,
        match=r"^content/knowledge/broken\.yaml: not valid YAML: .*\(line 2, column 1\)",
    ):
        load_knowledge(content)


def test_shipped_content_loads_with_every_source_known() -> None:
    knowledge = load_knowledge()
    assert len(knowledge.topics) >= 9
    for entry in knowledge.entries():
        assert entry.sources
        assert all(s in knowledge.sources for s in entry.sources)


def test_for_audience_includes_everyone_entries_with_red_flags_first() -> None:
    from nightcramp.core.knowledge import Audience

    knowledge = load_knowledge(TINY)
    pregnancy = [e.id for e in knowledge.for_audience(Audience.PREGNANCY)]
    assert pregnancy[0] == "check_swelling"
    assert set(pregnancy) == {"check_swelling", "stretch_it", "toes_myth"}


def test_a_topic_id_used_twice_is_refused(content: Path) -> None:
    _edit(content, "myths.yaml", "  id: myths\n", "  id: basics\n")
    with pytest.raises(
        ContentError,
        match=r'^content/knowledge/myths\.yaml: entry "basics", field "topic\.id": '
        r"duplicate topic id \(also in content/knowledge/basics\.yaml\)$",
    ):
        load_knowledge(content)
