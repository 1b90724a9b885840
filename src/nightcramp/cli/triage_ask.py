"""The terminal questionnaire of `nightcramp triage`: one question at a time, with follow-ups."""

from __future__ import annotations

from typing import Any

__all__ = ["ask_in_terminal"]


def ask_in_terminal() -> dict[str, object]:
    from rich.console import Console
    from rich.prompt import Prompt

    from nightcramp.core.triage import Disposition, assess
    from nightcramp.core.triage.questionnaire import questions_to_ask, screens
    from nightcramp.core.triage.vocabulary import AnswerValue

    console = Console()
    console.print("Answer y (yes), n (no) or ? (not sure). Press Enter to skip a question.")
    answers: dict[str, AnswerValue] = {}
    for screen in screens():
        console.rule(screen.title)
        if screen.intro:
            console.print(screen.intro)
        for question in questions_to_ask(screen, answers):
            value = _ask_one(Prompt, question)
            if value is None:
                continue
            answers[question.key] = value  # type: ignore[assignment]  # checked by _ask_one
            if value is True and assess(answers).disposition is Disposition.EMERGENCY:
                return dict(answers)  # emergency: no more questions
    return dict(answers)


def _ask_one(prompt: Any, question: object) -> object:
    from nightcramp.core.triage.vocabulary import Question, QuestionType

    assert isinstance(question, Question)
    if question.type is QuestionType.BOOL:
        reply = prompt.ask(question.question, choices=["y", "n", "?"], default="?")
        return {"y": True, "n": False}.get(reply)
    if question.type is QuestionType.ENUM:
        reply = prompt.ask(question.question, choices=[*question.choices, "?"], default="?")
        return None if reply == "?" else reply
    if question.type is QuestionType.LIST:
        reply = prompt.ask(question.question + " (separate with commas)", default="")
        names = [n.strip() for n in reply.split(",") if n.strip()]
        return names or None
    while True:
        reply = prompt.ask(question.question, default="")
        if not reply.strip():
            return None
        try:
            number = float(reply)
            value = int(number) if question.type is QuestionType.INT else number
            return question.check(value, file=None)
        except ValueError:
            print("Please type a number, or press Enter to skip.")
        except Exception as error:  # InputError: out of range
            print(f"{error}. Please try again, or press Enter to skip.")
