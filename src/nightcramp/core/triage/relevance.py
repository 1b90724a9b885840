"""Which unanswered questions could still change the triage disposition.

Nothing here lists important questions by hand: the rules are asked. A rule is run again and
again while the unanswered keys it reads take every value they could get (yes, no, not sure, a
number on each side of the rule's limits, a medicine of each class), and every run is recorded.
A key matters when some run that changes the most urgent disposition reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import cache, lru_cache

from nightcramp.core.meds import MedClass
from nightcramp.core.triage.conditions import Facts, Medicines
from nightcramp.core.triage.rules import Disposition, Rule, load_rules, read_rules_file
from nightcramp.core.triage.vocabulary import (
    MEDICATIONS,
    AnswerValue,
    Question,
    QuestionType,
    load_vocabulary,
)

__all__ = ["decide_alone", "decide_together", "disposition_of", "facts_of", "is_settled"]

_MAX_RUNS = 4000  # past this many runs a rule counts as changeable by every key it reads
_NAMED = ("a medicine",)  # stands for "some medicine names were given"


@cache
def _medicine_trials() -> tuple[Medicines | None, ...]:
    """Not sure, none, each class alone, any medicine at all, and names we do not recognise."""
    return (
        None,
        Medicines(),
        *(Medicines(classes=frozenset({c})) for c in MedClass),
        Medicines(everything=True),
        Medicines(unknown=("?",)),
    )


def facts_of(answers: Mapping[str, AnswerValue]) -> Facts:
    """The facts the rules read (the medicine names are resolved when a rule asks)."""
    return Facts(answers=answers)


def _level(rules: Iterator[Rule] | Sequence[Rule]) -> Disposition:
    levels = [r.disposition for r in rules if r.disposition is not None]
    return max(levels, default=Disposition.SELF_CARE)


def disposition_of(answers: Mapping[str, AnswerValue]) -> Disposition:
    """The most urgent disposition the rules give for these answers (as `assess` decides)."""
    facts = facts_of(answers)
    return _level(r for r in load_rules().rules if r.when(facts))


# ------------------------------------------------------------------ the values to try


def _numbers_in(spec: object, found: dict[str, set[float]]) -> None:
    """Every number a condition compares a key with, whatever the operator."""
    if isinstance(spec, dict):
        for name, value in spec.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.setdefault(str(name), set()).add(float(value))
            else:
                _numbers_in(value, found)
    elif isinstance(spec, list):
        for part in spec:
            _numbers_in(part, found)


@cache
def _limits() -> Mapping[str, frozenset[float]]:
    found: dict[str, set[float]] = {}
    for rule in read_rules_file().rules:
        _numbers_in(rule.when, found)
    for question in load_vocabulary().questions.values():
        _numbers_in(question.ask_if, found)
    return {k: frozenset(v) for k, v in found.items()}


def _fits(question: Question, number: float) -> bool:
    return (
        (question.minimum is None or number >= question.minimum)
        and (question.min_exclusive is None or number > question.min_exclusive)
        and (question.maximum is None or number <= question.maximum)
    )


@cache
def options(key: str) -> tuple[AnswerValue | None, ...]:
    """Every answer worth trying for a key; None stands for "not sure"."""
    question = load_vocabulary().questions[key]
    if question.type is QuestionType.BOOL:
        return (None, True, False)
    if question.type is QuestionType.ENUM:
        return (None, *question.choices)
    if question.type is QuestionType.LIST:
        return (None, _NAMED)
    candidates = {0.0, 1.0, float(question.minimum or 0), float(question.maximum or 0)}
    for limit in _limits().get(key, frozenset()):
        candidates |= {limit - 1.0, limit - 0.5, limit, limit + 0.5, limit + 1.0}
    whole = question.type is QuestionType.INT
    numbers = sorted(c for c in candidates if _fits(question, c) and (not whole or c.is_integer()))
    return (None, *(int(n) if whole else n for n in numbers))


# ------------------------------------------------------------------ runs


class _Runs:
    """Depth-first over every sequence of choices a test makes: replay a prefix, extend it."""

    def __init__(self) -> None:
        self.path: list[int] = []
        self.sizes: list[int] = []
        self.position = 0

    def choose(self, size: int) -> int:
        if self.position == len(self.path):
            self.path.append(0)
            self.sizes.append(size)
        choice = self.path[self.position]
        self.position += 1
        return choice

    def advance(self) -> bool:
        """Move to the next unexplored run; False when every run was made."""
        del self.path[self.position :], self.sizes[self.position :]
        self.position = 0
        while self.path:
            if self.path[-1] + 1 < self.sizes[-1]:
                self.path[-1] += 1
                return True
            self.path.pop()
            self.sizes.pop()
        return False


class _TrialAnswers(Mapping[str, AnswerValue]):
    """The known answers, and for each free key the value this run chose when it was read."""

    def __init__(self, known: Mapping[str, AnswerValue], free: Collection[str], runs: _Runs):
        self.known = known
        self.free = free
        self.runs = runs
        self.chosen: dict[str, AnswerValue | None] = {}

    def pick(self, key: str) -> AnswerValue | None:
        if key not in self.chosen:
            values = options(key)
            self.chosen[key] = values[self.runs.choose(len(values))]
        return self.chosen[key]

    def __getitem__(self, key: str) -> AnswerValue:
        value = self.known.get(key)
        if value is None and key in self.free:
            value = self.pick(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter([*self.known, *(k for k, v in self.chosen.items() if v is not None)])

    def __len__(self) -> int:
        return len(list(iter(self)))


Check = Callable[[Facts], bool]


def _witnesses(
    check: Check, known: Mapping[str, AnswerValue], free: Collection[str], medicines: bool
) -> set[str] | None:
    """The free keys read by the runs where `check` is true; None when no run makes it true."""
    runs = _Runs()
    found: set[str] | None = None
    for _ in range(_MAX_RUNS):
        answers = _TrialAnswers(known, free, runs)
        facts = Facts(answers)
        if medicines and MEDICATIONS in free:
            trials = _medicine_trials()
            trial = trials[runs.choose(len(trials))]
            answers.chosen[MEDICATIONS] = None if trial is None else _NAMED
            facts = Facts(answers, trial)
        if check(facts):
            found = (found or set()) | set(answers.chosen)
        if not runs.advance():
            return found
    return set(free)  # too many ways to tell: every free key may matter


# ------------------------------------------------------------------ what could change


def _changes(current: Disposition, fired: Sequence[Rule], readers: Sequence[Rule]) -> Check:
    """True when the disposition differs from `current` once `readers` are judged again."""
    kept = [r for r in fired if r not in readers]

    def check(facts: Facts) -> bool:
        return _level([*kept, *(r for r in readers if r.when(facts))]) is not current

    return check


def _readers(key: str) -> list[Rule]:
    return [r for r in load_rules().rules if key in r.keys and r.disposition is not None]


def decide_alone(answers: Mapping[str, AnswerValue], keys: Sequence[str]) -> list[str]:
    """The keys (in the order given) of which one answer, the others left as they are,
    changes the disposition."""
    facts = facts_of(answers)
    fired = [r for r in load_rules().rules if r.when(facts)]
    current = _level(fired)
    decisive = []
    for key in keys:
        readers = _readers(key)
        check = _changes(current, fired, readers)
        if readers and _witnesses(check, answers, {key}, key == MEDICATIONS) is not None:
            decisive.append(key)
    return decisive


def decide_together(answers: Mapping[str, AnswerValue], free: Collection[str]) -> set[str]:
    """The free keys that some combination of answers to the free keys needs to change the
    disposition. Empty when the disposition is settled whatever the free keys are."""
    facts = facts_of(answers)
    rules = load_rules().rules
    fired = [r for r in rules if r.when(facts)]
    current = _level(fired)
    free = frozenset(free)
    needed: set[str] = set()
    for index, rule in enumerate(rules):  # could a more urgent rule fire?
        if rule.disposition is None or rule.disposition <= current or not rule.keys & free:
            continue
        needed |= _needs((index,), _part(answers, rule.keys), free & rule.keys, fire=True)
    top = tuple(i for i, r in enumerate(rules) if r in fired and r.disposition is current)
    keys = frozenset().union(*(rules[i].keys for i in top))
    if keys & free:  # could every rule at this level stop?
        needed |= _needs(top, _part(answers, keys), free & keys, fire=False)
    return needed


def _part(answers: Mapping[str, AnswerValue], keys: frozenset[str]) -> Answered:
    return tuple(sorted((k, answers[k]) for k in keys if k in answers))


Answered = tuple[tuple[str, AnswerValue], ...]


@lru_cache(maxsize=1 << 16)
def _needs(
    indexes: tuple[int, ...], known: Answered, free: frozenset[str], fire: bool
) -> frozenset[str]:
    """The free keys some answers need so that one of these rules fires (or all stop)."""
    rules = [load_rules().rules[i] for i in indexes]

    def check(facts: Facts) -> bool:
        return any(r.when(facts) for r in rules) is fire

    medicines = any(MEDICATIONS in r.keys for r in rules)
    return frozenset(_witnesses(check, dict(known), free, medicines) or ())


def is_settled(answers: Mapping[str, AnswerValue], free: Collection[str]) -> bool:
    """True when no answers to the free keys could change the disposition."""
    return not decide_together(answers, free)
