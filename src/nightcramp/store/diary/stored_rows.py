"""What `user`'s diary already holds, as an import sees it: which imported rows match a stored
one (a night by its date; a cramp by its start, muscle and side), and, for `--replace`, the
stored rows merged into the imported ones (`import_rows.merge_night`, `merge_episode`).

Merging reads stored rows for update: call it inside the transaction that writes the result.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from nightcramp.core import diary as core
from nightcramp.core.interop.csv_diary import episode_key

from . import models
from .convert import episode_to_core, night_to_core
from .import_rows import ImportedRow, merge_episode, merge_night

__all__ = ["StoredRows"]


class StoredRows:
    """The dates and cramp keys stored for `user` when the import began (compact integers)."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.nights = {
            d.toordinal()
            for d in models.Night.objects.filter(user=user).values_list("date", flat=True)
        }
        self.episodes: dict[int, int] = {}  # episode_key -> id
        rows = models.Episode.objects.filter(user=user).values_list(
            "id", "started_at", "muscle", "side"
        )
        for pk, started, muscle, side in rows.iterator(chunk_size=5000):
            key = episode_key(
                core.Episode(
                    started_at=started,
                    muscle=core.Muscle(muscle),
                    side=None if side is None else core.Side(side),
                )
            )
            self.episodes[key] = pk

    def has_night(self, night: core.Night) -> bool:
        return night.date.toordinal() in self.nights

    def has_episode(self, episode: core.Episode) -> bool:
        return episode_key(episode) in self.episodes

    def merge_nights(self, batch: list[ImportedRow[core.Night]]) -> list[dt.date]:
        """Merge the stored night into each row of `batch` that matches one; return their dates.

        The rows are replaced in `batch`; each keeps the stored factors its file does not hold.
        """
        nights = self.nights
        if not nights:
            return []
        dates = [night.date for _, night, _ in batch if night.date.toordinal() in nights]
        if not dates:
            return []
        rows = models.Night.objects.filter(user=self.user, date__in=dates).select_for_update()
        found = {row.date: night_to_core(row) for row in rows}
        for index, (where, night, held) in enumerate(batch):
            old = found.get(night.date)
            if old is not None:
                batch[index] = (where, merge_night(old, night, held), held)
        return list(found)

    def merge_episodes(self, batch: list[ImportedRow[core.Episode]]) -> list[int]:
        """Merge the stored cramp into each row of `batch` that matches one; return their ids.

        The rows are replaced in `batch`; each keeps the stored fields its file does not hold.
        """
        stored = self.episodes
        if not stored:
            return []
        matched = {
            index: pk
            for index, (_, episode, _) in enumerate(batch)
            if (pk := stored.get(episode_key(episode))) is not None
        }
        if not matched:
            return []
        rows = models.Episode.objects.filter(
            user=self.user, id__in=matched.values()
        ).select_for_update()
        found = {row.pk: episode_to_core(row) for row in rows}
        for index, pk in matched.items():
            old = found.get(pk)
            if old is not None:
                where, episode, held = batch[index]
                batch[index] = (where, merge_episode(old, episode, held), held)
        return list(found)
