"""Answers and profile files are read strictly: a key written twice never drops a "yes", and a
number too long to read is named by its place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nightcramp.cli.app import build_app


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_triage_answer_given_twice_is_refused_naming_it(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"chest_pain": true, "chest_pain": false}', encoding="utf-8")
    code, out, err = _run("triage", "--answers", str(answers), "--json", "--no-save")
    assert code == 1 and out == ""
    assert f"{answers}:chest_pain: appears more than once" in err


def test_a_profile_key_given_twice_is_refused_naming_it(tmp_path: Path) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text('{"conditions": ["heart_failure"], "conditions": []}', encoding="utf-8")
    code, out, err = _run("plan", "--profile", str(profile), "--json")
    assert code == 1 and out == ""
    assert "conditions: appears more than once" in err


def test_a_number_too_long_to_read_names_the_file_and_key(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"age": ' + "9" * 5000 + "}", encoding="utf-8")
    code, out, err = _run("triage", "--answers", str(answers), "--json", "--no-save")
    assert code == 1 and out == ""
    assert f"{answers}:age: is a number with thousands of digits" in err
    assert "sys." not in err


@pytest.mark.parametrize(
    ("key", "limit"),
    [("age", "at least 0, at most 120"), ("cramps_per_week", "at least 0, at most 1000"),
     ("typical_duration_min", "more than 0, at most 1440")],
)  # fmt: skip
def test_a_whole_number_too_big_for_a_decimal_names_the_file_and_key(
    tmp_path: Path, key: str, limit: str
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"%s": 1%s}' % (key, "0" * 400), encoding="utf-8")  # noqa: UP031
    code, out, err = _run("triage", "--answers", str(answers), "--json", "--no-save")
    assert code == 1 and out == ""
    assert f"{answers}:{key}: the number is out of range ({limit})" in err


def test_a_well_formed_answers_file_is_still_read(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"chest_pain": True}), encoding="utf-8")
    code, out, _ = _run("triage", "--answers", str(answers), "--json", "--no-save")
    assert code == 0
    assert json.loads(out)["disposition"] == "emergency"


@pytest.mark.parametrize(
    "args",
    [
        ["triage", "--answers", "{pipe}", "--json", "--no-save"],
        ["plan", "--profile", "{pipe}", "--json"],
        ["experiment", "changes", "--profile", "{pipe}"],
        ["analyze", "--nights", "{pipe}", "--episodes", "{pipe}"],
        ["experiment", "analyze", "--schedule", "{pipe}",
         "--nights", "{pipe}", "--episodes", "{pipe}"],
        ["triage", "--answers", "/dev/zero", "--json", "--no-save"],
    ],
)  # fmt: skip
def test_a_pipe_or_a_device_is_refused_at_once_naming_it(tmp_path: Path, args: list[str]) -> None:
    pipe = tmp_path / "answers.json"
    os.mkfifo(pipe)  # opening it would wait for a writer that never comes
    code, out, err = _run(*(a.format(pipe=pipe) for a in args))
    assert code == 1 and out == ""
    assert "is a pipe or a device, not a file" in err
