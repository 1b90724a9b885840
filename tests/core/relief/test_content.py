"""Full validation of the relief content: shipped files load, and broken ones are refused."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from tests.core.relief.conftest import replace_in

from nightcramp.core.diary import Muscle
from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.knowledge.sources import Source
from nightcramp.core.relief.content import load_relief
from nightcramp.core.relief.guide import MUSCLES, read_guide


def test_shipped_relief_content_is_valid_for_every_muscle() -> None:
    content = load_relief()
    assert set(content.muscles) == {Muscle(m) for m in MUSCLES}


@pytest.mark.parametrize("muscle", MUSCLES)
def test_fast_reader_shows_exactly_the_validated_steps(muscle: str) -> None:
    validated = load_relief().steps_for(Muscle(muscle))
    fast = read_guide(muscle).steps
    assert [(s.id, s.title, s.text, s.hold_seconds, s.repeat, s.cautions) for s in fast] == [
        (s.id, s.title, s.text, s.hold_seconds, s.repeat, s.cautions) for s in validated
    ]
    assert [s.grade for s in fast] == [s.grade.value for s in validated]


def test_no_relief_text_is_graded_x_or_mentions_quinine() -> None:
    content = load_relief()
    for muscle in content.muscles:
        for step in content.steps_for(muscle):
            assert step.grade is not Grade.X
            assert "quinine" not in step.text.lower()


def test_relief_text_is_calm_without_exclamation_marks() -> None:
    content = load_relief()
    notes = [content.common.safety, content.common.comes_back, content.common.long_cramp]
    texts = [n.text for n in notes]
    for muscle in content.muscles:
        texts += [s.text for s in content.steps_for(muscle)]
        texts += [c for s in content.steps_for(muscle) for c in s.cautions]
    assert all("!" not in t for t in texts)


def test_unknown_source_names_file_entry_and_field(
    content_copy: Path, sources: Mapping[str, Source]
) -> None:
    replace_in(content_copy / "relief" / "foot.toml", '"nhs_leg_cramps"]', '"no_such_source"]')
    with pytest.raises(
        ContentError,
        match=r'content/relief/foot\.toml: entry "foot_stand", field "sources": unknown source',
    ):
        load_relief(content_copy, sources)


def test_extra_key_names_file_entry_and_field(
    content_copy: Path, sources: Mapping[str, Source]
) -> None:
    replace_in(content_copy / "relief" / "calf.toml", "repeat = 2", "repeat = 2\nspeed = 3")
    with pytest.raises(
        ContentError, match=r'relief/calf\.toml: entry "calf_stretch", field "speed": Extra'
    ):
        load_relief(content_copy, sources)


def test_bad_grade_is_refused(content_copy: Path, sources: Mapping[str, Source]) -> None:
    replace_in(content_copy / "relief" / "thigh_back.toml", 'grade = "C"', 'grade = "E"')
    with pytest.raises(
        ContentError, match=r'thigh_back\.toml: entry "thigh_back_stretch", field "grade"'
    ):
        load_relief(content_copy, sources)


def test_standing_on_the_toes_is_refused_as_ruled_out_advice(
    content_copy: Path, sources: Mapping[str, Source]
) -> None:
    replace_in(
        content_copy / "relief" / "calf.toml",
        "Stay in bed or sit up.",
        "Stand on your toes for a few seconds.",
    )
    with pytest.raises(
        ContentError, match=r'calf\.toml: entry "calf_stretch", field "text": ruled-out advice'
    ):
        load_relief(content_copy, sources)


def test_duplicate_step_id_is_refused(content_copy: Path, sources: Mapping[str, Source]) -> None:
    replace_in(content_copy / "relief" / "foot.toml", 'id = "foot_stand"', 'id = "foot_stretch"')
    with pytest.raises(
        ContentError, match=r'foot\.toml: entry "foot_stretch", field "id": duplicate'
    ):
        load_relief(content_copy, sources)


def test_missing_muscle_file_is_refused(content_copy: Path, sources: Mapping[str, Source]) -> None:
    (content_copy / "relief" / "thigh_front.toml").unlink()
    with pytest.raises(ContentError, match=r"^content/relief/thigh_front\.toml: missing"):
        load_relief(content_copy, sources)


def test_muscle_outside_the_guide_is_refused(
    content_copy: Path, sources: Mapping[str, Source]
) -> None:
    (content_copy / "relief" / "knee.toml").write_text('muscle = "knee"\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"^content/relief/knee\.toml: not a muscle"):
        load_relief(content_copy, sources)


def test_hold_outside_5_to_120_seconds_is_refused(
    content_copy: Path, sources: Mapping[str, Source]
) -> None:
    replace_in(content_copy / "relief" / "common.toml", "hold_seconds = 60", "hold_seconds = 600")
    with pytest.raises(
        ContentError, match=r'common\.toml: entry "massage", field "hold_seconds": .*120'
    ):
        load_relief(content_copy, sources)


def test_safety_instructions_carry_sources_but_no_evidence_grade() -> None:
    common = load_relief().common
    for note in (common.safety, common.long_cramp):
        assert note.sources
        assert "grade" not in type(note).model_fields, note.id
    assert isinstance(common.comes_back.grade, Grade)
    guide = read_guide("calf")
    assert guide.safety.grade is None
    assert guide.long_cramp.grade is None
    assert guide.comes_back.grade is not None


def test_a_graded_safety_line_is_refused(content_copy: Path, sources: Mapping[str, Source]) -> None:
    replace_in(
        content_copy / "relief" / "common.toml",
        'id = "safety_check"',
        'id = "safety_check"\ngrade = "C"',
    )
    with pytest.raises(
        ContentError, match=r'relief/common\.toml: entry "safety_check", field "grade": Extra'
    ):
        load_relief(content_copy, sources)
