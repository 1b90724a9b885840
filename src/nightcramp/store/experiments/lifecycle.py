"""Start, pause, resume and stop a person's experiment, and find their experiments.

At most one experiment per person is going (running or paused): a database constraint keeps
it so. Who may run a change is the core's eligibility, fed by the stored profile; an open
urgent or emergency triage result refuses a start, as it pauses a running experiment.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from nightcramp.core.diary import coming_night
from nightcramp.core.diary_rules import check_date
from nightcramp.core.errors import InputError
from nightcramp.core.experiments.content import ChangeSpec, load_experiment_content
from nightcramp.core.experiments.eligibility import Eligibility, MayRun, check_change
from nightcramp.core.experiments.records import MAX_REASON, Status, StatusWhy
from nightcramp.core.experiments.schedule import design_schedule
from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.store.experiments.models import Experiment

__all__ = [
    "GOING",
    "MAX_REASON",
    "Refused",
    "change_for",
    "check_for_user",
    "experiments_of",
    "find_experiment",
    "going_experiment",
    "open_triage_words",
    "pause_experiment",
    "resume_experiment",
    "resume_refusal",
    "set_status",
    "start_experiment",
    "stop_experiment",
]

GOING = (Status.RUNNING, Status.PAUSED)
_MAX_AHEAD = dt.timedelta(days=365)


class Refused(InputError):
    """What was asked cannot be done in the experiment's or the person's present state."""


def _day(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y}"


def experiments_of(user: User) -> QuerySet[Experiment]:
    """Every experiment of `user`, the latest start first."""
    return Experiment.objects.filter(user=user)


def find_experiment(user: User, experiment_id: int) -> Experiment | None:
    """`user`'s experiment `experiment_id`, or None (also when it is someone else's)."""
    return Experiment.objects.filter(user=user, pk=experiment_id).first()


def going_experiment(user: User) -> Experiment | None:
    """`user`'s running or paused experiment, or None."""
    return Experiment.objects.filter(user=user, status__in=GOING).first()


def change_for(change_id: str) -> ChangeSpec:
    """The change `change_id`; raises InputError (field `change`) naming the known ones."""
    changes = load_experiment_content().changes
    if change_id not in changes:
        known = ", ".join(changes)
        raise InputError(f"unknown change {change_id!r} (known: {known})", field="change")
    return changes[change_id]


def open_triage_words(user: User, *, now: dt.datetime, template: str) -> str | None:
    """`template` filled with the date of `user`'s leading open urgent or emergency triage
    result, or None when no such result is open."""
    from nightcramp.store.triage.history import open_leading_result

    entry = open_leading_result(user, now=now)
    if entry is None:
        return None
    return template.format(date=_day(entry.at))


def check_for_user(
    user: User, change: ChangeSpec, *, today: dt.date, doctor_agreed: bool = False
) -> Eligibility:
    """Whether `user` may run `change`, from the stored profile (the core decides)."""
    from nightcramp.store.plan.inputs import stored_profile
    from nightcramp.store.triage.services import assess_here

    return check_change(
        change,
        stored_profile(user, today=today),
        today=today,
        doctor_agreed=doctor_agreed,
        triage=lambda answers: assess_here(answers).disposition.value,
    )


def _reason(text: str) -> str:
    reason = text.strip()
    if len(reason) > MAX_REASON:
        raise InputError(f"must be at most {MAX_REASON} characters", field="reason")
    return reason


def start_experiment(
    user: User,
    change_id: str,
    *,
    now: dt.datetime,
    start: dt.date | None = None,
    seed: int | None = None,
    pairs: int | None = None,
    period_nights: int | None = None,
    doctor_agreed: bool = False,
) -> Experiment:
    """Start `user`'s experiment of `change_id` (defaults: tonight, a random seed, the
    change's pairs and period).

    Raises InputError naming the field for a bad value, and Refused when the person may not
    run the change, has an open urgent triage result or already has an experiment going.
    """
    words = load_stored_wording().refused
    change = change_for(change_id)
    local = timezone.localtime(now)
    tonight = coming_night(local)
    # By default the first night is the next evening: before 5 a.m. the night under way is
    # half over, and an evening change could not have been followed in it.
    first = local.date() if start is None else start
    try:
        check_date(first)
    except ValueError as error:
        raise InputError(str(error), field="start") from None
    if first > tonight + _MAX_AHEAD:
        raise InputError("must be within a year from today", field="start")
    if first < tonight and seed is None:
        # A new random order for nights already past could not have been followed: only a
        # schedule made earlier (`experiment plan` with its seed) can start in the past.
        raise InputError(
            "is before tonight: a new random schedule starts tonight or later. To keep a "
            "schedule you have already followed, give the seed it was made with",
            field="start",
        )
    nights = change.period_nights if period_nights is None else period_nights
    if nights < change.period_nights:
        raise InputError(
            f"{change.name} needs periods of at least {change.period_nights} nights",
            field="period_nights",
        )
    seed = secrets.randbelow(10**9) if seed is None else seed
    planned = design_schedule(first, nights, change.pairs if pairs is None else pairs, seed)
    going = going_experiment(user)
    if going is not None:
        raise Refused(words.already_running.format(change=_name(going)), field="change")
    triage = open_triage_words(user, now=now, template=words.triage_open)
    if triage is not None:
        raise Refused(triage, field="change")
    allowed = check_for_user(user, change, today=tonight, doctor_agreed=doctor_agreed)
    if allowed.may_run is not MayRun.YES:
        why = " ".join((str(allowed.to_json()["may_run_words"]), *allowed.reasons))
        raise Refused(why, field="change")
    try:
        with transaction.atomic():
            return Experiment.objects.create(
                user=user,
                change_id=change.id,
                start=first,
                seed=seed,
                period_nights=nights,
                pairs=planned.pairs,
                washout_nights=change.washout_nights,
                doctor_agreed=doctor_agreed,
                status=Status.RUNNING,
                status_at=now,
            )
    except IntegrityError:  # another start won the race: one going experiment per person
        going = going_experiment(user)
        name = change.name if going is None else _name(going)
        raise Refused(words.already_running.format(change=name), field="change") from None


def _name(row: Experiment) -> str:
    change = load_experiment_content().changes.get(row.change_id)
    return row.change_id if change is None else change.name


def set_status(
    row: Experiment,
    status: Status,
    why: StatusWhy,
    reason: str,
    *,
    now: dt.datetime,
) -> Experiment:
    """Store a new state of `row` with why and when it changed."""
    row.status, row.status_why, row.status_reason, row.status_at = status, why, reason, now
    row.save(update_fields=["status", "status_why", "status_reason", "status_at", "updated"])
    return row


def pause_experiment(row: Experiment, reason: str, *, now: dt.datetime) -> Experiment:
    """Pause a running experiment; raises Refused when it is not running."""
    text = _reason(reason)
    if row.status != Status.RUNNING:
        raise Refused(load_stored_wording().refused.not_running, field="status")
    return set_status(row, Status.PAUSED, StatusWhy.PERSON, text, now=now)


def resume_refusal(row: Experiment, *, now: dt.datetime) -> str | None:
    """Why a paused experiment cannot go on now (it is not paused; an urgent or emergency
    triage result of the person is open), or None when it can: the page asks before it offers
    "Go on", and `resume_experiment` refuses with the same words."""
    words = load_stored_wording().refused
    if row.status != Status.PAUSED:
        return words.not_paused
    return open_triage_words(row.user, now=now, template=words.triage_open_resume)


def resume_experiment(row: Experiment, reason: str, *, now: dt.datetime) -> Experiment:
    """Go on with a paused experiment; raises Refused when `resume_refusal` gives a reason."""
    text = _reason(reason)
    refusal = resume_refusal(row, now=now)
    if refusal is not None:
        raise Refused(refusal, field="status")
    return set_status(row, Status.RUNNING, StatusWhy.PERSON, text, now=now)


def stop_experiment(row: Experiment, reason: str, *, now: dt.datetime) -> Experiment:
    """Stop a running or paused experiment for good; raises Refused when it is not going."""
    text = _reason(reason)
    if row.status not in GOING:
        raise Refused(load_stored_wording().refused.not_running, field="status")
    return set_status(row, Status.STOPPED, StatusWhy.PERSON, text, now=now)
