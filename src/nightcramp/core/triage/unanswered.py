"""A saved result's reasons, split into those the answers gave and the "We could not rule out …"
ones (an unanswered question whose yes would need a doctor today or sooner).

`assess` words each of the latter from one template (`could_not_rule_out` in
`content/triage/rules.yaml`): the rule's `rule_out`, then the questions to answer, each in
curly quotes. The result page and the doctor report both read them back here, so the
template is parsed in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nightcramp.core.triage.rules import load_rules

__all__ = ["ReasonSplit", "split_reasons"]

_QUOTED = re.compile("\u201c([^\u201d]*)\u201d")


@dataclass(frozen=True)
class ReasonSplit:
    """`why`: the reasons the answers gave; `not_ruled_out`: the "We could not rule out …"
    reasons, whole; `conditions`: what each of those could not rule out, in the content's
    words, each once; `asked`: how many different questions those reasons ask; `questions`: those
    questions' words, each once, in order."""

    why: list[str]
    not_ruled_out: list[str]
    conditions: list[str]
    asked: int
    questions: list[str]


def split_reasons(reasons: Sequence[str]) -> ReasonSplit:
    """Split a result's reasons (in their order) by the `could_not_rule_out` template."""
    template = load_rules().could_not_rule_out
    opening, _, rest = template.partition("{rule_out}")
    between = rest.partition("{questions}")[0]
    why: list[str] = []
    not_ruled_out: list[str] = []
    conditions: list[str] = []
    for reason in reasons:
        if not (opening and reason.startswith(opening)):
            why.append(reason)
            continue
        not_ruled_out.append(reason)
        named = reason[len(opening) :]
        condition = named.partition(between)[0] if between else named
        if condition and condition not in conditions:
            conditions.append(condition)
    questions: list[str] = []
    for reason in not_ruled_out:
        for question in _QUOTED.findall(reason):
            if question not in questions:
                questions.append(question)
    # Each question once; a reason whose question could not be read counts as one.
    asked = len(questions) + sum(1 for r in not_ruled_out if not _QUOTED.search(r))
    return ReasonSplit(
        why=why,
        not_ruled_out=not_ruled_out,
        conditions=conditions,
        asked=asked,
        questions=questions,
    )
