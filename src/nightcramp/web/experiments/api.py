"""JSON API routes of self-experiments kept with the diary (mounted under /api/v1/).

Each route parses the request, calls one store use case and answers. Another person's
experiment answers 404, exactly as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.params import functions as param
from pydantic import ConfigDict, Field, StrictBool, StrictInt, StrictStr

from nightcramp.core.errors import InputError
from nightcramp.core.experiments.schedule import SEED_LIMIT
from nightcramp.store.experiments.adherence import record_followed
from nightcramp.store.experiments.convert import experiment_json
from nightcramp.store.experiments.lifecycle import (
    MAX_REASON,
    Refused,
    experiments_of,
    find_experiment,
    pause_experiment,
    resume_experiment,
    start_experiment,
    stop_experiment,
)
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.experiments.progress import experiment_outlook
from nightcramp.web.account.auth import api_auth, may_write, request_user
from nightcramp.web.diary.api.common import (
    MAX_OFFSET,
    NOT_FOUND,
    RecordId,
    invalid,
    next_page,
    refused,
)
from nightcramp.web.diary.schemas import Date, ValidationErrorOut, parse_iso_date

router = Router(tags=["experiments"], auth=api_auth)

Document = dict[str, Any]


class ExperimentErrorOut(Schema):
    """A refusal: `detail` says why, in words."""

    detail: str


ERRORS: dict[int, Any] = {
    401: ExperimentErrorOut,
    404: ExperimentErrorOut,
    409: ExperimentErrorOut,
    422: ValidationErrorOut,
}


class ExperimentList(Schema):
    items: list[Document]
    count: int
    next: str | None


class StartIn(Schema):
    """A new experiment: the change, and optionally its first night and design. Numbers and
    yes/no are JSON's own (`"9"`, `"yes"` or `1` are refused), and no other key is read."""

    model_config = ConfigDict(extra="forbid")

    change: StrictStr = Field(min_length=1, max_length=64)
    start: Date | None = None  # YYYY-MM-DD only: never a number read as a date
    seed: StrictInt | None = Field(None, ge=0, lt=SEED_LIMIT)
    pairs: StrictInt | None = None
    period_nights: StrictInt | None = None
    doctor_agreed: StrictBool = False


class FollowedIn(Schema):
    """Whether the night's arm was followed (true or false); null forgets the answer."""

    model_config = ConfigDict(extra="forbid")

    followed: StrictBool | None


class ReasonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: StrictStr = Field("", max_length=MAX_REASON)


def _refusal(error: InputError) -> Status[Any]:
    """409 for what the experiment's state refuses; 422 naming the field for a bad value."""
    if isinstance(error, Refused):
        return Status(409, {"detail": error.reason})
    return refused(error)


def _now() -> dt.datetime:
    return timezone.now()


@router.get(
    "/experiments",
    response={200: ExperimentList, **ERRORS},
    summary="Your experiments, the latest start first",
)
def list_experiments(
    request: HttpRequest,
    limit: int = param.Query(100, ge=1, le=1000),
    offset: int = param.Query(0, ge=0, le=MAX_OFFSET),
) -> Document:
    rows = experiments_of(request_user(request))
    count = rows.count()
    items = [experiment_json(row) for row in rows[offset : offset + limit]]
    return {"items": items, "count": count, "next": next_page(request, offset, limit, count)}


@router.post(
    "/experiments",
    response={201: Document, **ERRORS},
    summary="Start an experiment",
    description=(
        "Starts an experiment of one change (ids as in `nightcramp experiment changes`). "
        "Answers 409 with the reason when you may not run it, when an urgent symptom check is "
        "open, or when another experiment is going (one at a time)."
    ),
)
def post_experiment(request: HttpRequest, payload: StartIn) -> Status[Any]:
    user = request_user(request)
    try:
        row = start_experiment(
            user,
            payload.change,
            now=_now(),
            start=payload.start,
            seed=payload.seed,
            pairs=payload.pairs,
            period_nights=payload.period_nights,
            doctor_agreed=payload.doctor_agreed,
        )
    except InputError as error:
        return _refusal(error)
    return Status(201, experiment_outlook(row, now=_now()).status_json())


@router.get(
    "/experiments/{experiment_id}",
    response={200: Document, **ERRORS},
    summary="One experiment: its design and state",
)
def get_experiment(request: HttpRequest, experiment_id: int = RecordId) -> Status[Any]:
    row = find_experiment(request_user(request), experiment_id)
    if row is None:
        return Status(404, NOT_FOUND)
    return Status(200, experiment_json(row))


@router.get(
    "/experiments/{experiment_id}/status",
    response={200: Document, **ERRORS},
    summary="Tonight's arm, progress, adherence and the latest look",
    description=(
        "The same document as `nightcramp experiment status --json`. Reading it applies the "
        "app's own pauses (an open urgent symptom check; cramps that doubled) and ends; with "
        "a read-only token they are shown, not stored."
    ),
)
def get_status(request: HttpRequest, experiment_id: int = RecordId) -> Status[Any]:
    row = find_experiment(request_user(request), experiment_id)
    if row is None:
        return Status(404, NOT_FOUND)
    return Status(200, experiment_outlook(row, now=_now(), record=may_write(request)).status_json())


@router.get(
    "/experiments/{experiment_id}/result",
    response={200: Document, **ERRORS},
    summary="The result on your diary",
    description="The same document as `nightcramp experiment analyze --json`.",
)
def get_result(request: HttpRequest, experiment_id: int = RecordId) -> Status[Any]:
    row = find_experiment(request_user(request), experiment_id)
    if row is None:
        return Status(404, NOT_FOUND)
    return Status(200, experiment_outlook(row, now=_now(), record=may_write(request)).result_json())


@router.put(
    "/experiments/{experiment_id}/adherence/{night_date}",
    response={200: Document, **ERRORS},
    summary="Say whether a night's arm was followed",
)
def put_adherence(
    request: HttpRequest, night_date: str, payload: FollowedIn, experiment_id: int = RecordId
) -> Status[Any]:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    row = find_experiment(request_user(request), experiment_id)
    if row is None:
        return Status(404, NOT_FOUND)
    try:
        stored = record_followed(row, day, payload.followed, now=_now())
    except InputError as error:
        return invalid("date", error.reason, "path")
    return Status(200, {"date": day.isoformat(), "followed": stored})


Action = Callable[..., Experiment]


def _act(request: HttpRequest, experiment_id: int, reason: str, action: Action) -> Status[Any]:
    row = find_experiment(request_user(request), experiment_id)
    if row is None:
        return Status(404, NOT_FOUND)
    experiment_outlook(row, now=_now())  # the app's own pauses and ends come first
    try:
        action(row, reason, now=_now())
    except InputError as error:
        return _refusal(error)
    return Status(200, experiment_outlook(row, now=_now()).status_json())


@router.post(
    "/experiments/{experiment_id}/pause",
    response={200: Document, **ERRORS},
    summary="Pause a running experiment",
)
def pause(request: HttpRequest, payload: ReasonIn, experiment_id: int = RecordId) -> Status[Any]:
    return _act(request, experiment_id, payload.reason, pause_experiment)


@router.post(
    "/experiments/{experiment_id}/resume",
    response={200: Document, **ERRORS},
    summary="Go on with a paused experiment",
    description="Answers 409 while an urgent or emergency symptom check is open.",
)
def resume(request: HttpRequest, payload: ReasonIn, experiment_id: int = RecordId) -> Status[Any]:
    return _act(request, experiment_id, payload.reason, resume_experiment)


@router.post(
    "/experiments/{experiment_id}/stop",
    response={200: Document, **ERRORS},
    summary="Stop an experiment for good",
)
def stop(request: HttpRequest, payload: ReasonIn, experiment_id: int = RecordId) -> Status[Any]:
    return _act(request, experiment_id, payload.reason, stop_experiment)
