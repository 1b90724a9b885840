"""Night routes: store, list, read and delete a night's factors (custom ones too)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count as DbCount
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.params import functions as param

from nightcramp.core import diary as core
from nightcramp.core.errors import InputError
from nightcramp.web.account.auth import api_auth, request_user
from nightcramp.store.diary import convert, models
from nightcramp.web.diary.api.common import (
    ERRORS,
    MAX_OFFSET,
    NOT_FOUND,
    date_range,
    invalid,
    next_page,
)
from nightcramp.web.diary.schemas import (
    NightIn,
    NightList,
    NightOut,
    parse_iso_date,
)

router = Router(tags=["diary"], auth=api_auth)


def night_out(row: models.Night, cramps: int) -> NightOut:
    """Return the API representation of a stored night (unrecorded factors are null).

    Custom factors sit beside the standard ones, as in nights.csv.
    """
    body: dict[str, Any] = {"date": row.date, "cramps": cramps}
    for name in core.STANDARD_FACTORS:
        body[name] = getattr(row, name)
    for name, value in sorted(row.custom.items()):
        body[name] = value
    return NightOut.model_construct(**body)


def _cramps(user: Any, dates: list[dt.date]) -> dict[dt.date, int]:
    counts = (
        models.Episode.objects.filter(user=user, night__in=dates)
        .values("night")
        .annotate(n=DbCount("id"))
    )
    return {c["night"]: c["n"] for c in counts}


def _nights(user: Any) -> QuerySet[models.Night]:
    return models.Night.objects.filter(user=user)


@router.get("/nights", response={200: NightList, **ERRORS}, summary="List logged nights")
def list_nights(
    request: HttpRequest,
    since: str | None = param.Query(None, description="First night (YYYY-MM-DD), inclusive."),
    until: str | None = param.Query(None, description="Last night (YYYY-MM-DD), inclusive."),
    limit: int = param.Query(100, ge=1, le=1000),
    offset: int = param.Query(0, ge=0, le=MAX_OFFSET),
) -> Any:
    try:
        low, high = date_range(since, until)
    except InputError as error:
        return invalid(error.field or "query", error.reason, "query")
    user = request_user(request)
    rows = _nights(user)
    if low is not None:
        rows = rows.filter(date__gte=low)
    if high is not None:
        rows = rows.filter(date__lte=high)
    count = rows.count()
    page = list(rows.order_by("date")[offset : offset + limit])
    cramps = _cramps(user, [r.date for r in page])
    items = [night_out(r, cramps.get(r.date, 0)) for r in page]
    return NightList.model_construct(
        items=items, count=count, next=next_page(request, offset, limit, count)
    )


@router.get("/nights/{night_date}", response={200: NightOut, **ERRORS}, summary="One night")
def get_night(request: HttpRequest, night_date: str) -> Any:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    user = request_user(request)
    row = _nights(user).filter(date=day).first()
    if row is None:
        return Status(404, NOT_FOUND)
    return Status(200, night_out(row, _cramps(user, [day]).get(day, 0)))


@router.put(
    "/nights/{night_date}",
    response={200: NightOut, **ERRORS},
    summary="Store a night's factors",
    description="Replaces every factor of that night; a factor left out is not recorded.",
)
def put_night(request: HttpRequest, night_date: str, payload: NightIn) -> Any:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    if payload.date is not None and payload.date != day:
        return invalid("date", "must match the date in the address")
    user = request_user(request)
    try:
        with transaction.atomic():
            row = convert.save_night(user, core.Night(date=day, factors=_factor_values(payload)))
    except InputError as error:
        return invalid(error.field or "body", error.reason)
    return Status(200, night_out(row, _cramps(user, [day]).get(day, 0)))


def _factor_values(payload: NightIn) -> dict[str, core.FactorValue]:
    return {k: v for k, v in payload.factors().items() if isinstance(v, int | float | bool)}


@router.delete("/nights/{night_date}", response={204: None, **ERRORS}, summary="Delete a night")
def delete_night(request: HttpRequest, night_date: str) -> Any:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    deleted, _ = _nights(request_user(request)).filter(date=day).delete()
    return Status(204, None) if deleted else Status(404, NOT_FOUND)
