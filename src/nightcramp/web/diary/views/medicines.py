"""Your medicines: the list, add, change and delete, with notes on timing and known links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nightcramp.core.errors import InputError
from nightcramp.core.knowledge.sources import join_citations, load_sources
from nightcramp.core.meds import (
    MAX_NAMES,
    MedCheck,
    MedicationInfo,
    check_names,
    load_meds_wording,
    might_cause_cramps,
    prescriber_sentence,
    started_before_cramps,
)
from nightcramp.core.report import MedicationLine
from nightcramp.store.diary import models
from nightcramp.store.diary.convert import local_start
from nightcramp.store.diary.queries import check_medicine_room, medications_of
from nightcramp.web.diary.forms import MedicationForm

from .person import person

__all__ = [
    "medicine_delete",
    "medicine_edit",
    "medicines",
    "medicines_from_check",
    "started_before_first_cramp",
]

LOOKBACK_WEEKS = 12


@dataclass(frozen=True, slots=True)
class TimingNote:
    """A medicine started in the 12 weeks before the first logged cramp."""

    name: str
    started_on: dt.date
    weeks_before: int


@dataclass(frozen=True, slots=True)
class LinkNote:
    """What is known about a medicine and cramps, with how sure we are and where it comes from."""

    info: MedicationInfo
    grade_words: str
    sources: list[str]

    @property
    def cited(self) -> str:
        """The sources in one line, as every page shows them."""
        return join_citations(self.sources)


def started_before_first_cramp(
    medicines: Iterable[tuple[str, dt.date | None]], first_cramp: dt.date | None
) -> list[TimingNote]:
    """Medicines that could play a part in cramps (`core.meds.might_cause_cramps`), started
    within 12 weeks before (or on) the night of the first logged cramp."""
    if first_cramp is None:
        return []
    dated = [
        (name, started)
        for name, started in medicines
        if started is not None and might_cause_cramps(name)
    ]
    hits = set(started_before_cramps(dated, first_cramp, weeks=LOOKBACK_WEEKS))
    return [
        TimingNote(name, started, (first_cramp - started).days // 7)
        for name, started in dated
        if name in hits
    ]


def _first_cramp(user: User) -> dt.date | None:
    row = models.Episode.objects.filter(user=user).order_by("started_at").first()
    return None if row is None else local_start(row.started_at).date()


def _review(names: Sequence[str]) -> tuple[dict[str, LinkNote], MedCheck | None]:
    """What is worth saying about each medicine, by the name as typed, and the whole check.

    A medicine with no known link and no caution of its own is left out.
    """
    if not names:
        return {}, None
    result = check_names(list(names))
    found = {}
    for info in result.medications:
        if info.linked or info.supplement or info.cautions:
            found[info.query] = LinkNote(info, info.grade_words, _cite(info.sources))
    return found, result


def _cite(ids: Sequence[str]) -> list[str]:
    sources = load_sources()
    return [sources[s].citation if s in sources else s for s in ids]


def _page(
    request: HttpRequest, form: MedicationForm, status: int = 200, from_check_problem: str = ""
) -> HttpResponse:
    user = person(request)
    rows = list(medications_of(user))
    first = _first_cramp(user)
    links, review = _review([r.name for r in rows])
    wording = load_meds_wording()
    context = {
        "form": form,
        "medicines": [{"row": r, "link": links.get(r.name)} for r in rows],
        "timing": started_before_first_cramp(((r.name, r.started_on) for r in rows), first),
        "first_cramp": first,
        "intro": wording.intro,
        "prescriber": prescriber_sentence(),
        "interactions": [
            {
                "kind": i.kind.value,
                "text": i.text,
                "sources": _cite(i.sources),
                "cited": join_citations(_cite(i.sources)),
            }
            for i in (review.interactions if review else ())
        ],
        "hints": review.hints if review else [],
        "from_check": _from_check(user),
        "from_check_problem": from_check_problem,
    }
    return render(request, "diary/medicines.html", context, status=status)


def _from_check(user: User) -> list[MedicationLine]:
    """The medicines the latest symptom check named that this list does not hold: the plan and
    the report go by them too (one function decides, the report's)."""
    from nightcramp.store.report.inputs import medication_lines

    return [line for line in medication_lines(user) if line.named_on is not None]


_NO_ROOM = (
    f"Adding these {{count}} would make your list longer than the {MAX_NAMES} medicines it can "
    "hold. Remove ones you no longer take, then try again."
)
_LIST_FULL = (
    f"Your list already holds {MAX_NAMES} medicines, the most it can. Remove one you no longer "
    "take, then add this one."
)


@login_required
def medicines(request: HttpRequest) -> HttpResponse:
    """GET: the list and an empty form. POST: add a medicine."""
    if request.method == "POST":
        form = MedicationForm(request.POST, instance=models.Medication(user=person(request)))
        if form.is_valid():
            try:
                check_medicine_room(person(request), 1)
            except InputError:
                form.add_error(None, _LIST_FULL)
                return _page(request, form, status=400)
            form.save()
            return redirect("diary:medicines")
        return _page(request, form, status=400)
    return _page(request, MedicationForm())


@login_required
@require_POST
def medicines_from_check(request: HttpRequest) -> HttpResponse:
    """Add to the list the medicines the latest symptom check named (start dates unknown).

    One at a time per person (the account row is locked), so a double tap adds them once."""
    from django.db import transaction

    user = person(request)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        names = [line.name for line in _from_check(user)]
        try:
            check_medicine_room(user, len(names))
        except InputError:
            return _page(request, MedicationForm(), 400, _NO_ROOM.format(count=len(names)))
        models.Medication.objects.bulk_create(
            [models.Medication(user=user, name=name) for name in names]
        )
    return redirect("diary:medicines")


@login_required
def medicine_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(models.Medication, pk=pk, user=person(request))
    if request.method == "POST":
        form = MedicationForm(request.POST, instance=row)
        if form.is_valid():
            form.save()
            return redirect("diary:medicines")
        status = 400
    else:
        form = MedicationForm(instance=row)
        status = 200
    return render(request, "diary/medicine_edit.html", {"form": form, "row": row}, status=status)


@login_required
@require_POST
def medicine_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(models.Medication, pk=pk, user=person(request))
    row.delete()
    return redirect(reverse("diary:medicines"))
