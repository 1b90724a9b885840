"""Output rules shared by commands: one JSON document on stdout, messages on stderr."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import typer

from nightcramp.cli.output import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, fail, print_json, warn


def test_the_exit_codes_are_the_contracts() -> None:
    assert (EXIT_OK, EXIT_PROBLEM, EXIT_USAGE) == (0, 1, 2)


def test_print_json_writes_one_document_and_nothing_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_json({"night": dt.date(2026, 3, 9), "notes": "crampe à 2 h", "cramps": [1, 2]})
    out, err = capsys.readouterr()
    assert err == ""
    assert out.endswith("}\n") and out.count("\n}") == 1
    assert json.loads(out) == {"night": "2026-03-09", "notes": "crampe à 2 h", "cramps": [1, 2]}
    assert "crampe à 2 h" in out  # not \u escapes


def test_warn_writes_one_line_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    warn("first\n")
    warn("second")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "first\nsecond\n"


@pytest.mark.parametrize("code", [EXIT_PROBLEM, EXIT_USAGE])
def test_fail_writes_the_message_and_exits_with_the_code(
    capsys: pytest.CaptureFixture[str], code: int
) -> None:
    with pytest.raises(typer.Exit) as exit_:
        fail("no such night", code)
    assert exit_.value.exit_code == code
    assert capsys.readouterr() == ("", "no such night\n")


def test_fail_exits_1_unless_told_otherwise() -> None:
    with pytest.raises(typer.Exit) as exit_:
        fail("problem")
    assert exit_.value.exit_code == EXIT_PROBLEM
