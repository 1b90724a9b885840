"""What a diary export reads: nights and episodes streamed in a stable order, the custom factor
names (the CSV header), the profile and the medication list.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.models import User

from nightcramp.core import diary as core
from nightcramp.core.interop.json_diary import DiaryMedication, DiaryProfile

from . import models
from .convert import episode_to_core, medication_to_core, night_to_core, profile_to_core

__all__ = [
    "custom_factor_names",
    "export_medications",
    "export_profile",
    "iter_export_episodes",
    "iter_export_nights",
]


def custom_factor_names(user: User) -> list[str]:
    """Every custom factor name used in `user`'s nights (or defined for the check-in), sorted."""
    names = set(models.CustomFactor.objects.filter(user=user).values_list("name", flat=True))
    rows = (
        models.Night.objects.filter(user=user).exclude(custom={}).values_list("custom", flat=True)
    )
    for custom in rows.iterator(chunk_size=5000):
        names.update(custom)
    return sorted(names)


def iter_export_nights(user: User) -> Iterator[core.Night]:
    """Yield `user`'s nights by date, streaming from the database."""
    rows = models.Night.objects.filter(user=user).order_by("date")
    for row in rows.iterator(chunk_size=2000):
        yield night_to_core(row)


def iter_export_episodes(user: User) -> Iterator[core.Episode]:
    """Yield `user`'s episodes by start (then muscle, side), streaming from the database."""
    rows = models.Episode.objects.filter(user=user).order_by("started_at", "muscle", "side", "id")
    for row in rows.iterator(chunk_size=2000):
        yield episode_to_core(row)


def export_profile(user: User) -> DiaryProfile | None:
    """Return `user`'s stored profile, or None."""
    row = models.Profile.objects.filter(user=user).first()
    if row is None:
        return None
    return profile_to_core(row)


def export_medications(user: User) -> list[DiaryMedication]:
    """Return `user`'s medication list in a stable order."""
    rows = models.Medication.objects.filter(user=user).order_by("name", "started_on", "id")
    return [medication_to_core(r) for r in rows]
