"""`nightcramp triage` from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nightcramp.cli.app import build_app

pytestmark = pytest.mark.django_db  # results are saved in the triage history

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "triage_examples"


def test_triage_prints_the_disposition_first_in_words(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_app(), ["triage", "--answers", str(EXAMPLES / "03-clot-with-breathlessness.json")]
    )
    assert result.exit_code == 0
    assert result.stdout.index("EMERGENCY") < result.stdout.index("Why")


def test_triage_accepts_a_bare_answers_object(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"leg_warm": True}), encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["triage", "--answers", str(answers), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["disposition"] == "urgent"


def test_the_questions_not_answered_are_listed_apart_from_why(tmp_path: Path) -> None:
    # A self-care result ("none of the main warning signs apply") must not list "we could not
    # rule out a clot in the lungs" among its reasons: it lists the questions to answer.
    core = json.loads((EXAMPLES / "01-benign-calf-cramps.json").read_text("utf-8"))["answers"]
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(core), encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["triage", "--answers", str(answers), "--no-save"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    why, _, rest = text.split("Why", 1)[1].partition(
        "could change this result are not answered yet"
    )
    assert "We could not rule out" not in text  # the questions, not a list of frightening names
    listed = rest.split("check again:", 1)[1].split("A doctor may check for", 1)[0]
    assert listed.count("•") >= 2 and listed.count("?") >= listed.count("•")
    assert "?" not in why
    assert "Add the answers to your file" in rest


def test_triage_without_answers_and_without_a_terminal_is_a_usage_error() -> None:
    result = CliRunner().invoke(build_app(), ["triage"], input="")
    assert result.exit_code == 2
    assert "--answers" in result.stderr


@pytest.mark.parametrize(
    ("env", "number", "service"),
    [
        ({"LANG": "en_GB.UTF-8"}, "999", "NHS 111"),
        ({"LANG": "en_US.UTF-8"}, "911", "urgent care"),
        ({"LANG": "en_AU.UTF-8", "NIGHTCRAMP_EMERGENCY_NUMBER": "+6125550"}, "+6125550", ""),
    ],
)
def test_the_advice_names_the_number_and_the_service_of_this_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    number: str,
    service: str,
) -> None:
    for name in ("LC_ALL", "LC_TELEPHONE", "NIGHTCRAMP_EMERGENCY_NUMBER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"one_leg_swollen": True}), encoding="utf-8")
    result = CliRunner().invoke(
        build_app(), ["triage", "--answers", str(answers), "--json", "--no-save"]
    )
    assert result.exit_code == 0, result.stderr
    advice = json.loads(result.stdout)["advice"]
    assert number in advice
    assert service in advice
    others = {"999", "911", "000", "112"} - {number}
    assert not any(f" {other}" in advice for other in others)


def test_ctrl_c_after_a_red_flag_saves_the_result_so_far(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import types

    import typer

    from nightcramp.store.triage.models import TriageRecord

    def stopped_after_a_yes(**kwargs: object) -> dict[str, object]:
        on_stop = kwargs["on_stop"]
        assert callable(on_stop)
        on_stop({"one_leg_swollen": True})
        raise typer.Exit(130)

    monkeypatch.setattr("nightcramp.cli.triage_ask.ask_in_terminal", stopped_after_a_yes)
    terminal = types.SimpleNamespace(stdin=types.SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr("nightcramp.cli.triage.sys", terminal)
    result = CliRunner().invoke(build_app(), ["triage"])
    assert result.exit_code == 130
    assert "See a doctor today" in result.stdout
    saved = TriageRecord.objects.get()
    assert saved.disposition == "urgent"
    assert saved.answers == {"one_leg_swollen": True}


def test_a_missing_answers_file_or_a_folder_is_named_in_plain_words(tmp_path: Path) -> None:
    missing = CliRunner().invoke(
        build_app(), ["triage", "--answers", str(tmp_path / "nope.json"), "--no-save"]
    )
    folder = CliRunner().invoke(build_app(), ["triage", "--answers", str(tmp_path), "--no-save"])
    assert missing.exit_code == folder.exit_code == 1  # the contract: an unusable file is 1
    assert "file not found" in missing.stderr and "is a folder" in folder.stderr
