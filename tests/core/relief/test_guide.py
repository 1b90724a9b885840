"""The stdlib-only reader used by `nightcramp now` before anything heavy loads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.core.relief.conftest import replace_in

from nightcramp.core.errors import ContentError
from nightcramp.core.help_lines import help_lines_for
from nightcramp.core.relief.guide import DEFAULT_MUSCLE, MUSCLES, read_guide, read_raw


@pytest.mark.parametrize("muscle", MUSCLES)
def test_steps_are_numbered_from_one_in_order(muscle: str) -> None:
    guide = read_guide(muscle)
    assert [s.number for s in guide.steps] == list(range(1, len(guide.steps) + 1))
    assert guide.steps[0].id.startswith(muscle)


@pytest.mark.parametrize("muscle", MUSCLES)
def test_first_step_is_a_timed_stretch_of_30_to_60_seconds(muscle: str) -> None:
    first = read_guide(muscle).steps[0]
    assert first.hold_seconds is not None
    assert 30 <= first.hold_seconds <= 60


def test_calf_guide_stretches_toes_up_and_never_says_stand_on_the_toes() -> None:
    guide = read_guide("calf")
    words = " ".join(f"{s.title} {s.text} {' '.join(s.cautions)}" for s in guide.steps).lower()
    assert "toes up towards your shin" in words
    assert not re.search(r"(stand|rise|go|up) on (to )?(your )?(toes|tiptoes)", words)
    assert "tiptoe" not in words


def test_after_steps_follow_the_muscles_own_stretches() -> None:
    calf = [s.id for s in read_guide("calf").steps]
    thigh = [s.id for s in read_guide("thigh_front").steps]
    assert calf[-3:] == ["massage", "heat", "walk_heels"]
    assert thigh[-3:] == ["massage", "heat", "walk"]


def test_safety_line_names_the_red_flags_and_links_to_triage() -> None:
    safety = read_guide(DEFAULT_MUSCLE).safety
    # A blocked artery (cold, pale or numb foot), a clot in the lung, a clot in the leg.
    for word in ("cold", "pale", "numb", "breath", "chest pain", "swollen", "red", "warm"):
        assert word in safety.text.lower()
    assert safety.link == "/triage/"


@pytest.mark.parametrize("country", ["GB", "AU", "US", "", "FR"])
def test_safety_line_calls_the_configured_emergency_number(country: str) -> None:
    lines = help_lines_for(country)
    safety = read_guide("foot", lines=lines).safety
    assert f"Call {lines.emergency_number} now" in safety.text
    assert "{" not in safety.text
    assert "{emergency_number}" in safety.template
    own = read_guide("foot", lines=help_lines_for(country, "+1 555 0100")).safety
    assert "Call +1 555 0100 now" in own.text


def test_safety_line_is_one_short_line_with_the_emergency_first() -> None:
    text = read_guide(DEFAULT_MUSCLE).safety.text
    assert "\n" not in text
    assert len(text) <= 160
    assert text.lower().index("cold") < text.lower().index("swollen")


def test_long_cramp_note_names_the_countrys_health_line() -> None:
    assert "NHS 111" in read_guide("calf", lines=help_lines_for("GB")).long_cramp.text
    for country in ("AU", "US", ""):
        lines = help_lines_for(country)
        text = read_guide("calf", lines=lines).long_cramp.text
        assert lines.urgent_service in text
        assert "NHS" not in text


def test_heat_step_warns_about_burns_with_diabetes_or_numb_feet() -> None:
    heat = next(s for s in read_guide("foot").steps if s.id == "heat")
    cautions = " ".join(heat.cautions).lower()
    assert "diabetes" in cautions
    assert "numb" in cautions
    assert "never fall asleep on a heating pad" in cautions


def test_long_cramp_note_asks_for_same_day_advice_after_10_minutes() -> None:
    note = read_guide("calf").long_cramp
    assert "10 minutes" in note.text
    assert "do not wait for morning" in note.text


def test_timer_text_says_hold_time_and_repeats() -> None:
    steps = {s.id: s for s in read_guide("calf").steps}
    assert steps["calf_stretch"].timer_text == "30 seconds, 2 times"
    assert steps["massage"].timer_text == "60 seconds"
    assert steps["heat"].timer_text == "none, take your time"


def test_unknown_muscle_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        read_guide("knee")


def test_a_changed_file_is_read_again_despite_the_cache(content_copy: Path) -> None:
    folder = str(content_copy / "relief")
    assert read_guide("foot", folder).steps[0].title == "Pull your toes up and back"
    assert (content_copy / "relief" / "__pycache__").is_dir()
    replace_in(content_copy / "relief" / "foot.toml", "Pull your toes up and back", "Toes up")
    assert read_guide("foot", folder).steps[0].title == "Toes up"


def test_a_read_only_folder_still_reads_without_a_cache(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(os, "makedirs", refuse)
    raw = read_raw(str(content_copy / "relief"))
    assert set(raw) == {"common", *MUSCLES}
    assert not (content_copy / "relief" / "__pycache__").exists()


def test_a_damaged_step_names_file_entry_and_field(content_copy: Path) -> None:
    replace_in(content_copy / "relief" / "calf.toml", "hold_seconds = 30", 'hold_seconds = "x"')
    with pytest.raises(
        ContentError, match=r"calf\.toml: steps\[0\] \(calf_stretch\): hold_seconds"
    ):
        read_guide("calf", str(content_copy / "relief"))


def test_broken_toml_names_the_file(content_copy: Path) -> None:
    replace_in(content_copy / "relief" / "common.toml", "[safety]", "[safety")
    with pytest.raises(ContentError, match=r"common\.toml"):
        read_guide("calf", str(content_copy / "relief"))


def test_reader_imports_no_pydantic_yaml_or_rich() -> None:
    code = (
        "import sys; from nightcramp.core.relief.guide import read_guide; read_guide('calf'); "
        "print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'typer', 'django') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
