"""Stored experiment rows <-> core values: the schedule a row stands for, with its adherence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from nightcramp.core.experiments.content import ChangeSpec, load_experiment_content
from nightcramp.core.experiments.records import ExperimentRecord, Status, StatusWhy
from nightcramp.core.experiments.schedule import Schedule, ScheduledNight, design_schedule
from nightcramp.store.experiments.models import Experiment, ExperimentNight

__all__ = ["change_of", "experiment_json", "followed_of", "record_of", "schedule_of"]


def followed_of(row: Experiment) -> dict[dt.date, bool]:
    """The nights of `row` whose adherence was recorded, and the answer (the rest: unknown)."""
    answers = ExperimentNight.objects.filter(experiment=row).values_list("date", "followed")
    return dict(answers)


def schedule_of(row: Experiment, followed: Mapping[dt.date, bool] | None = None) -> Schedule:
    """The core schedule of `row` (derived from its seed and design), with `followed` on each
    night that has an answer (default: the stored answers)."""
    answers = followed_of(row) if followed is None else followed
    plan = design_schedule(row.start, row.period_nights, row.pairs, row.seed)
    return Schedule(
        tuple(ScheduledNight(n.date, n.arm, n.period, answers.get(n.date)) for n in plan.nights)
    )


def change_of(row: Experiment) -> ChangeSpec | None:
    """The change `row` tests, or None if the content no longer has it."""
    return load_experiment_content().changes.get(row.change_id)


def _iso(moment: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).isoformat(timespec="seconds")


def experiment_json(row: Experiment) -> dict[str, object]:
    """The stored design and state of `row`, as the API, the CLI and the export give it."""
    change = change_of(row)
    plan = design_schedule(row.start, row.period_nights, row.pairs, row.seed)
    return {
        "id": row.pk,
        "change": row.change_id,
        "change_name": None if change is None else change.name,
        "start": row.start.isoformat(),
        "end": plan.last.isoformat(),
        "seed": row.seed,
        "period_nights": row.period_nights,
        "pairs": row.pairs,
        "washout_nights": row.washout_nights,
        "doctor_agreed": row.doctor_agreed,
        "status": row.status,
        "status_why": row.status_why,
        "reason": row.status_reason,
        "status_at": _iso(row.status_at),
        "created": _iso(row.created),
        "updated": _iso(row.updated),
    }


def record_of(row: Experiment, followed: Mapping[dt.date, bool] | None = None) -> ExperimentRecord:
    """The core record of `row`, with its answers on adherence (for the exchange file; default:
    the stored answers)."""
    return ExperimentRecord(
        change=row.change_id,
        start=row.start,
        seed=row.seed,
        period_nights=row.period_nights,
        pairs=row.pairs,
        washout_nights=row.washout_nights,
        status=Status(row.status),
        status_at=row.status_at,
        status_why=StatusWhy(row.status_why),
        reason=row.status_reason,
        doctor_agreed=row.doctor_agreed,
        doubling_seen_period=row.doubling_seen_period,
        followed=followed_of(row) if followed is None else dict(followed),
    )
