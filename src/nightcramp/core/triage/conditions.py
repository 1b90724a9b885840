"""The small condition language of the triage rules and questions.

A condition is true only when the answers make it true: a missing answer is neither yes nor no.
Medicine names are resolved as `meds check` resolves them, once per list of names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from nightcramp.core.knowledge.files import ContentFileError, quoted
from nightcramp.core.meds import MedClass, check_names
from nightcramp.core.meds.check import MedCheck, doses_of
from nightcramp.core.meds.interactions import InteractionKind, find_interactions
from nightcramp.core.meds.names import compact, load_dictionary, means_no_medicine
from nightcramp.core.triage.vocabulary import AnswerValue, Question, load_vocabulary

__all__ = [
    "ConditionPlace",
    "Facts",
    "Medicines",
    "Test",
    "medicines_of",
    "parse_condition",
]


@dataclass(frozen=True, slots=True)
class Medicines:
    """What a list of medicine names resolved to.

    `generics` holds the compact names of every resolved generic and component, and of every
    name that was not recognised (so a rule naming a generic still finds it).
    `everything` stands for "any medicine at all" when trying out an unanswered list.
    `possible` holds the classes an everyday word may mean ("water tablet": the diuretics):
    a rule that asks for a class counts them, since an unknown never lowers urgency.
    """

    classes: frozenset[MedClass] = frozenset()
    generics: frozenset[str] = frozenset()
    unknown: tuple[str, ...] = ()
    interactions: frozenset[InteractionKind] = frozenset()
    everything: bool = False
    possible: frozenset[MedClass] = frozenset()


@lru_cache(maxsize=256)
def medicines_of(names: tuple[str, ...]) -> Medicines:
    """Resolve medicine names (generic, brand, one-edit misspelling) to classes and generics."""
    result = check_names(list(names))
    classes: frozenset[MedClass] = frozenset().union(
        *(m.component_classes or {m.class_} for m in result.medications)
    )
    generics = {compact(part) for m in result.medications for part in (m.generic, *m.components)}
    generics |= {compact(name) for name in result.unknown}
    kinds = _interaction_kinds(result)
    meant = tuple(sorted({name for hint in result.hints for name in hint.may_mean}))
    possible = medicines_of(meant).classes if meant else frozenset()
    return Medicines(
        classes, frozenset(generics), tuple(result.unknown), kinds, possible=possible - classes
    )


def _interaction_kinds(result: MedCheck) -> frozenset[InteractionKind]:
    """The interactions among the medicines, counting every medicine an everyday word may
    mean ("statin" with clarithromycin may be simvastatin): an unknown never lowers urgency.
    Two medicines that one everyday word may mean are alternatives, never a pair."""
    checked = [m.generic for m in result.medications] + [u.lower() for u in result.unknown]
    doses = doses_of(result.medications)
    words: dict[str, set[int]] = {}
    for place, hint in enumerate(result.hints):
        for name in hint.may_mean:
            words.setdefault(name, set()).add(place)
    extra = [name for name in words if name not in checked]
    kinds: set[InteractionKind] = set()
    for found in find_interactions([*checked, *extra], doses):
        one, other = found.medicines
        if one in extra and other in extra and words[one] & words[other]:
            continue
        kinds.add(found.kind)
    return frozenset(kinds)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the conditions look at: the answers and, when known, what the medicines are.

    Without `medicines`, the answer `medications` (if any) is resolved when a condition asks.
    """

    answers: Mapping[str, AnswerValue]
    medicines: Medicines | None = None

    def meds(self) -> Medicines | None:
        """The resolved medicines, or None while the medicines question is unanswered."""
        if self.medicines is not None:
            return self.medicines
        names = self.answers.get("medications")
        if isinstance(names, list | tuple):
            # "none" in the list says there are none; it is not a medicine nobody knows.
            return medicines_of(tuple(str(n) for n in names if not means_no_medicine(str(n))))
        return None


Test = Callable[[Facts], bool]


class ConditionPlace(NamedTuple):
    """Where a condition is written, for the error that names it."""

    file: str
    entry: str
    field: str

    def error(self, reason: str) -> ContentFileError:
        """A ContentFileError at this place."""
        return ContentFileError(reason, file=self.file, entry=self.entry, field=self.field)


def _number(facts: Facts, key: str) -> float | None:
    """The answer to `key` as a number (a whole number stays whole: one too big for a float
    still compares), or None."""
    value = facts.answers.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


_COMPARE: Mapping[str, Callable[[float, float], bool]] = {
    "at_least": lambda n, limit: n >= limit,
    "more_than": lambda n, limit: n > limit,
    "less_than": lambda n, limit: n < limit,
}


class _Parser:
    """Compiles one condition tree, collecting the answer keys it reads."""

    def __init__(
        self,
        where: ConditionPlace,
        keys: set[str],
        questions: Mapping[str, Question],
        core: Sequence[str],
    ) -> None:
        self.where, self.keys, self.questions, self.core = where, keys, questions, core

    def key(self, op: str, name: object) -> str:
        if not isinstance(name, str) or name not in self.questions:
            raise self.where.error(f"{op}: {quoted(name)} is not a vocabulary key")
        self.keys.add(name)
        return name

    def names(self, op: str, arg: object) -> frozenset[str]:
        """Medicine names as a list, or a group of meds/names.yaml as `{group: ID}`."""
        if isinstance(arg, dict) and list(arg) == ["group"]:
            members = load_dictionary().groups.get(str(arg["group"]))
            if members is None:
                raise self.where.error(f"{op}: {quoted(arg['group'])} is not a medicine group")
            arg = sorted(members)
        if not isinstance(arg, list) or not arg or not all(isinstance(a, str) for a in arg):
            raise self.where.error(f"{op}: expected a list of medicine names or {{group: ID}}")
        self.keys.add("medications")
        return frozenset(compact(a) for a in arg)

    def parse(self, spec: object) -> Test:
        if not isinstance(spec, dict) or len(spec) != 1:
            raise self.where.error("a condition is a mapping with one operator")
        ((op, arg),) = spec.items()
        handler = getattr(self, f"op_{op}", None) if isinstance(op, str) else None
        if handler is None:
            raise self.where.error(f"unknown condition operator {quoted(op)}")
        test: Test = handler(arg)
        return test

    def op_yes_to(self, arg: object) -> Test:
        k = self.key("yes_to", arg)
        return lambda f: f.answers.get(k) is True

    def op_no_to(self, arg: object) -> Test:
        k = self.key("no_to", arg)
        return lambda f: f.answers.get(k) is False

    def _pair(self, op: str, arg: object) -> tuple[str, object]:
        if not isinstance(arg, dict) or len(arg) != 1:
            raise self.where.error(f"{op}: expected {{key: value}}")
        ((name, target),) = arg.items()
        return self.key(op, name), target

    def op_is(self, arg: object) -> Test:
        k, target = self._pair("is", arg)
        return lambda f: f.answers.get(k) == target

    def _compare(self, op: str, arg: object) -> Test:
        k, target = self._pair(op, arg)
        if isinstance(target, bool) or not isinstance(target, int | float):
            raise self.where.error(f"{op}: expected a number, not {quoted(target)}")
        limit, compare = float(target), _COMPARE[op]
        return lambda f: (n := _number(f, k)) is not None and compare(n, limit)

    def op_at_least(self, arg: object) -> Test:
        return self._compare("at_least", arg)

    def op_more_than(self, arg: object) -> Test:
        return self._compare("more_than", arg)

    def op_less_than(self, arg: object) -> Test:
        return self._compare("less_than", arg)

    def _parts(self, op: str, arg: object) -> list[Test]:
        if not isinstance(arg, list) or not arg:
            raise self.where.error(f"{op}: expected a list of conditions")
        return [self.parse(p) for p in arg]

    def op_any(self, arg: object) -> Test:
        parts = self._parts("any", arg)
        return lambda f: any(p(f) for p in parts)

    def op_all(self, arg: object) -> Test:
        parts = self._parts("all", arg)
        return lambda f: all(p(f) for p in parts)

    def op_not(self, arg: object) -> Test:
        negated = self.parse(arg)
        return lambda f: not negated(f)

    def op_medicine(self, arg: object) -> Test:
        if not isinstance(arg, list) or not arg:
            raise self.where.error("medicine: expected a list of medication classes")
        try:
            wanted = frozenset(MedClass(c) for c in arg)
        except (TypeError, ValueError) as error:
            raise self.where.error(f"medicine: not a medication class ({error})") from error
        self.keys.add("medications")
        return lambda f: (
            (m := f.meds()) is not None
            and (m.everything or bool((m.classes | m.possible) & wanted))
        )

    def op_linked_medicine(self, arg: object) -> Test:
        # A class taken to treat cramps (quinine: `cramp_link: treatment`) is no cause of
        # them: its own rules speak of it.
        self.keys.add("medications")
        classes = load_dictionary().classes
        causes = frozenset(c for c, info in classes.items() if info.cramp_link.may_cause)
        return lambda f: (m := f.meds()) is not None and (m.everything or bool(m.classes & causes))

    def op_unknown_medicine(self, arg: object) -> Test:
        self.keys.add("medications")
        return lambda f: (m := f.meds()) is not None and (m.everything or bool(m.unknown))

    def op_generic(self, arg: object) -> Test:
        wanted = self.names("generic", arg)
        return lambda f: (m := f.meds()) is not None and (m.everything or bool(m.generics & wanted))

    def op_takes_none_of(self, arg: object) -> Test:
        """True only when the medicines are known, all recognised, and none is listed."""
        wanted = self.names("takes_none_of", arg)
        return lambda f: (
            (m := f.meds()) is not None
            and not m.everything
            and not m.unknown
            and not (m.generics & wanted)
        )

    def op_interaction(self, arg: object) -> Test:
        try:
            kind = InteractionKind(str(arg))
        except ValueError as error:
            raise self.where.error(f"interaction: {quoted(arg)} is not a kind") from error
        self.keys.add("medications")
        return lambda f: (m := f.meds()) is not None and (m.everything or kind in m.interactions)

    def op_safety_screen(self, arg: object) -> Test:
        """`safety_screen: incomplete`: a key of the core safety screen is not answered no."""
        if arg != "incomplete":
            raise self.where.error(f"safety_screen: expected incomplete, not {quoted(arg)}")
        core = [self.key("safety_screen", k) for k in self.core]
        return lambda f: any(f.answers.get(k) is not False for k in core)


def parse_condition(
    spec: object,
    where: ConditionPlace,
    keys: set[str],
    questions: Mapping[str, Question] | None = None,
    core: Sequence[str] | None = None,
) -> Test:
    """Compile one condition; add every answer key it reads to `keys`.

    `questions` and `core` (the core safety screen) default to the shipped vocabulary.
    Raises ContentFileError naming `where` for an unknown operator, key, class or kind.
    """
    if questions is None or core is None:
        vocabulary = load_vocabulary()
        questions = vocabulary.questions if questions is None else questions
        core = vocabulary.core_safety_screen if core is None else core
    return _Parser(where, keys, questions, core).parse(spec)
