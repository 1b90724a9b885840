"""`nightcramp triage` from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nightcramp.cli.app import build_app

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


def test_triage_without_answers_and_without_a_terminal_is_a_usage_error() -> None:
    result = CliRunner().invoke(build_app(), ["triage"], input="")
    assert result.exit_code == 2
    assert "--answers" in result.stderr
