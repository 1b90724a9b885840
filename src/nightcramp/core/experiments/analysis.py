"""Analyses a self-experiment from its schedule and the diary: a look at the end of every pair,
each from the nights up to that pair's last date, and the verdict of the stopping rule.

Intention to treat first: a night counts in its scheduled arm whether or not it was followed.
Per protocol beside it: the nights marked `followed: false` left out. The first `washout` nights
of each period are left out of both. A scheduled night that is not logged is missing, never
cramp-free (a night is logged when it has a check-in or a cramp, as in the diary summary).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.boundaries import spending_boundaries
from nightcramp.core.experiments.estimate import PairCounts, RateEstimate, estimate_rate_ratio
from nightcramp.core.experiments.schedule import Arm, Schedule, ScheduledNight
from nightcramp.core.ratios import ratio_value

__all__ = ["Arms", "ExperimentResult", "Look", "Verdict", "analyze_experiment"]

_MIN_CRAMPS = 3
"""Fewer cramps than this over the whole schedule: too few to compare the arms."""
_MIN_LOGGED_SHARE = 0.5
"""Each arm needs at least this share of its analysable nights logged by the end."""


class Verdict(StrEnum):
    HELPS = "helps"
    MAKES_WORSE = "makes_worse"
    NO_CLEAR_EFFECT = "no_clear_effect"
    CONTINUE = "continue"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class Arms:
    """Counts for one analysis set (intention to treat or per protocol) up to a date."""

    nights_on: int
    nights_off: int
    cramps_on: int
    cramps_off: int
    estimate: RateEstimate | None

    def rate(self, arm: Arm) -> float | None:
        """Cramps per night in `arm`; None with no logged night."""
        nights, cramps = (
            (self.nights_on, self.cramps_on)
            if arm is Arm.ON
            else (self.nights_off, self.cramps_off)
        )
        return cramps / nights if nights else None


@dataclass(frozen=True)
class Look:
    """One look, at the end of a pair: its date, the analysis and the stopping rule's call.

    A look after the first final one stays final, and its verdict is the call its own numbers
    make at its own boundary (`helps`, `makes_worse`, else `no_clear_effect`)."""

    pair: int
    date: dt.date
    itt: Arms
    per_protocol: Arms
    boundary: float
    verdict: Verdict
    final: bool
    after_answer: bool = False
    """True for a look after the first final one: its verdict is its own numbers' call, and
    the experiment's answer stays that of the first final look."""

    @property
    def nights(self) -> int:
        return self.itt.nights_on + self.itt.nights_off

    def interval(self) -> tuple[float, float] | None:
        """The repeated confidence interval of the rate ratio (widened for the looks)."""
        est = self.itt.estimate
        return None if est is None else est.interval(self.boundary)

    def to_json(self) -> dict[str, object]:
        est = self.itt.estimate
        ci = self.interval()
        return {
            "date": self.date.isoformat(),
            "nights": self.nights,
            "verdict": self.verdict.value,
            "final": self.final,
            "after_answer": self.after_answer,
            "pair": self.pair,
            "rate_ratio": None if est is None else ratio_value(est.rate_ratio),
            "ci_low": None if ci is None else ratio_value(ci[0]),
            "ci_high": None if ci is None else ratio_value(ci[1]),
        }


@dataclass(frozen=True)
class ExperimentResult:
    """The experiment as far as the diary goes; `deciding` is the first final look, else the
    latest look, else None (no pair finished yet; `current` then holds the nights so far)."""

    looks: tuple[Look, ...]
    current: Arms
    pairs_planned: int
    washout: int
    secondary: Mapping[str, float | int | None] = field(default_factory=dict)

    @property
    def deciding(self) -> Look | None:
        return next(
            (look for look in self.looks if look.final), self.looks[-1] if self.looks else None
        )

    @property
    def verdict(self) -> Verdict:
        look = self.deciding
        return Verdict.CONTINUE if look is None else look.verdict

    @property
    def final(self) -> bool:
        look = self.deciding
        return look is not None and look.final


def _logged(
    nights: Iterable[Night], episodes: Sequence[Episode]
) -> tuple[set[dt.date], Counter[dt.date]]:
    cramps = Counter(e.night for e in episodes)
    return {n.date for n in nights} | set(cramps), cramps


def _analysable(schedule: Schedule, washout: int) -> list[ScheduledNight]:
    """The scheduled nights after each period's washout."""
    position: Counter[int] = Counter()
    kept = []
    for night in schedule.nights:
        position[night.period] += 1
        if position[night.period] > washout:
            kept.append(night)
    return kept


def _arms(
    nights: Sequence[ScheduledNight],
    logged: set[dt.date],
    cramps: Mapping[dt.date, int],
    per_protocol: bool,
) -> Arms:
    by_pair: dict[int, dict[Arm, list[int]]] = {}
    on_second: dict[int, bool] = {}
    for night in nights:
        arms = by_pair.setdefault(night.pair, {Arm.ON: [], Arm.OFF: []})
        if night.arm is Arm.ON:
            on_second[night.pair] = night.period % 2 == 0
        if night.date in logged and not (per_protocol and night.followed is False):
            arms[night.arm].append(cramps.get(night.date, 0))
    pairs = [
        PairCounts(
            nights_on=len(a[Arm.ON]),
            nights_off=len(a[Arm.OFF]),
            cramps_on=sum(a[Arm.ON]),
            cramps_off=sum(a[Arm.OFF]),
            on_second=on_second.get(pair, False),
            night_counts_on=tuple(a[Arm.ON]),
            night_counts_off=tuple(a[Arm.OFF]),
        )
        for pair, a in sorted(by_pair.items())
    ]
    return Arms(
        nights_on=sum(p.nights_on for p in pairs),
        nights_off=sum(p.nights_off for p in pairs),
        cramps_on=sum(p.cramps_on for p in pairs),
        cramps_off=sum(p.cramps_off for p in pairs),
        estimate=estimate_rate_ratio(pairs),
    )


def _crossing(itt: Arms, boundary: float) -> Verdict | None:
    """`helps` or `makes_worse` when the look's test crosses its boundary, else None."""
    est = itt.estimate
    if est is not None and est.crosses(boundary):
        return Verdict.HELPS if est.z < 0 else Verdict.MAKES_WORSE
    return None


def _call(itt: Arms, boundary: float, last: bool, scheduled: Mapping[Arm, int]) -> Verdict:
    """The stopping rule's call at a look while no earlier look was final."""
    crossed = _crossing(itt, boundary)
    if crossed is not None:
        return crossed
    est = itt.estimate
    if not last:
        return Verdict.CONTINUE
    too_few_nights = any(
        logged < _MIN_LOGGED_SHARE * scheduled[arm]
        for arm, logged in ((Arm.ON, itt.nights_on), (Arm.OFF, itt.nights_off))
    )
    if est is None or too_few_nights or itt.cramps_on + itt.cramps_off < _MIN_CRAMPS:
        return Verdict.NOT_ENOUGH_DATA
    return Verdict.NO_CLEAR_EFFECT


def _call_after(itt: Arms, boundary: float) -> Verdict:
    """The call of a look after the answer, from its own numbers at its own boundary (never
    `continue`): the answer stays that of the first final look; this look says what it shows."""
    return _crossing(itt, boundary) or Verdict.NO_CLEAR_EFFECT


def _secondary(
    nights: Sequence[ScheduledNight], logged: set[dt.date], episodes: Sequence[Episode]
) -> dict[str, float | int | None]:
    arm_of = {n.date: n.arm for n in nights if n.date in logged}
    woken: dict[Arm, set[dt.date]] = {Arm.ON: set(), Arm.OFF: set()}
    severity: dict[Arm, list[int]] = {Arm.ON: [], Arm.OFF: []}
    for e in episodes:
        arm = arm_of.get(e.night)
        if arm is None:
            continue
        if e.woke_from_sleep:
            woken[arm].add(e.night)
        if e.severity is not None:
            severity[arm].append(e.severity)
    out: dict[str, float | int | None] = {}
    for arm in Arm:
        out[f"woken_nights_{arm.value}"] = len(woken[arm])
        values = severity[arm]
        out[f"mean_severity_{arm.value}"] = round(sum(values) / len(values), 1) if values else None
    return out


def _reached(
    schedule: Schedule, pair: int, diary_reach: dt.date | None, over: dt.date | None
) -> bool:
    """Whether the diary has reached the end of `pair`: it holds a night on or after the
    pair's last night, or it reached into the pair's last period and the clock (`over`) is
    past that night."""
    if diary_reach is None:
        return False
    end = schedule.pair_end(pair)
    if diary_reach >= end:
        return True
    last_period = max(n.period for n in schedule.nights if n.pair == pair)
    period_start = min(n.date for n in schedule.nights if n.period == last_period)
    return over is not None and over >= end and diary_reach >= period_start


def analyze_experiment(
    schedule: Schedule,
    nights: Iterable[Night],
    episodes: Iterable[Episode],
    *,
    washout: int = 0,
    through: dt.date | None = None,
    over: dt.date | None = None,
) -> ExperimentResult:
    """Analyse `schedule` against the diary (`nights`, `episodes`); nights outside the schedule
    are ignored. `washout`: nights left out at the start of each period (0 or more).

    A pair gets its look once the diary has reached its last night, logged or not: once the
    diary holds a night on or after it, or, when the diary reached into the pair's last
    period, once that night is over by the clock (`over`, the last night that is over: a last
    night or two not logged do not hold back the look; a diary that stopped earlier gives no
    look to pairs it never reached). A file's later nights are still read, whatever their
    dates. `through` is the last night known to be over in the app's own diary, kept as the
    nights go by: a pair that ended by then gets its look, and nights after it (tonight, still
    going on) are left out.
    """
    episode_list = list(episodes)
    if through is not None:
        nights = [n for n in nights if n.date <= through]
        episode_list = [e for e in episode_list if e.night <= through]
    logged, cramps = _logged(nights, episode_list)
    diary_reach = through if through is not None else max(logged, default=None)
    kept = _analysable(schedule, washout)
    in_schedule = {n.date for n in schedule.nights}
    logged_in = {d for d in logged if d in in_schedule}
    pairs = schedule.pairs
    bounds = spending_boundaries([k / pairs for k in range(1, pairs + 1)])
    scheduled = Counter(n.arm for n in kept)
    looks: list[Look] = []
    for pair in range(1, pairs + 1):
        end = schedule.pair_end(pair)
        if not _reached(schedule, pair, diary_reach, over):
            break
        upto = [n for n in kept if n.pair <= pair]
        itt = _arms(upto, logged_in, cramps, per_protocol=False)
        answered = any(lk.final for lk in looks)
        verdict = (
            _call_after(itt, bounds[pair - 1])
            if answered
            else _call(itt, bounds[pair - 1], pair == pairs, scheduled)
        )
        looks.append(
            Look(
                pair=pair,
                date=end,
                itt=itt,
                per_protocol=_arms(upto, logged_in, cramps, per_protocol=True),
                boundary=bounds[pair - 1],
                verdict=verdict,
                final=answered or verdict is not Verdict.CONTINUE,
                after_answer=answered,
            )
        )
    deciding = next((lk for lk in looks if lk.final), looks[-1] if looks else None)
    upto_date = deciding.date if deciding else schedule.last
    used = [n for n in kept if n.date <= upto_date]
    return ExperimentResult(
        looks=tuple(looks),
        current=deciding.itt if deciding else _arms(used, logged_in, cramps, per_protocol=False),
        pairs_planned=pairs,
        washout=washout,
        secondary=_secondary(used, logged_in, [e for e in episode_list if e.night <= upto_date]),
    )
