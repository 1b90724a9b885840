"""The questionnaire's flow: which question to ask next, given the answers so far.

One step asks one question, or several yes/no questions of one topic together ("is your answer
yes to any of these?": a no answers each of them no; a yes or a not sure asks them one by one).
A question is asked only while its answer could still change the result (the rules decide, see
`relevance`), or when it follows up an answer that makes it apply (`ask_if`). The flow stops as
soon as an emergency is certain. Before any other result, the core safety questions still
unanswered are asked once more (VOCABULARY rule 7).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from nightcramp.core.triage.conditions import ConditionPlace, Facts, Test, parse_condition
from nightcramp.core.triage.relevance import (
    decide_alone,
    decide_together,
    disposition_of,
)
from nightcramp.core.triage.rules import Disposition
from nightcramp.core.triage.vocabulary import (
    AnswerValue,
    Question,
    QuestionType,
    Screen,
    load_vocabulary,
)

__all__ = [
    "Progress",
    "Step",
    "check_ask_if",
    "questions_to_ask",
    "screens",
    "should_ask",
]

MOST_TOGETHER = 9  # yes/no questions on one screen at most
MOST_TEXT = 420  # characters of questions on one screen at most (a phone screen)


@cache
def _ask_gate(key: str) -> tuple[Test | None, frozenset[str]]:
    question = load_vocabulary().questions[key]
    if question.ask_if is None:
        return None, frozenset()
    where = ConditionPlace("triage/questions.yaml", key, "ask_if")
    read: set[str] = set()
    return parse_condition(question.ask_if, where, read), frozenset(read)


def should_ask(key: str, answers: Mapping[str, AnswerValue]) -> bool:
    """True when the question for `key` applies, given the answers so far."""
    test, _read = _ask_gate(key)
    return test is None or test(Facts(answers=answers))


def _follows_an_answer(key: str, answers: Mapping[str, AnswerValue]) -> bool:
    """True for a follow-up: a question that applies only after some answer, and now does."""
    test, _read = _ask_gate(key)
    return test is not None and not test(Facts(answers={})) and test(Facts(answers=answers))


def screens() -> tuple[Screen, ...]:
    """The questionnaire's screens (its topics), in order."""
    return load_vocabulary().screens


def questions_to_ask(screen: Screen, answers: Mapping[str, AnswerValue]) -> list[Question]:
    """The questions of one screen that apply, given the answers so far."""
    vocabulary = load_vocabulary().questions
    return [vocabulary[k] for k in screen.keys if should_ask(k, answers)]


def check_ask_if(content_dir: Path | None = None) -> None:
    """Compile every question's `ask_if`; raises ContentFileError naming the key if one is bad."""
    vocabulary = load_vocabulary(content_dir)
    for key, question in vocabulary.questions.items():
        if question.ask_if is not None:
            where = ConditionPlace("triage/questions.yaml", key, "ask_if")
            parse_condition(
                question.ask_if, where, set(), vocabulary.questions, vocabulary.core_safety_screen
            )


@cache
def _screen_of() -> Mapping[str, Screen]:
    return {k: s for s in screens() for k in s.keys}


def _fitting(keys: Sequence[str]) -> list[str]:
    """As many of `keys` as fit on one phone screen when listed."""
    fitting: list[str] = []
    length = 0
    for key in keys[:MOST_TOGETHER]:
        length += len(load_vocabulary().questions[key].question)
        if fitting and length > MOST_TEXT:
            break
        fitting.append(key)
    return fitting


def _with_gates(
    keys: Collection[str], answers: Mapping[str, AnswerValue], free: Collection[str]
) -> set[str]:
    """`keys`, and for each that does not apply yet, the free keys its `ask_if` reads."""
    found: set[str] = set()
    waiting = list(keys)
    while waiting:
        key = waiting.pop()
        if key not in found:
            found.add(key)
            if not should_ask(key, answers):
                waiting.extend(k for k in _ask_gate(key)[1] if k in free)
    return found


def _gate_first(key: str, askable: Sequence[str]) -> str:
    """The question to ask before `key`: an unanswered one its `ask_if` reads (sex before
    pregnancy), else `key` itself."""
    _test, read = _ask_gate(key)
    for gate in askable:
        if gate in read and gate != key:
            return _gate_first(gate, askable)
    return key


@dataclass(frozen=True, slots=True)
class Step:
    """One screen of the flow: one question, or yes/no questions of one topic asked together."""

    screen: Screen
    keys: tuple[str, ...]
    again: bool = False  # an unanswered safety question, asked (once more) before the result

    @property
    def together(self) -> bool:
        """True when several questions are asked at once (yes to any / no to all / not sure)."""
        return len(self.keys) > 1

    @property
    def questions(self) -> list[Question]:
        """The questions this step asks, in order."""
        vocabulary = load_vocabulary().questions
        return [vocabulary[k] for k in self.keys]


Reply = AnswerValue | None  # None: not sure. For a step asked together: True, False or None.


@dataclass(frozen=True)
class Progress:
    """What the records already said (`known`, never asked) and every step answered so far."""

    known: Mapping[str, AnswerValue] = field(default_factory=dict)
    log: tuple[tuple[Step, Reply], ...] = ()

    @property
    def answers(self) -> dict[str, AnswerValue]:
        """The answers so far; a key answered "not sure" is missing (unknown)."""
        answers = dict(self.known)
        for step, reply in self.log:
            if step.together:
                if reply is False:
                    answers.update(dict.fromkeys(step.keys, False))
            elif reply is None:
                answers.pop(step.keys[0], None)
            else:
                answers[step.keys[0]] = reply
        return answers

    @property
    def asked(self) -> int:
        """How many questions were asked (a step asked together counts once)."""
        return len(self.log)

    def answer(self, step: Step, reply: Reply) -> Progress:
        """The progress once `step` is answered with `reply`."""
        return Progress(self.known, (*self.log, (step, reply)))

    def back_to(self, number: int) -> Progress:
        """The progress before step `number` (1 for the first) was answered."""
        return Progress(self.known, self.log[: max(0, number - 1)])

    def opened_emergency_signs(self, step: Step) -> bool:
        """True when `step` asks, one by one, questions of a topic answered yes (or not sure)
        together, one of which, answered yes, is an emergency: the page then offers the call
        at once, without waiting for the person to say which."""
        answers = self.answers
        for done, reply in self.log:
            if done.together and reply is not False and set(done.keys) & set(step.keys):
                return any(
                    disposition_of({**answers, key: True}) is Disposition.EMERGENCY
                    for key in done.keys
                    if key not in answers  # a sign answered no since is not it
                )
        return False

    def next_step(self) -> Step | None:
        """The next step, or None when the result is ready."""
        answers = self.answers
        alone = {s.keys[0] for s, _ in self.log if not s.together}
        free = [k for k in load_vocabulary().questions if k not in answers and k not in alone]
        askable = [k for k in free if should_ask(k, answers)]
        current = disposition_of(answers)
        if current is Disposition.EMERGENCY:
            needed = _with_gates(decide_together(answers, free), answers, free)
            return self._step([k for k in askable if k in needed], askable)  # could it lower?
        chosen = _with_gates(decide_alone(answers, free), answers, free)
        chosen |= {k for k in askable if _follows_an_answer(k, answers)}
        together = _with_gates(decide_together(answers, free), answers, free)
        first = [k for k in askable if k in (chosen if chosen & set(askable) else together)]
        step = self._step(first, askable, [k for k in askable if k in together])
        return step or self._ask_again(answers)

    def _step(
        self, candidates: Sequence[str], askable: Sequence[str], also: Sequence[str] = ()
    ) -> Step | None:
        """The first candidate's step, with the candidates of its topic (and `also`, the keys
        that matter only with other answers) that can be asked together with it."""
        if not candidates:
            return None
        first = _gate_first(candidates[0], askable)
        if first != candidates[0]:
            return Step(_screen_of()[first], (first,))
        screen = _screen_of()[first]
        candidates = [k for k in askable if k in {*candidates, *also}]
        opened = {k for s, r in self.log if s.together and r is not False for k in s.keys}
        vocabulary = load_vocabulary().questions

        def groups(key: str) -> bool:
            plain = vocabulary[key].type is QuestionType.BOOL and key not in opened
            return plain and _screen_of()[key] == screen

        group = _fitting([k for k in candidates if groups(k)])
        if first in group and len(group) > 1:
            return Step(screen, tuple(group))
        return Step(screen, (first,))

    def _ask_again(self, answers: Mapping[str, AnswerValue]) -> Step | None:
        again = {s.keys[0] for s, _ in self.log if s.again}
        for key in load_vocabulary().core_safety_screen:
            if key not in answers and key not in again and should_ask(key, answers):
                return Step(_screen_of()[key], (key,), again=True)
        return None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form (lists for tuples), for a web session."""

        def plain(value: Reply) -> object:
            return list(value) if isinstance(value, tuple) else value

        return {
            "known": {k: plain(v) for k, v in self.known.items()},
            "log": [
                {"keys": list(s.keys), "again": s.again, "reply": plain(r)} for s, r in self.log
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Progress:
        """Back from `to_json`; raises KeyError or TypeError for something else."""

        def typed(value: object) -> Reply:
            return tuple(value) if isinstance(value, list) else value  # type: ignore[return-value]

        known = data.get("known") or {}
        log = data.get("log") or []
        assert isinstance(known, Mapping) and isinstance(log, list)
        steps = tuple(
            (
                Step(_screen_of()[e["keys"][0]], tuple(e["keys"]), bool(e.get("again"))),
                typed(e.get("reply")),
            )
            for e in log
        )
        return cls({str(k): typed(v) for k, v in known.items()}, steps)  # type: ignore[misc]
