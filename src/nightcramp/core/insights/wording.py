"""Plain-language explanations of factor results: counts and uncertainty, never causation.

The words live in `content/insights/wording.yaml`; this module only picks and fills them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from pydantic import Field

from nightcramp.core.diary import FactorKind, Relief
from nightcramp.core.knowledge.files import (
    ContentModel,
    check_template,
    content_key,
    read_content,
)
from nightcramp.core.ratios import percent_fewer, ratio_text

__all__ = [
    "WORDING_FILE",
    "InsightWording",
    "allowed_text",
    "count_text",
    "describe",
    "experiment_line",
    "headline",
    "interval_note",
    "label",
    "load_insight_wording",
    "logging_gaps_warning",
    "nights_estimate",
    "nights_left",
    "nothing_stands_out",
    "only_cramp_nights_warning",
    "ratio_text",
    "relief_label",
    "unlogged_cramps_warning",
]

WORDING_FILE = "insights/wording.yaml"


class _Reasons(ContentModel):
    """Why a factor has no verdict yet, by the analysis's reason code."""

    no_nights: str
    no_cramp_nights: str
    few_cramp_nights: str
    only_cramp_nights: str
    too_few_recorded: str
    constant: str
    only_yes: str
    too_little_variation: str
    values_out_of_reach: str
    too_many_factors: str


class _NotEnoughData(ContentModel):
    reasons: _Reasons
    collinear: str
    other: str
    more_nights: str


class _OneOther(ContentModel):
    """A sentence whose verb follows a count: `one` for a single thing, `other` for more."""

    one: str
    other: str


class InsightWording(ContentModel):
    """The words of the analysis, as `content/insights/wording.yaml` gives them."""

    reviewed: dt.date
    factor_labels: dict[str, str]
    relief_labels: dict[str, str]
    relief_evidence: dict[Relief, str]
    relief_warning: str
    relief_note: str
    lagged: str
    on_nights_with: str
    with_each_extra: str
    with_each_extra_for: dict[str, str] = Field(default_factory=dict)
    not_enough_data: _NotEnoughData
    more_cramps: str  # "about {ratio} times as many", also for a ratio below 1
    fewer_cramps: str
    likely_range: str
    likely_trigger: str
    likely_protective: str
    allowed_for: dict[str, str] = Field(default_factory=dict)
    no_clear_link: str
    no_clear_link_wide: str
    could_show_doubling: str
    moved_together: str
    always_together: str
    verdict_words: dict[str, str] = Field(default_factory=dict)
    interval_note: str = ""
    nights_left: str = ""
    range_times: str = ""
    range_fewer: str = ""
    experiment_offer: str = ""
    experiment_running: str = ""
    headline: str = ""
    headline_wide: str = ""
    found_note: str = ""
    stand_out_one: str = ""
    stand_out_many: str = ""
    nothing_stands_out: str = ""
    only_cramp_nights_warning: str = ""
    every_night_cramps_warning: str = ""
    logging_gaps_warning: str = ""
    unlogged_cramps_warning: _OneOther = _OneOther(one="", other="")
    plurals: dict[str, str] = Field(default_factory=dict)
    nights_and_time: str = ""


_VERDICT = ("when", "size", "span")
# The placeholders of each text, by its key; a text that drops or adds one is refused on load.
_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "lagged": ("factor",),
    "on_nights_with": ("factor",),
    "with_each_extra": ("step", "factor"),
    "with_each_extra_for": ("step",),
    "few_cramp_nights": ("cramp_nights",),
    "too_few_recorded": ("recorded",),
    "collinear": ("partner",),
    "more_nights": ("nights",),
    "more_cramps": ("ratio",),
    "fewer_cramps": ("percent",),
    "range_times": ("low", "high"),
    "range_fewer": ("low", "high"),
    "likely_range": ("range", "nights"),
    "likely_trigger": (*_VERDICT, "allowed"),
    "likely_protective": (*_VERDICT, "allowed"),
    "no_clear_link": _VERDICT,
    "no_clear_link_wide": ("when", "range", "nights"),
    "could_show_doubling": ("nights",),
    "moved_together": ("partners",),
    "always_together": ("partners",),
    "relief_warning": ("reason",),
    "interval_note": ("tests",),
    "nights_left": ("nights",),
    "experiment_offer": ("name", "weeks"),
    "experiment_running": ("name",),
    "headline": ("when", "size", "range"),
    "headline_wide": ("when", "range"),
    "found_note": ("allowed",),
    "stand_out_many": ("count",),
    "nothing_stands_out": ("nights",),
    "only_cramp_nights_warning": ("cramp_nights", "nights"),
    "every_night_cramps_warning": ("cramp_nights", "nights"),
    "logging_gaps_warning": ("logged", "span"),
    "unlogged_cramps_warning": ("cramps", "nights"),
    "nights_and_time": ("nights", "time"),
}


def load_insight_wording(content_dir: Path | None = None) -> InsightWording:
    """The analysis's words (cached per folder); raises ContentFileError naming the field."""
    return _load(content_key(content_dir))


@cache
def _load(root: Path | None) -> InsightWording:
    words = read_content(WORDING_FILE, InsightWording, root=root, keyed=("factor_labels",))
    texts: dict[tuple[str | None, str], str] = {
        ("not_enough_data", f"reasons.{name}"): text for name, text in words.not_enough_data.reasons
    }
    texts.update(
        (("not_enough_data", name), value)
        for name, value in words.not_enough_data
        if isinstance(value, str)
    )
    texts.update(((None, name), value) for name, value in words if isinstance(value, str))
    texts.update(
        (("with_each_extra_for", name), value) for name, value in words.with_each_extra_for.items()
    )
    texts.update(
        (("unlogged_cramps_warning", name), value) for name, value in words.unlogged_cramps_warning
    )
    for (entry, field), text in texts.items():
        grouped = entry in {"with_each_extra_for", "unlogged_cramps_warning"}
        key = str(entry) if grouped else field
        expected = _PLACEHOLDERS.get(key.removeprefix("reasons."), ())
        check_template(WORDING_FILE, entry, field, text, expected)
    return words


def relief_label(relief: str) -> str:
    """The everyday name of a relief method."""
    return load_insight_wording().relief_labels.get(relief, relief.replace("_", " "))


def label(name: str, lag_days: int = 0) -> str:
    """The everyday name of a factor (the column name for custom factors)."""
    words = load_insight_wording()
    base = words.factor_labels.get(name, name.replace("_", " "))
    return words.lagged.format(factor=base) if lag_days else base


def _when(name: str, kind: FactorKind, contrast: str, lag_days: int) -> str:
    words = load_insight_wording()
    what = label(name, lag_days)
    if kind == FactorKind.BOOL:
        return words.on_nights_with.format(factor=what)
    step = contrast.removeprefix("per IQR (").removeprefix("per ").split(")")[0].split(" (")[0]
    step = step.removeprefix("1 ")  # "each extra drink", not "each extra 1 drink"
    own = words.with_each_extra_for.get(name) if not lag_days else None
    if own is not None:
        return own.format(step=step)
    return words.with_each_extra.format(step=step, factor=what)


def _not_enough(
    reason: str | None, partner: str | None, cramp_nights: int, recorded: int, needed: int | None
) -> str:
    words = load_insight_wording().not_enough_data
    if reason == "collinear" and partner:
        text = words.collinear.format(partner=label(partner))
    else:
        if reason == "few_cramp_nights" and cramp_nights == 0:
            reason = "no_cramp_nights"
        known = reason is not None and reason in _Reasons.model_fields
        template = getattr(words.reasons, reason) if known and reason else words.other
        text = template.format(
            cramp_nights=count_text(cramp_nights, "night"), recorded=count_text(recorded, "night")
        )
    if needed:
        text += " " + words.more_nights.format(nights=nights_estimate(needed))
    return text


def interval_note(tests: object) -> str | None:
    """Why the likely ranges are wider than one test's; None with fewer than two tests."""
    count = tests if isinstance(tests, int) else 0
    return load_insight_wording().interval_note.format(tests=count) if count >= 2 else None


def _estimate(rate_ratio: float) -> str:
    """The estimate for reading "about N times": 2 significant figures (never the 3 decimals a
    bound near 1 gets), and "1.0", never "1 times"."""
    if rate_ratio < 0.001 or rate_ratio >= 99.5:
        return ratio_text(rate_ratio)
    text = f"{rate_ratio:.2g}"
    return "1.0" if text == "1" else text


def _size_and_range(rate_ratio: float, ci: tuple[float, float]) -> tuple[str, str]:
    """How big a difference was and its likely range, in one kind of number: percent for a
    clear drop (the whole range below 1, by at least 1%), times for anything else."""
    words = load_insight_wording()
    low, high = ci
    if round(100 * (1 - high)) >= 1:
        size = words.fewer_cramps.format(percent=percent_fewer(rate_ratio))
        span = words.range_fewer.format(low=percent_fewer(high), high=percent_fewer(low))
        return size, span
    size = words.more_cramps.format(ratio=_estimate(rate_ratio))
    return size, words.range_times.format(low=ratio_text(low), high=ratio_text(high))


def headline(
    *,
    name: str,
    kind: FactorKind,
    lag_days: int,
    contrast: str,
    rate_ratio: float,
    ci: tuple[float, float],
) -> str:
    """One short line for a finding: when, how big, and the likely range."""
    size, span = _size_and_range(rate_ratio, ci)
    words = load_insight_wording()
    when = _when(name, kind, contrast, lag_days)
    if _too_wide(ci):
        return words.headline_wide.format(when=when, range=span)
    return words.headline.format(when=when, size=size, range=span)


# A likely range across 1 whose ends are more than this many times apart says only that it is
# too soon: no single size is said.
_WIDE = 10.0


def _too_wide(ci: tuple[float, float]) -> bool:
    """True for a likely range across 1 too wide for one size to mean anything."""
    low, high = ci
    return low < 1 < high and high > _WIDE * low


def describe(
    *,
    name: str,
    kind: FactorKind,
    lag_days: int,
    verdict: str,
    contrast: str,
    rate_ratio: float | None,
    ci: tuple[float, float] | None,
    nights_recorded: int,
    nights_needed: int | None,
    reason: str | None,
    cramp_nights: int,
    partner: str | None,
    time_terms: Sequence[str] = (),
    moved_with: Sequence[tuple[str, int]] = (),
    twins: Sequence[tuple[str, int]] = (),
) -> str:
    """Return the plain-language explanation of one factor's result (`time_terms`: those the
    model allowed for, named in a finding's words; `moved_with`: the factors, with their lag
    days, that went together with it, named when no link is clear)."""
    if verdict == "not_enough_data":
        return _not_enough(reason, partner, cramp_nights, nights_recorded, nights_needed)
    assert rate_ratio is not None and ci is not None
    words = load_insight_wording()
    size, span = _size_and_range(rate_ratio, ci)
    span = words.likely_range.format(range=span, nights=count_text(nights_recorded, "night"))
    when = _when(name, kind, contrast, lag_days)
    if verdict in {"likely_trigger", "likely_protective"}:
        template = words.likely_trigger if verdict == "likely_trigger" else words.likely_protective
        text = template.format(when=when, size=size, span=span, allowed=allowed_text(time_terms))
        return " ".join((text, *twins_sentence(twins)))
    if _too_wide(ci):
        _, times = _size_and_range(1.0, ci)
        nights = count_text(nights_recorded, "night")
        text = words.no_clear_link_wide.format(when=when, range=times, nights=nights)
    else:
        text = words.no_clear_link.format(when=when, size=size, span=span)
    text = " ".join((text, *twins_sentence(twins)))
    often = [pair for pair in moved_with if pair not in twins]
    if often:
        partners = [label(other, lag) for other, lag in often]
        text += " " + words.moved_together.format(partners=_and_list(partners))
    if nights_needed:
        text += " " + words.could_show_doubling.format(nights=nights_estimate(nights_needed))
    return text


def twins_sentence(twins: Sequence[tuple[str, int]]) -> tuple[str, ...]:
    """("It always went together with heavy sweating, so …",) for a factor with twins (those
    left out as repeating it), else ()."""
    if not twins:
        return ()
    partners = _and_list([label(other, lag) for other, lag in twins])
    return (load_insight_wording().always_together.format(partners=partners),)


def _and_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def allowed_text(time_terms: Sequence[str]) -> str:
    """What a finding was allowed for, by the model's time terms: the other factors, and the
    time of year or the slow change over time only when the model had them."""
    allowed = load_insight_wording().allowed_for
    if any(t.startswith("season") for t in time_terms):
        key = "season"
    elif "trend" in time_terms:
        key = "trend"
    else:
        key = "none"
    return allowed.get(key, allowed.get("none", ""))


def count_text(count: float, noun: str) -> str:
    """`count` and the noun, singular for exactly 1 ("1 night", "3 nights", "1,200 nights")."""
    number = f"{count:,}" if isinstance(count, int) else f"{count:,g}"
    word = noun if count == 1 else load_insight_wording().plurals.get(noun, noun + "s")
    return f"{number} {word}"


# Past these many nights an estimate says how long that is in weeks, months, then years.
_WEEKS_FROM, _MONTHS_FROM, _YEARS_FROM = 14, 60, 548


def nights_estimate(nights: int) -> str:
    """An estimated number of nights for reading: exact below 20, else to 2 significant figures
    ("about 387" is "390"), with how long it takes logging every night once it is 2 weeks or
    more: "12 nights", "45 nights (6 weeks)", "390 nights (13 months)", "1,200 nights (3.5 years)".

    Every estimate of nights (more nights needed, nights in all) is said through this.
    """
    shown = nights if nights < 20 else round(nights, 2 - len(str(nights)))
    text = count_text(shown, "night")
    if nights < _WEEKS_FROM:
        return text
    if nights < _MONTHS_FROM:
        time = count_text(round(nights / 7), "week")
    elif nights < _YEARS_FROM:
        time = count_text(round(nights / 30.44), "month")
    else:
        time = count_text(round(nights / 365.25 * 2) / 2, "year")
    return load_insight_wording().nights_and_time.format(nights=text, time=time)


def nights_left(nights: int) -> str:
    """How many more logged nights would settle an unsettled factor, at the person's rate."""
    return load_insight_wording().nights_left.format(nights=nights_estimate(nights))


def nothing_stands_out(nights: int) -> str:
    """The summary line when no factor stands out: the nights in all a doubling would need."""
    return load_insight_wording().nothing_stands_out.format(nights=nights_estimate(nights))


def experiment_line(name: str, weeks: int | None = None, *, running: bool = False) -> str:
    """The planned experiment `name` offered for a factor (`weeks` long), or, while it is
    `running` (or paused), that it is being tested. Raises ValueError for an offer with no
    `weeks`."""
    words = load_insight_wording()
    if running:
        return words.experiment_running.format(name=name)
    if weeks is None:
        raise ValueError("an experiment is offered with its length in weeks")
    return words.experiment_offer.format(name=name, weeks=weeks)


def only_cramp_nights_warning(cramp_nights: int, nights: int, *, every_evening: bool) -> str:
    """The note for a diary whose logged nights (nearly) all had a cramp: logged only on such
    nights, or (`every_evening`) kept nearly every evening by someone who cramps most nights."""
    words = load_insight_wording()
    text = words.every_night_cramps_warning if every_evening else words.only_cramp_nights_warning
    return text.format(cramp_nights=cramp_nights, nights=nights)


def logging_gaps_warning(logged: int, span: int) -> str:
    """The note for a diary with many nights not logged between the first and the last."""
    return load_insight_wording().logging_gaps_warning.format(logged=logged, span=span)


def unlogged_cramps_warning(cramps: int, nights: int) -> str:
    """The note for cramps logged on nights with no evening entry ("1 cramp was on 1 night")."""
    words = load_insight_wording().unlogged_cramps_warning
    template = words.one if cramps == 1 else words.other
    return template.format(cramps=count_text(cramps, "cramp"), nights=count_text(nights, "night"))
