"""Night routes: store, change, list, read and delete a night's factors (custom ones too)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.params import functions as param

from nightcramp.core import diary as core
from nightcramp.core.diary_rules import COUNTED_NAMES
from nightcramp.core.errors import InputError
from nightcramp.store.diary import nights as stored
from nightcramp.store.diary.listing import cramps_of_night, night_page
from nightcramp.store.diary.nights import SaveMode
from nightcramp.web.account.auth import api_auth, request_user
from nightcramp.web.diary.api.common import (
    ERRORS,
    MAX_OFFSET,
    NOT_FOUND,
    date_range,
    invalid,
    json_answer,
    next_page,
    refused,
)
from nightcramp.web.diary.schemas import (
    NightIn,
    NightList,
    NightOut,
    parse_iso_date,
)

router = Router(tags=["diary"], auth=api_auth)


def night_out(night: core.Night, cramps: int) -> dict[str, Any]:
    """Return the API representation of a stored night (unrecorded factors are null), in the
    order of `NightOut`: the standard factors, the date, its cramps, then custom factors (as in
    nights.csv, beside the standard ones)."""
    body: dict[str, Any] = {name: night.factors.get(name) for name in core.STANDARD_FACTORS}
    body["date"] = night.date
    body["cramps"] = cramps
    for name, value in sorted(night.factors.items()):
        if name not in core.STANDARD_FACTORS and name.lower() not in COUNTED_NAMES:
            body[name] = value  # never over the counted `cramps`
    return body


def _answer(user: Any, night: core.Night) -> HttpResponse:
    return json_answer(200, night_out(night, cramps_of_night(user, night.date)))


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
    page = night_page(user, low, high, offset=offset, limit=limit)
    items = [night_out(n, page.cramps.get(n.date, 0)) for n in page.items]
    return json_answer(
        200,
        {
            "items": items,
            "count": page.count,
            "next": next_page(request, offset, limit, page.count),
        },
    )


@router.get("/nights/{night_date}", response={200: NightOut, **ERRORS}, summary="One night")
def get_night(request: HttpRequest, night_date: str) -> Any:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    user = request_user(request)
    night = stored.find_night(user, day)
    return Status(404, NOT_FOUND) if night is None else _answer(user, night)


def _save(
    request: HttpRequest, night_date: str, payload: NightIn, mode: SaveMode
) -> Status[Any] | HttpResponse:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    if payload.date is not None and payload.date != day:
        return invalid("date", "must match the date in the address")
    given = payload.factors() if mode is SaveMode.REPLACE else payload.given()
    factors = {k: v for k, v in given.items() if v is None or isinstance(v, int | float | bool)}
    user = request_user(request)
    try:
        night = stored.save_night(user, day, factors, mode=mode)
    except InputError as error:
        return refused(error)
    return _answer(user, night)


@router.put(
    "/nights/{night_date}",
    response={200: NightOut, **ERRORS},
    summary="Store a night's factors",
    description="Replaces every factor of that night; a factor left out is not recorded.",
)
def put_night(request: HttpRequest, night_date: str, payload: NightIn) -> Any:
    return _save(request, night_date, payload, SaveMode.REPLACE)


@router.patch(
    "/nights/{night_date}",
    response={200: NightOut, **ERRORS},
    summary="Change some of a night's factors",
    description=(
        "Changes only the factors in the body: a factor given as null is cleared (not recorded),"
        " a factor left out keeps what is stored. Logs the night if it was not logged yet."
    ),
)
def patch_night(request: HttpRequest, night_date: str, payload: NightIn) -> Any:
    return _save(request, night_date, payload, SaveMode.MERGE)


@router.delete("/nights/{night_date}", response={204: None, **ERRORS}, summary="Delete a night")
def delete_night(request: HttpRequest, night_date: str) -> Any:
    try:
        day = parse_iso_date(night_date, "date")
    except InputError as error:
        return invalid("date", error.reason, "path")
    deleted = stored.delete_night(request_user(request), day)
    return Status(404, NOT_FOUND) if deleted is None else Status(204, None)
