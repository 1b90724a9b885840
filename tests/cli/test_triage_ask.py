"""The terminal questionnaire: the core's flow, asked with Rich; Ctrl-C after a red flag."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.cli.triage_ask import EXIT_INTERRUPTED, ask_in_terminal
from nightcramp.core.triage import Disposition, assess, load_vocabulary
from nightcramp.core.triage.vocabulary import QuestionType

Asked = list[tuple[str, list[str] | None]]


def _asker(
    replies: Callable[[str, list[str] | None], str], asked: Asked
) -> Callable[[str, list[str] | None, str], str]:
    def ask(text: str, choices: list[str] | None, default: str) -> str:
        asked.append((text, choices))
        return replies(text, choices)

    return ask


def _no(text: str, choices: list[str] | None) -> str:
    if choices is None:
        return "40" if "old" in text else ("none" if "medicines" in text else "1")
    return "n" if "n" in choices else choices[0]


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=100, highlight=False), out


def test_no_to_everything_ends_in_self_care() -> None:
    asked: Asked = []
    console, _out = _console()
    answers = ask_in_terminal(_asker(_no, asked), console)
    assert assess(answers).disposition is Disposition.SELF_CARE
    assert len(asked) < len(answers)


class _Person:
    """Answers no (or a small number) unless a listed text is on screen; may press Ctrl-C."""

    def __init__(
        self, yes_to: tuple[str, ...] = (), stop_after_yes: bool = False, stop_at: int = 0
    ) -> None:
        self.stop_at = stop_at
        self.console, self.out = _console()
        self.yes_to = yes_to
        self.stop_after_yes = stop_after_yes
        self.said_yes = False
        self.seen = 0
        self.asked: Asked = []

    def __call__(self, text: str, choices: list[str] | None, default: str) -> str:
        shown = self.out.getvalue()[self.seen :] + text
        self.seen = len(self.out.getvalue())
        self.asked.append((text, choices))
        if (self.said_yes and self.stop_after_yes) or len(self.asked) == self.stop_at:
            raise KeyboardInterrupt
        if choices == ["female", "male", "other", "?"]:
            return "female"
        if choices and any(words in shown for words in self.yes_to):
            self.said_yes = "any of these" not in text
            return "y"
        if "weeks pregnant" in text:
            return "30"
        return _no(text, choices)


def test_a_follow_up_is_asked_only_after_the_yes_that_makes_it_apply() -> None:
    weeks = load_vocabulary().questions["pregnancy_weeks"].question
    person = _Person(yes_to=("Are you pregnant?",))
    answers = ask_in_terminal(person, person.console)
    texts = [t for t, _ in person.asked]
    assert answers["pregnancy_weeks"] == 30
    assert texts.index("Are you pregnant?") < texts.index(weeks)
    other = _Person()
    ask_in_terminal(other, other.console)
    assert weeks not in [t for t, _ in other.asked]


def test_an_emergency_answer_ends_the_questions() -> None:
    asked: Asked = []
    answers = ask_in_terminal(_asker(lambda t, c: "y", asked), _console()[0])
    assert assess(answers).disposition is Disposition.EMERGENCY
    assert len(asked) <= 2


def test_a_number_is_asked_again_until_it_is_a_number_or_skipped() -> None:
    replies: Iterator[str] = iter(["many", "-4", ""])

    def numbers(text: str, choices: list[str] | None) -> str:
        if choices is None and "medicines" not in text:
            return next(replies, "")
        return _no(text, choices)

    console, out = _console()
    answers = ask_in_terminal(_asker(numbers, []), console)
    assert "Please type a number" in out.getvalue()
    assert "out of range" in out.getvalue() or "at least" in out.getvalue()
    numeric = [k for k, q in load_vocabulary().questions.items() if q.type in (QuestionType.INT,)]
    assert numeric and not all(k in answers for k in numeric)


def test_ctrl_c_after_a_red_flag_prints_the_advice_and_exits_130(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printed: list[object] = []
    monkeypatch.setattr(
        "nightcramp.cli.triage._print_result", lambda result, **_: printed.append(result)
    )
    person = _Person(yes_to=("more swollen than the other",), stop_after_yes=True)
    with pytest.raises(typer.Exit) as stopped:
        ask_in_terminal(person, person.console)
    assert stopped.value.exit_code == EXIT_INTERRUPTED
    assert len(printed) == 1, "the advice for the answers so far is printed"
    assert getattr(printed[0], "disposition", None) is Disposition.URGENT


def test_ctrl_c_after_a_red_flag_prints_what_to_do_now(capsys: pytest.CaptureFixture[str]) -> None:
    person = _Person(yes_to=("more swollen than the other",), stop_after_yes=True)
    with pytest.raises(typer.Exit):
        ask_in_terminal(person, person.console)
    printed = capsys.readouterr().out
    assert "What to do now" in printed
    assert printed.index("Why") < printed.index("What to do now")
    flat = " ".join(printed.split())
    assert "your file" not in flat  # asked in the terminal: there is no file
    assert "Run `nightcramp triage` again to answer them" in flat


def test_ctrl_c_without_a_red_flag_just_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    printed: list[object] = []
    monkeypatch.setattr(
        "nightcramp.cli.triage._print_result", lambda result, **_: printed.append(result)
    )
    person = _Person(stop_at=3)
    with pytest.raises(typer.Exit) as stopped:
        ask_in_terminal(person, person.console)
    assert stopped.value.exit_code == EXIT_INTERRUPTED
    assert "Stopped" in person.out.getvalue()
    assert not printed


def test_triage_without_answers_and_without_a_terminal_is_a_usage_error() -> None:
    result = CliRunner().invoke(build_app(), ["triage", "--no-save"], input="")
    assert result.exit_code == 2
    assert "--answers" in result.stderr
