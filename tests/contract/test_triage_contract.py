"""CONTRACT.md "Triage answers": black-box checks through the CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nightcramp.cli.entry import main

# Every result is saved in the person's triage history (the database of this test).
pytestmark = pytest.mark.django_db

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "triage_examples").glob("*.json"))
DISPOSITIONS = {"emergency", "urgent", "soon", "routine", "self_care"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_prints_one_json_document_and_exits_0(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(json.loads(path.read_text("utf-8"))["answers"]), "utf-8")
    assert main(["triage", "--answers", str(answers), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["disposition"] in DISPOSITIONS
    assert isinstance(document["reasons"], list) and isinstance(document["advice"], str)
    assert isinstance(document["consider"], list)
    expected = json.loads(path.read_text("utf-8"))["expected"]
    assert document["disposition"] == expected["disposition"]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('{"age": "forty"}', "age"),
        ('{"one_leg_swollen": "yes"}', "one_leg_swollen"),
        ('{"nights_sleep_disrupted_per_week": 8}', "nights_sleep_disrupted_per_week"),
        ('{"typical_duration_min": 0}', "typical_duration_min"),
        ('{"sex": "unknown"}', "sex"),
        ('{"medications": "Lasix"}', "medications"),
    ],
)
def test_an_invalid_value_exits_1_naming_the_file_and_key(
    content: str, key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "bad.json"
    answers.write_text(content, "utf-8")
    assert main(["triage", "--answers", str(answers), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert key in captured.err and "bad.json" in captured.err
    assert "Traceback" not in captured.err


def test_a_file_that_is_not_json_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "bad.json"
    answers.write_text("{not json", "utf-8")
    assert main(["triage", "--answers", str(answers), "--json"]) == 1
    assert "bad.json" in capsys.readouterr().err


def test_an_unknown_key_is_ignored_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"shoe_size": 9, "chest_pain": true}', "utf-8")
    assert main(["triage", "--answers", str(answers), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["disposition"] == "emergency"
    assert "shoe_size" in captured.err


def test_an_empty_object_is_valid_and_lists_unanswered_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text("{}", "utf-8")
    assert main(["triage", "--answers", str(answers), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["disposition"] == "routine"
    assert "one_leg_swollen" in document["unanswered"]


def test_null_means_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for content in ('{"leg_red": null}', "{}"):
        answers = tmp_path / "a.json"
        answers.write_text(content, "utf-8")
        assert main(["triage", "--answers", str(answers), "--json"]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
