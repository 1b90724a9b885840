"""Who may run which experiment: the plan's own rules for the change's plan item, plus two
experiment rules (in pregnancy only behaviour changes; a triage result that needs a doctor soon
comes first). Nothing here repeats a plan rule: `rules_for` asks the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from nightcramp.core.experiments.content import ChangeKind, ChangeSpec, load_experiment_content
from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.plan import Profile, Status, load_plan_content, rules_for
from nightcramp.core.plan.medicines import CheckNames

__all__ = ["Eligibility", "MayRun", "TriageCheck", "check_change", "list_changes"]

TriageCheck = Callable[[Mapping[str, object]], str]
"""Triage answers -> disposition id (`emergency`, `urgent`, …, `self_care`)."""

_SEE_DOCTOR_FIRST = frozenset({"emergency", "urgent"})


class MayRun(StrEnum):
    """Whether this person may run a change: yes, after asking a doctor, or not at all."""

    YES = "yes"
    ASK_DOCTOR = "ask_doctor"
    NO = "no"


@dataclass(frozen=True)
class Eligibility:
    """A change as this person sees it: its evidence, its design and whether they may run it."""

    change: ChangeSpec
    grade: Grade
    sources: tuple[str, ...]
    cautions: tuple[str, ...]
    may_run: MayRun
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        c = self.change
        wording = load_experiment_content().wording
        return {
            "id": c.id,
            "name": c.name,
            "kind": c.kind.value,
            "on": c.on,
            "off": c.off,
            "evidence_grade": self.grade.value,
            "evidence_words": self.grade.words,
            "sources": list(self.sources),
            "period_nights": c.period_nights,
            "washout_nights": c.washout_nights,
            "pairs": c.pairs,
            "may_run": self.may_run.value,
            "may_run_words": getattr(wording.may_run, self.may_run.value),
            "reasons": list(self.reasons),
            "cautions": list(self.cautions),
        }


def _default_triage(answers: Mapping[str, object]) -> str:
    from nightcramp.core.triage import assess

    disposition = assess(answers).disposition
    return str(getattr(disposition, "value", disposition))


def check_change(
    change: ChangeSpec,
    profile: Profile,
    *,
    today: dt.date | None = None,
    doctor_agreed: bool = False,
    triage: TriageCheck | None = None,
    check_names: CheckNames | None = None,
) -> Eligibility:
    """Whether `profile` may run `change` (`doctor_agreed`: a doctor said yes to it).

    Raises InputError when the profile's triage answers are invalid.
    """
    words = load_experiment_content().wording.reasons
    item = next(i for i in load_plan_content().items if i.id == change.plan_item)
    rules = rules_for(profile, change.plan_item, today=today, check_names=check_names)
    verdict = MayRun.YES
    reasons: list[str] = []

    def stricter(level: MayRun, reason: str | None) -> None:
        nonlocal verdict
        order = list(MayRun)
        if order.index(level) > order.index(verdict):
            verdict = level
        if reason and reason not in reasons:
            reasons.append(reason)

    for rule in rules:
        reason = rule.caution or rule.text
        if rule.status is Status.NOT_ADVISED:
            lifted = rule.id in change.doctor_can_allow
            stricter(MayRun.ASK_DOCTOR if lifted else MayRun.NO, reason)
        elif rule.status is Status.CAUTION:
            stricter(MayRun.NO if rule.id in change.never_with else MayRun.ASK_DOCTOR, reason)
    if change.kind is ChangeKind.SUPPLEMENT and profile.is_pregnant:
        stricter(MayRun.NO, None)
        reasons.insert(0, words.pregnancy)  # the reason that decides, first; nothing lifts it
    if profile.answers and (triage or _default_triage)(profile.answers) in _SEE_DOCTOR_FIRST:
        stricter(MayRun.NO, words.triage)
    if doctor_agreed and verdict is MayRun.ASK_DOCTOR:
        verdict = MayRun.YES
        reasons.append(words.doctor_agreed)
    cautions = [r.caution for r in rules if r.caution and r.status is None]
    return Eligibility(
        change=change,
        grade=next((r.grade for r in reversed(rules) if r.grade), item.grade),
        sources=tuple(dict.fromkeys((*item.sources, *change.sources))),
        cautions=tuple(dict.fromkeys((*cautions, *item.cautions))),
        may_run=verdict,
        reasons=tuple(reasons),
    )


def list_changes(
    profile: Profile,
    *,
    today: dt.date | None = None,
    triage: TriageCheck | None = None,
    check_names: CheckNames | None = None,
) -> tuple[Eligibility, ...]:
    """Every change that can be tested, in content order, with whether `profile` may run it."""
    return tuple(
        check_change(c, profile, today=today, triage=triage, check_names=check_names)
        for c in load_experiment_content().changes.values()
    )
