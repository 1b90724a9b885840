"""Profile and medicine-list routes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.params import functions as param

from nightcramp.core.errors import InputError
from nightcramp.store.diary import models
from nightcramp.store.diary.queries import check_medicine_room, medications_of
from nightcramp.web.account.auth import api_auth, request_user
from nightcramp.web.diary.api.common import (
    ERRORS,
    MAX_OFFSET,
    NOT_FOUND,
    RecordId,
    next_page,
    refused,
)
from nightcramp.web.diary.schemas import (
    MedicationIn,
    MedicationList,
    MedicationOut,
    ProfileIn,
    ProfileOut,
)

router = Router(tags=["diary"], auth=api_auth)


def profile_out(row: models.Profile | None) -> dict[str, Any]:
    """Return the API representation of a profile (all unknown when none is stored)."""
    if row is None:
        return {
            "birth_year": None,
            "sex": None,
            "pregnant": None,
            "due_date": None,
            "pregnancy_weeks": None,
            "conditions": [],
            "smoker": None,
        }
    return {
        "birth_year": row.birth_year,
        "sex": row.sex,
        "pregnant": row.pregnant,
        "due_date": row.due_date,
        "pregnancy_weeks": row.pregnancy_weeks,
        "conditions": list(row.conditions),
        "smoker": row.smoker,
    }


@router.get("/profile", response={200: ProfileOut, **ERRORS}, summary="Your profile")
def get_profile(request: HttpRequest) -> Any:
    return Status(
        200, profile_out(models.Profile.objects.filter(user=request_user(request)).first())
    )


@router.put("/profile", response={200: ProfileOut, **ERRORS}, summary="Replace your profile")
def put_profile(request: HttpRequest, payload: ProfileIn) -> Any:
    with transaction.atomic():
        row, _ = models.Profile.objects.update_or_create(
            user=request_user(request), defaults=payload.model_dump()
        )
    return Status(200, profile_out(row))


def medication_out(row: models.Medication) -> dict[str, Any]:
    """Return the API representation of a medicine on the list."""
    return {
        "id": row.pk,
        "name": row.name,
        "dose": row.dose,
        "started_on": row.started_on,
        "stopped_on": row.stopped_on,
    }


@router.get("/medications", response={200: MedicationList, **ERRORS}, summary="Your medicines")
def list_medications(
    request: HttpRequest,
    limit: int = param.Query(100, ge=1, le=1000),
    offset: int = param.Query(0, ge=0, le=MAX_OFFSET),
) -> Any:
    rows = medications_of(request_user(request))
    count = rows.count()
    items = [medication_out(r) for r in rows[offset : offset + limit]]
    return {"items": items, "count": count, "next": next_page(request, offset, limit, count)}


@router.post("/medications", response={201: MedicationOut, **ERRORS}, summary="Add a medicine")
def create_medication(request: HttpRequest, payload: MedicationIn) -> Any:
    user = request_user(request)
    with transaction.atomic():
        try:
            check_medicine_room(user, 1)
        except InputError as error:
            return refused(error)
        row = models.Medication.objects.create(user=user, **payload.model_dump())
    return Status(201, medication_out(row))


@router.get(
    "/medications/{medication_id}", response={200: MedicationOut, **ERRORS}, summary="A medicine"
)
def get_medication(request: HttpRequest, medication_id: int = RecordId) -> Any:
    row = models.Medication.objects.filter(user=request_user(request), pk=medication_id).first()
    return Status(404, NOT_FOUND) if row is None else Status(200, medication_out(row))


@router.put(
    "/medications/{medication_id}",
    response={200: MedicationOut, **ERRORS},
    summary="Replace a medicine",
)
def put_medication(
    request: HttpRequest, payload: MedicationIn, medication_id: int = RecordId
) -> Any:
    user = request_user(request)
    with transaction.atomic():
        updated = models.Medication.objects.filter(user=user, pk=medication_id).update(
            **payload.model_dump(), updated=timezone.now()
        )
    if not updated:
        return Status(404, NOT_FOUND)
    return Status(200, medication_out(models.Medication.objects.get(pk=medication_id)))


@router.delete(
    "/medications/{medication_id}", response={204: None, **ERRORS}, summary="Remove a medicine"
)
def delete_medication(request: HttpRequest, medication_id: int = RecordId) -> Any:
    rows = models.Medication.objects.filter(user=request_user(request), pk=medication_id)
    deleted, _ = rows.delete()
    return Status(204, None) if deleted else Status(404, NOT_FOUND)
