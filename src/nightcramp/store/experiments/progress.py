"""Where a stored experiment stands: its analysis on the stored diary, tonight's arm, nights
done and to the next look, adherence, and the state changes the app makes by itself.

The analysis is the core's (`analyze_experiment`, the same as `experiment analyze` on files);
this module only gathers the schedule, the answers and the diary nights it needs. By itself the
app finishes an experiment at its answer or its last night, and pauses a running one while an
urgent or emergency triage result is open or when a period's cramps doubled
(`core.experiments.safety`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from nightcramp.core.diary import Episode, Night, coming_night, date_text
from nightcramp.core.experiments.analysis import ExperimentResult, Verdict, analyze_experiment
from nightcramp.core.experiments.document import State, experiment_document
from nightcramp.core.experiments.records import Status, StatusWhy
from nightcramp.core.experiments.safety import BASELINE_NIGHTS, Doubling, find_doubling
from nightcramp.core.experiments.schedule import Schedule
from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.store.experiments.convert import change_of, experiment_json, schedule_of
from nightcramp.store.experiments.lifecycle import GOING, open_triage_words, set_status
from nightcramp.store.experiments.models import Experiment

__all__ = ["Outlook", "experiment_outlook", "experiment_result"]

_Status = Status
_Why = StatusWhy
_ANSWERS = (Verdict.HELPS, Verdict.MAKES_WORSE)
"""Verdicts that end an experiment early; any other ends with its last night."""
_STATES: dict[str, State] = {_Status.PAUSED: "paused", _Status.STOPPED: "stopped"}
"""How a kept experiment's result speaks of it while it does not go on (else: going)."""


@dataclass(frozen=True)
class Outlook:
    """A stored experiment with its schedule and analysis, seen on the night `tonight`."""

    row: Experiment
    schedule: Schedule
    result: ExperimentResult
    tonight: dt.date

    def result_json(self) -> dict[str, object]:
        """The `experiment analyze --json` document of the stored experiment."""
        state = _STATES.get(self.row.status, "going")
        return experiment_document(self.result, change_of(self.row), state)

    def status_json(self) -> dict[str, object]:
        """The design and state, tonight's arm, progress, adherence and the latest look."""
        done = [n for n in self.schedule.nights if n.date < self.tonight]
        followed = sum(n.followed is True for n in done)
        not_followed = sum(n.followed is False for n in done)
        latest = self.result.looks[-1].to_json() if self.result.looks else None
        return {
            **experiment_json(self.row),
            "tonight": self._tonight(),
            "nights_done": len(done),
            "nights_total": len(self.schedule.nights),
            "next_look": self._next_look(),
            "adherence": {
                "followed": followed,
                "not_followed": not_followed,
                "unknown": len(done) - followed - not_followed,
            },
            "latest_look": latest,
            "verdict": self.result.verdict.value,
            "final": self.result.final,
        }

    def _tonight(self) -> dict[str, object] | None:
        night = next((n for n in self.schedule.nights if n.date == self.tonight), None)
        if night is None or self.row.status not in GOING:
            return None
        words = load_stored_wording().tonight
        if self.row.status == _Status.PAUSED:
            return {"date": night.date.isoformat(), "arm": None, "words": words.paused}
        change = change_of(self.row)
        text = "" if change is None else getattr(change, night.arm.value)
        return {
            "date": night.date.isoformat(),
            "arm": night.arm.value,
            "period": night.period,
            "pair": night.pair,
            "followed": night.followed,
            "words": getattr(words, night.arm.value).format(text=text),
        }

    def _next_look(self) -> dict[str, object] | None:
        if self.row.status not in GOING:
            return None
        for pair in range(1, self.schedule.pairs + 1):
            end = self.schedule.pair_end(pair)
            if end >= self.tonight:
                first = max(self.tonight, self.schedule.first)
                return {"date": end.isoformat(), "nights_to_go": (end - first).days + 1}
        return None


def diary_for(row: Experiment, schedule: Schedule) -> tuple[list[Night], list[Episode]]:
    """The person's logged nights and cramps from the weeks before the schedule to its end."""
    from nightcramp.store.diary import models
    from nightcramp.store.diary.convert import episode_to_core, night_to_core

    span = (schedule.first - dt.timedelta(days=BASELINE_NIGHTS), schedule.last)
    nights = models.Night.objects.filter(user=row.user_id, date__range=span).order_by("date")
    episodes = models.Episode.objects.filter(user=row.user_id, night__range=span).order_by(
        "started_at", "id"
    )
    return [night_to_core(r) for r in nights], [episode_to_core(r) for r in episodes]


def _doubling_words(doubling: Doubling) -> str:
    last = doubling.last
    words = load_stored_wording().paused
    values = {
        "nights": (doubling.last - doubling.first).days + 1,
        "date": date_text(last),
        "rate": f"{doubling.during.per_week:.1f}",
    }
    before = f"{doubling.before.per_week:.1f}"
    if before == "0.0":  # "twice as many as about 0.0 a week" says nothing
        return words.cramps_doubled_from_none.format(**values)
    return words.cramps_doubled.format(**values, before=before)


@dataclass(frozen=True)
class _Change:
    """A state the app's own rules give a stored experiment."""

    status: Status
    why: StatusWhy
    reason: str
    doubling_period: int | None = None


def _due_change(
    row: Experiment,
    schedule: Schedule,
    result: ExperimentResult,
    diary: tuple[list[Night], list[Episode]],
    *,
    now: dt.datetime,
    tonight: dt.date,
) -> _Change | None:
    """The state a rule of the app gives `row` now (see the module's docstring), or None."""
    words = load_stored_wording()
    if row.status not in GOING:
        return None
    if result.final and result.verdict in _ANSWERS:
        return _Change(_Status.FINISHED, _Why.ANSWERED, words.finished.answered)
    if tonight > schedule.last:
        return _Change(_Status.FINISHED, _Why.SCHEDULE_ENDED, words.finished.schedule_ended)
    if row.status != _Status.RUNNING:
        return None
    triage = open_triage_words(row.user, now=now, template=words.paused.triage_open)
    if triage is not None:
        return _Change(_Status.PAUSED, _Why.TRIAGE_OPEN, triage)
    nights, episodes = diary
    doubling = find_doubling(
        schedule,
        (n.date for n in nights),
        (e.night for e in episodes),
        through=tonight - dt.timedelta(days=1),
        after_period=row.doubling_seen_period,
    )
    if doubling is None:
        return None
    return _Change(_Status.PAUSED, _Why.CRAMPS_DOUBLED, _doubling_words(doubling), doubling.period)


def _apply(row: Experiment, change: _Change, *, now: dt.datetime, record: bool) -> None:
    """Give `row` its new state: stored when `record`, else only on this copy of the row."""
    if not record:
        row.status, row.status_why, row.status_reason = change.status, change.why, change.reason
        row.status_at = now
        if change.doubling_period is not None:
            row.doubling_seen_period = change.doubling_period
        return
    if change.doubling_period is not None:
        row.doubling_seen_period = change.doubling_period
        row.save(update_fields=["doubling_seen_period"])
    set_status(row, change.status, change.why, change.reason, now=now)


def experiment_outlook(row: Experiment, *, now: dt.datetime, record: bool = True) -> Outlook:
    """`row` analysed on the stored diary at `now`, after the app's own state changes.

    Those changes are stored when `record` (the person, or a channel that may write, looks);
    a look by someone who may only read (a share link, a clinician, a read-only token) sees
    the same state and stores nothing.
    """
    schedule = schedule_of(row)
    diary = diary_for(row, schedule)
    tonight = coming_night(timezone.localtime(now))
    result = analyze_experiment(
        schedule, *diary, washout=row.washout_nights, through=tonight - dt.timedelta(days=1)
    )
    change = _due_change(row, schedule, result, diary, now=now, tonight=tonight)
    if change is not None:
        _apply(row, change, now=now, record=record)
    return Outlook(row=row, schedule=schedule, result=result, tonight=tonight)


def experiment_result(
    row: Experiment, *, now: dt.datetime, record: bool = True
) -> dict[str, object]:
    """The `experiment analyze --json` document of `row` on the stored diary."""
    return experiment_outlook(row, now=now, record=record).result_json()
