"""Export and import a person's experiments with their adherence (`nightcramp experiment
export|import`), all or nothing.

An imported experiment whose change and first night are already stored is a conflict unless
`replace` is given; after an import at most one experiment may be going, and a going one must
be one the person may run (the same checks as a start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction

from nightcramp.core.errors import InputError
from nightcramp.core.experiments.eligibility import MayRun
from nightcramp.core.experiments.records import (
    ExperimentRecord,
    Status,
    experiments_document,
)
from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.store.experiments.convert import record_of
from nightcramp.store.experiments.lifecycle import Refused, change_for, check_for_user
from nightcramp.store.experiments.models import Experiment, ExperimentNight

__all__ = ["export_experiments", "import_experiments"]

_GOING = (Status.RUNNING, Status.PAUSED)


def export_experiments(user: User) -> dict[str, object]:
    """The exchange document of every experiment of `user`, the earliest first."""
    rows = Experiment.objects.filter(user=user).order_by("start", "id")
    return experiments_document([record_of(row) for row in rows])


def _check(user: User, records: Sequence[ExperimentRecord], replace: bool, today: dt.date) -> None:
    keys = [(r.change, r.start) for r in records]
    for index, record in enumerate(records):
        try:
            change = change_for(record.change)
        except InputError as error:
            raise InputError(error.reason, field=f"experiments[{index}].change") from None
        if keys.index((record.change, record.start)) != index:
            raise InputError("is in the file twice", field=f"experiments[{index}]")
        if record.status in _GOING:
            allowed = check_for_user(user, change, today=today, doctor_agreed=record.doctor_agreed)
            if allowed.may_run is not MayRun.YES:
                why = " ".join((str(allowed.to_json()["may_run_words"]), *allowed.reasons))
                raise Refused(why, field=f"experiments[{index}].change")
    stored = Experiment.objects.filter(user=user)
    clashes = [k for k in keys if stored.filter(change_id=k[0], start=k[1]).exists()]
    if clashes and not replace:
        listed = ", ".join(f"{change} from {start}" for change, start in clashes)
        raise Refused(f"already stored: {listed} (use --replace)", field="experiments")
    kept = stored.filter(status__in=_GOING).exclude(
        pk__in=[r.pk for r in stored if (r.change_id, r.start) in keys]
    )
    going = [r for r in records if r.status in _GOING]
    if len(going) + kept.count() > 1:
        first = kept.first()
        name = first.change_id if first is not None else going[0].change
        raise Refused(
            load_stored_wording().refused.already_running.format(change=name), field="experiments"
        )


def import_experiments(
    user: User, records: Sequence[ExperimentRecord], *, replace: bool = False, today: dt.date
) -> int:
    """Store `records` for `user` (replacing those with the same change and first night when
    `replace`); return how many were stored.

    Raises InputError naming the field, or Refused (a conflict, a second going experiment, a
    change the person may not run); then nothing is stored.
    """
    _check(user, records, replace, today)
    with transaction.atomic():
        for record in records:
            Experiment.objects.filter(
                user=user, change_id=record.change, start=record.start
            ).delete()
            row = Experiment.objects.create(
                user=user,
                change_id=record.change,
                start=record.start,
                seed=record.seed,
                period_nights=record.period_nights,
                pairs=record.pairs,
                washout_nights=record.washout_nights,
                doctor_agreed=record.doctor_agreed,
                status=record.status,
                status_why=record.status_why,
                status_reason=record.reason,
                status_at=record.status_at,
                doubling_seen_period=record.doubling_seen_period,
            )
            ExperimentNight.objects.bulk_create(
                ExperimentNight(experiment=row, date=day, followed=value)
                for day, value in sorted(record.followed.items())
            )
    return len(records)
