"""The terminal questionnaire of `nightcramp triage`: one step at a time, the core's flow.

A follow-up comes only after the answer that makes it apply; an emergency ends the questions.
Ctrl-C after a red-flag answer prints the advice for the answers so far, then exits 130.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from nightcramp.core.triage.questionnaire import Progress, Reply, Step

__all__ = ["EXIT_INTERRUPTED", "ask_in_terminal"]

EXIT_INTERRUPTED = 130
Ask = Callable[[str, list[str] | None, str], str]  # (question, choices, default) -> reply
_YES_NO = {"y": True, "n": False, "?": None}


def _rich_ask(console: Console) -> Ask:
    from rich.prompt import Prompt

    def ask(text: str, choices: list[str] | None, default: str) -> str:
        return Prompt.ask(text, choices=choices, default=default, console=console)

    return ask


def ask_in_terminal(
    ask: Ask | None = None,
    console: Console | None = None,
    on_stop: Callable[[dict[str, object]], None] | None = None,
) -> dict[str, object]:
    """Ask the questions in the terminal; return the answers (unknown ones left out).

    Ctrl-C after a red-flag answer calls `on_stop` with the answers so far (the command prints
    and saves the result there; by default the result is printed), then exits 130.
    """
    from rich.console import Console

    from nightcramp.core.triage.questionnaire import Progress

    console = console or Console(highlight=False)
    ask = ask or _rich_ask(console)
    console.print("Answer y (yes), n (no) or ? (not sure). Press Enter when you are not sure.")
    progress = Progress()
    shown = ""
    try:
        while (step := progress.next_step()) is not None:
            if step.screen.id != shown:
                shown = step.screen.id
                console.rule(step.screen.title)
                if step.screen.intro:
                    console.print(step.screen.intro)
            progress = progress.answer(step, _ask_step(ask, console, step, progress))
    except (KeyboardInterrupt, EOFError):
        _stop(console, progress, on_stop)
    return dict(progress.answers)


def _stop(
    console: Console,
    progress: Progress,
    on_stop: Callable[[dict[str, object]], None] | None = None,
) -> None:
    """Ctrl-C: after a red-flag answer, the advice for what was answered; then exit 130."""
    import typer

    from nightcramp.core.triage import Disposition, assess
    from nightcramp.core.triage.relevance import disposition_of

    answers = progress.answers
    console.print()
    if disposition_of(answers) >= Disposition.URGENT:
        from nightcramp.cli.triage import _print_result

        console.print("Stopped. Your answers so far already need action:")
        if on_stop is None:
            _print_result(assess(answers), from_file=False)
        else:
            on_stop(dict(answers))
    else:
        console.print("Stopped before the end: no result, nothing saved.")
    raise typer.Exit(EXIT_INTERRUPTED)


def _ask_step(ask: Ask, console: Console, step: Step, progress: Progress) -> Reply:
    from rich.markup import escape

    from nightcramp.core.triage.phrasing import question_text
    from nightcramp.core.triage.vocabulary import QuestionType

    texts = [escape(question_text(k, progress.answers)) for k in step.keys]
    if step.again:
        console.print("Before your result, one more safety question. Please answer it if you can.")
    if step.together:
        for text in texts:
            console.print(f"  • {text}")
        return _YES_NO[ask("Is your answer yes to any of these questions?", ["y", "n", "?"], "?")]
    question = step.questions[0]
    if question.type is QuestionType.BOOL:
        return _YES_NO[ask(texts[0], ["y", "n", "?"], "?")]
    if question.type is QuestionType.ENUM:
        reply = ask(texts[0], [*question.choices, "?"], "?")
        return None if reply == "?" else reply
    if question.type is QuestionType.LIST:
        reply = ask(texts[0] + " (separate with commas; type none if you take none)", None, "")
        if reply.strip().lower() == "none":
            return ()
        return tuple(n.strip() for n in reply.split(",") if n.strip()) or None
    return _ask_number(ask, console, step, texts[0])


def _ask_number(ask: Ask, console: Console, step: Step, text: str) -> Reply:
    from nightcramp.core.errors import InputError
    from nightcramp.core.triage.vocabulary import QuestionType

    question = step.questions[0]
    while True:
        reply = ask(text, None, "").strip()
        if reply in ("", "?"):
            return None
        try:
            number = float(reply)
            value = int(number) if question.type is QuestionType.INT else number
            return question.check(value, file=None)
        except ValueError:
            console.print("Please type a number, or press Enter if you are not sure.")
        except InputError as error:
            console.print(f"{error}. Please try again, or press Enter if you are not sure.")
