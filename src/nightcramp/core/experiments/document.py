"""The experiment's result as the contract's JSON document, with its plain-words explanation.

The words come from `content/experiments/wording.yaml`; this module only picks and fills them.
"""

from __future__ import annotations

from typing import Literal

from nightcramp.core.diary import date_text
from nightcramp.core.experiments.analysis import Arms, ExperimentResult, Verdict
from nightcramp.core.experiments.content import ChangeKind, ChangeSpec, load_experiment_content
from nightcramp.core.experiments.schedule import Arm
from nightcramp.core.plan import load_plan_content
from nightcramp.core.ratios import percent_fewer, ratio_text, ratio_value

__all__ = ["State", "after_answer_words", "change_cautions", "experiment_document", "explain"]

State = Literal["going", "paused", "stopped"]
"""Whether a kept experiment goes on, is paused or was stopped; a schedule in files goes on."""


def _rates(arms: Arms) -> str:
    """The cramps a week with and without the change, in words; an arm with no logged night
    says so (never a dash)."""
    words = load_experiment_content().wording.rates
    on, off = arms.rate(Arm.ON), arms.rate(Arm.OFF)
    if on is not None and off is not None:
        return words.both.format(on_rate=f"{7 * on:.1f}", off_rate=f"{7 * off:.1f}")
    if off is not None:
        return words.no_on.format(off_rate=f"{7 * off:.1f}")
    if on is not None:
        return words.no_off.format(on_rate=f"{7 * on:.1f}")
    return words.neither


def change_cautions(change: ChangeSpec | None) -> tuple[str, ...]:
    """The cautions of the change's plan item (one source of truth), or none."""
    if change is None:
        return ()
    item = next(i for i in load_plan_content().items if i.id == change.plan_item)
    return item.cautions


def _verdict_words(result: ExperimentResult, state: State = "going") -> str:
    """The verdict's own sentence; "no clear effect" says the effect is probably small only when
    the whole likely range lies within the content's `small_effect` range; "not clear yet" says
    "keep going" only while the experiment goes on."""
    words = load_experiment_content().wording
    verdict = result.verdict
    if verdict is Verdict.NOT_ENOUGH_DATA:
        return words.verdict(verdict.value)
    arms = result.current
    look = result.deciding
    interval = look.interval() if look is not None else None
    values = {"rates": _rates(arms)}
    if interval is not None and arms.estimate is not None:
        values["low"], values["high"] = ratio_text(interval[0]), ratio_text(interval[1])
        values["percent"] = str(percent_fewer(arms.estimate.rate_ratio))
    template = words.verdict(verdict.value)
    if verdict is Verdict.CONTINUE and state != "going":
        template = getattr(words.not_going, state)
    if verdict is Verdict.NO_CLEAR_EFFECT and (
        interval is None or not words.small_effect.holds(*interval)
    ):
        template = words.no_clear_effect_wide
    return template.format(**values)


def after_answer_words(result: ExperimentResult) -> str | None:
    """What the latest look after the answer shows, in words ("Nights after the answer: …"),
    or None when no look came after it. The answer itself stays that of the first final look."""
    answer, latest = result.deciding, result.looks[-1] if result.looks else None
    if answer is None or latest is None or not latest.after_answer:
        return None
    interval = latest.interval()
    if interval is None:
        return None
    words = load_experiment_content().wording
    return words.after_answer.format(
        date=date_text(latest.date),
        low=ratio_text(interval[0]),
        high=ratio_text(interval[1]),
        call=getattr(words.after_answer_calls, latest.verdict.value),
        answer_date=date_text(answer.date),
    )


def explain(
    result: ExperimentResult, change: ChangeSpec | None = None, state: State = "going"
) -> str:
    """The verdict in plain words: the rates, how sure we are, and, for a supplement that
    helps, a reminder to keep to its cautions. Nights after the answer never change it (see
    `after_answer_words`)."""
    words = load_experiment_content().wording
    arms = result.current
    look = result.deciding
    verdict = result.verdict
    parts = [_verdict_words(result, state)]
    if arms.estimate is not None and verdict is not Verdict.NOT_ENOUGH_DATA:
        chance = round(100 * arms.estimate.probability_helps)
        parts.append(words.chance.format(chance=min(99, max(1, chance))))
    if (
        look is not None
        and look.per_protocol.nights_on + look.per_protocol.nights_off < look.nights
    ):
        parts.append(words.per_protocol.format(rates=_rates(look.per_protocol)))
    if result.pairs_planned > 1 and state != "stopped":  # no more looks after a stop
        parts.append(words.looked_again)
    if change is not None and change.kind is ChangeKind.SUPPLEMENT and verdict is Verdict.HELPS:
        parts.append(words.cautions)
    elif change is None and verdict is Verdict.HELPS:
        parts.append(words.cautions_unknown)
    return " ".join(parts)


def _arms_json(arms: Arms, interval: tuple[float, float] | None) -> dict[str, object]:
    est = arms.estimate
    return {
        "nights_on": arms.nights_on,
        "nights_off": arms.nights_off,
        "cramps_on": arms.cramps_on,
        "cramps_off": arms.cramps_off,
        "rate_ratio": None if est is None else ratio_value(est.rate_ratio),
        "ci_low": None if interval is None else ratio_value(interval[0]),
        "ci_high": None if interval is None else ratio_value(interval[1]),
    }


def experiment_document(
    result: ExperimentResult, change: ChangeSpec | None = None, state: State = "going"
) -> dict[str, object]:
    """The contract's `experiment analyze --json` document (and a few keys beside it); `state`
    says whether a kept experiment goes on, is paused or was stopped (files: going)."""
    look = result.deciding
    interval = look.interval() if look is not None else None
    est = result.current.estimate
    doc: dict[str, object] = {"change": None if change is None else change.id}
    doc |= _arms_json(result.current, interval)
    doc |= {
        "probability_helps": None if est is None else round(est.probability_helps, 3),
        "verdict": result.verdict.value,
        "final": result.final,
        "looks": [lk.to_json() for lk in result.looks],
        "explanation": explain(result, change, state),
        "after_answer": after_answer_words(result),
        "analysis": "intention_to_treat",
        "per_protocol": None
        if look is None
        else _arms_json(
            look.per_protocol,
            None
            if look.per_protocol.estimate is None
            else look.per_protocol.estimate.interval(look.boundary),
        ),
        "secondary": dict(result.secondary),
        "washout_nights": result.washout,
        "pairs_planned": result.pairs_planned,
        "pairs_done": len(result.looks),
        "dispersion": None if est is None else round(est.dispersion, 3),
        "cautions": list(change_cautions(change)),
    }
    return doc
