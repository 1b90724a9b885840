"""The analysis of a person's diary, computed once per diary version and kept in the database.

The version is read from the diary's rows (how many, the last change, their ids) and the
profile, so any save, edit, import or delete makes a new one; nothing is kept in process
memory, so every app server sees the same. Old versions are dropped when a new one is stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Sum

from nightcramp import __version__
from nightcramp.core.errors import InputError
from nightcramp.store.insights.models import CachedAnalysis

if TYPE_CHECKING:
    from nightcramp.core.insights.results import ExperimentOffer

__all__ = [
    "KEPT_VERSIONS",
    "analysis_document",
    "diary_version",
    "experiment_offers_for",
    "insights_page",
    "withheld_offers",
]

# Versions kept per person: a few suspect choices of the same diary.
KEPT_VERSIONS = 6
# Bump when the analysis or the page changes shape, so old entries are not read.
_SCHEMA = 3


def diary_version(user: User) -> str:
    """A fingerprint of everything the analysis reads for `user`."""
    from nightcramp.store.diary.models import Episode, Night, Profile

    parts: list[object] = [_SCHEMA, __version__]
    for model in (Night, Episode):
        row = model.objects.filter(user=user).aggregate(
            n=Count("id"), last=Max("updated"), ids=Sum("id")
        )
        # PostgreSQL sums to a Decimal: as text, the same on every engine.
        parts += [row["n"], str(row["last"]), str(row["ids"] or 0)]
    parts.append(str(Profile.objects.filter(user=user).values_list("updated", flat=True).first()))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def _key(version: str, suspects: Sequence[str]) -> str:
    text = json.dumps([version, sorted(suspects)])
    return hashlib.sha256(text.encode()).hexdigest()


def withheld_offers(user: User) -> frozenset[str]:
    """The experiments not to offer `user` beside a finding: those they may not run (the
    experiment's safety rules for their profile), and supplements graded X or already on their
    list of medicines (`core.insights.page.offers_to_withhold`).

    Applied to the stored analysis when it is read, not kept in it: the medicines list and the
    triage answers can change without the diary changing.
    """
    from nightcramp.core.experiments.content import ChangeKind
    from nightcramp.core.experiments.eligibility import MayRun, list_changes
    from nightcramp.core.insights.page import SupplementChange, offers_to_withhold
    from nightcramp.store.plan.inputs import stored_profile

    profile = stored_profile(user, today=dt.date.today())
    try:
        changes = list_changes(profile)
    except InputError:  # unreadable triage answers: the rest of the profile still counts
        changes = list_changes(dataclasses.replace(profile, answers={}))
    supplements = [
        SupplementChange(e.change.id, e.change.name, e.grade)
        for e in changes
        if e.change.kind is ChangeKind.SUPPLEMENT
    ]
    may_not = {e.change.id for e in changes if e.may_run is MayRun.NO}
    return offers_to_withhold(supplements, profile.medications or ()) | may_not


def experiment_offers_for(user: User) -> dict[str, ExperimentOffer]:
    """Diary factor -> the experiment the analysis may offer `user` for it (none of
    `withheld_offers`)."""
    from nightcramp.core.experiments.offers import experiment_offers

    withheld = withheld_offers(user)
    return {f: o for f, o in experiment_offers().items() if o.change not in withheld}


def _compute(user: User, suspects: Sequence[str]) -> dict[str, object]:
    """The analysis with every experiment offer; `withheld_offers` is applied when read."""
    from nightcramp.core.experiments.offers import experiment_offers
    from nightcramp.core.insights.analyze import analyze
    from nightcramp.core.insights.page import build_page
    from nightcramp.store.diary.convert import load_diary

    nights, episodes = load_diary(user)
    result = analyze(nights, episodes, suspects=suspects, experiments=experiment_offers())
    return {"analysis": result.to_json(), "page": build_page(result)}


def _cached(user: User, suspects: Sequence[str]) -> dict[str, object]:
    """The stored entry for this diary version and these suspects, computed when missing.

    Raises InputError for an unknown or fourth suspect (nothing is stored then).
    """
    key = _key(diary_version(user), suspects)
    found = CachedAnalysis.objects.filter(user=user, key=key).values_list("document", flat=True)
    for document in found:
        return dict(document)
    document = _compute(user, suspects)
    try:
        with transaction.atomic():
            CachedAnalysis.objects.create(user=user, key=key, document=document)
    except IntegrityError:
        pass  # another server stored the same version at the same moment
    old = CachedAnalysis.objects.filter(user=user).order_by("-created", "-id")[KEPT_VERSIONS:]
    CachedAnalysis.objects.filter(id__in=list(old.values_list("id", flat=True))).delete()
    return document


def analysis_document(user: User, suspects: Sequence[str] = ()) -> dict[str, object]:
    """The `analyze --json` document of `user`'s diary, with the experiments it may offer them
    (those of `experiment_offers_for`, as `nightcramp analyze` gives them)."""
    from nightcramp.core.insights.page import withhold_in_analysis

    document = _cached(user, suspects)["analysis"]
    assert isinstance(document, dict)
    return withhold_in_analysis(document, withheld_offers(user))


def insights_page(user: User, suspects: Sequence[str] = ()) -> dict[str, object]:
    """What the Insights page shows for `user`'s diary (`core.insights.page.build_page`), with
    no offer of `withheld_offers` (a row keeps its experiment id, so a running experiment is
    still named as running)."""
    from nightcramp.core.insights.page import withhold_offers

    page = _cached(user, suspects)["page"]
    assert isinstance(page, dict)
    return withhold_offers(page, withheld_offers(user))
