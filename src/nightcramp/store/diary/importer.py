"""One diary import in progress: files read into rows, each row checked by the diary's record
rules and against the stored diary, and the valid rows written in batches, to the diary tables
or (staged, on SQLite) to temp tables.

Nothing here decides whether the import is stored: `transfer.import_files` does, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from django.contrib.auth.models import User
from django.utils import timezone

from nightcramp.core import diary as core
from nightcramp.core.diary_limits import episode_problems, night_problems
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.csv_diary import DiaryKind, DiaryReader, detect_kind
from nightcramp.core.interop.identity import SeenKeys
from nightcramp.core.interop.json_diary import DiaryProfile, read_document

from . import bulk, models
from .import_rows import Held, ImportedRow, ImportProblems, read_json_holding
from .queries import check_medicine_room
from .stored_rows import StoredRows

__all__ = ["BATCH_SIZE", "DiaryImport", "ImportResult", "Progress"]

BATCH_SIZE = 2000
Progress = Callable[[int, int], None]
_T = TypeVar("_T")
_STANDARD = frozenset(core.STANDARD_FACTORS)
_NIGHT_CONFLICT = "a night on {} is already stored (use --replace to replace it)"
_EPISODE_CONFLICT = (
    "a cramp with this start, muscle and side is already stored (use --replace to replace it)"
)
_PROFILE_CONFLICT = "a different profile is already stored (use --replace to replace it)"


@dataclass
class ImportResult:
    """What an import stored."""

    nights: int = 0
    episodes: int = 0
    nights_replaced: int = 0
    episodes_replaced: int = 0
    profile: bool = False
    medications: int = 0
    files: list[str] = field(default_factory=list)


class DiaryImport:
    """Reads files into `user`'s diary; `now` (local time) is the clock for every row's rules.

    `staged` rows go to the SQLite temp tables; a `replace` import is never staged: it reads the
    stored rows it replaces inside the caller's transaction.
    """

    def __init__(
        self,
        user: User,
        *,
        replace: bool,
        progress: Progress | None,
        staged: bool,
        now: dt.datetime,
    ) -> None:
        assert not (staged and replace), "a replacing import writes inside one transaction"
        self.user = user
        self.replace = replace
        self.progress = progress
        self.staged = staged
        self.now = now
        self.night_table = bulk.NIGHT_STAGE if staged else models.Night._meta.db_table
        self.episode_table = bulk.EPISODE_STAGE if staged else models.Episode._meta.db_table
        self.problems = ImportProblems()
        self.result = ImportResult()
        self.stored = StoredRows(user)
        self.seen_nights = SeenKeys()
        self.seen_episodes = SeenKeys()
        # Per custom factor, one value of each Python type seen: enough to tell its kind.
        self.custom_samples: dict[str, dict[type, core.FactorValue]] = {}
        self.pending_profile: dict[str, object] | None = None
        self.pending_medications: list[dict[str, object]] = []
        self.medications_file: str | None = None  # the (last) file that listed medicines
        self.done_bytes = 0
        self.total_bytes = 0
        self.reader: DiaryReader | None = None
        # Times written without an offset are read in the site's zone, before comparing.
        self.tz = timezone.get_default_timezone()

    # -- nights -------------------------------------------------------------------------------
    def add_nights(self, rows: Iterable[ImportedRow[core.Night]], label: str) -> None:
        batch: list[ImportedRow[core.Night]] = []
        check = bool(self.stored.nights) and not self.replace
        for row in rows:
            if check and self.stored.has_night(row[1]):
                reason = _NIGHT_CONFLICT.format(row[1].date.isoformat())
                self.problems.add_at(reason, file=label, where=row[0], field="date")
                continue
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                self._flush_nights(batch, label)
                batch = []
        self._flush_nights(batch, label)

    def _flush_nights(self, batch: list[ImportedRow[core.Night]], label: str) -> None:
        replaced = self.stored.merge_nights(batch) if self.replace else []
        nights: list[core.Night] = []
        now, problems = self.now, self.problems
        for where, night, _ in batch:
            found = night_problems(night.date, night.factors, now=now)
            if not found:
                nights.append(night)
            for p in found:
                problems.add_at(p.reason, file=label, where=where, field=p.field)
        if self._failed() or not nights:
            self._report()
            return
        if replaced:
            models.Night.objects.filter(user=self.user, date__in=replaced).delete()
            self.result.nights_replaced += len(replaced)
        self._note_custom_factors(nights)
        bulk.insert_nights(self.user.pk, nights, self.night_table)
        self.result.nights += len(nights) - len(replaced)
        self._report()

    def _note_custom_factors(self, nights: Iterable[core.Night]) -> None:
        samples = self.custom_samples
        for night in nights:
            factors = night.factors
            for name in factors.keys() - _STANDARD:
                value = factors[name]
                seen = samples.get(name)
                if seen is None:
                    seen = samples[name] = {}
                seen.setdefault(type(value), value)

    # -- episodes -----------------------------------------------------------------------------
    def add_episodes(self, rows: Iterable[ImportedRow[core.Episode]], label: str) -> None:
        batch: list[ImportedRow[core.Episode]] = []
        check = bool(self.stored.episodes) and not self.replace
        for row in rows:
            if check and self.stored.has_episode(row[1]):
                self.problems.add_at(
                    _EPISODE_CONFLICT, file=label, where=row[0], field="started_at"
                )
                continue
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                self._flush_episodes(batch, label)
                batch = []
        self._flush_episodes(batch, label)

    def _flush_episodes(self, batch: list[ImportedRow[core.Episode]], label: str) -> None:
        replaced = self.stored.merge_episodes(batch) if self.replace else []
        episodes: list[core.Episode] = []
        now, problems = self.now, self.problems
        for where, episode, _ in batch:
            found = episode_problems(episode.started_at, episode.duration_min, now=now)
            if not found:
                episodes.append(episode)
            for p in found:
                problems.add_at(p.reason, file=label, where=where, field=p.field)
        if self._failed() or not episodes:
            self._report()
            return
        if replaced:
            models.Episode.objects.filter(user=self.user, id__in=replaced).delete()
            self.result.episodes_replaced += len(replaced)
        bulk.insert_episodes(self.user.pk, episodes, self.episode_table)
        self.result.episodes += len(episodes) - len(replaced)
        self._report()

    # -- files --------------------------------------------------------------------------------
    def add_csv(self, path: Path, label: str) -> None:
        try:
            kind = detect_kind(path, label=label)
        except InputErrors as errors:
            self.problems.merge(errors.errors, errors.total)
            return
        seen = self.seen_nights if kind is DiaryKind.NIGHTS else self.seen_episodes
        reader = DiaryReader(path, tz=self.tz, seen=seen, label=label)
        self.reader = reader
        if kind is DiaryKind.EPISODES:
            self.add_episodes(_held_by_header(reader.episodes(), reader), label)
        else:
            self.add_nights(_held_by_header(reader.nights(), reader), label)
        self.reader = None
        self.done_bytes += reader.total_bytes
        self.problems.merge(reader.errors, reader.error_count)

    def add_json(self, path: Path, label: str) -> None:
        # What each item holds matters only to --replace: read it only then.
        holding = read_json_holding(path) if self.replace else None
        try:
            document = read_document(
                path,
                tz=self.tz,
                seen_nights=self.seen_nights,
                seen_episodes=self.seen_episodes,
                label=label,
            )
        except InputErrors as errors:
            self.problems.merge(errors.errors, errors.total)
            return
        assert holding is not None or not self.replace, "the diary reader read JSON objects"
        held_night = _nothing_held if holding is None else holding.night
        held_episode = _nothing_held if holding is None else holding.episode
        self.add_nights(
            (
                (where, n, held_night(i, n))
                for i, (where, n) in enumerate(
                    zip(document.night_places, document.nights, strict=True)
                )
            ),
            label,
        )
        self.add_episodes(
            (
                (where, e, held_episode(i, e))
                for i, (where, e) in enumerate(
                    zip(document.episode_places, document.episodes, strict=True)
                )
            ),
            label,
        )
        if document.profile is not None:
            held = frozenset() if holding is None else holding.profile
            self._add_profile(document.profile, label, held)
        if document.medications:
            self.medications_file = label
        for med in document.medications:
            self.pending_medications.append(
                {
                    "name": med.name,
                    "dose": med.dose,
                    "started_on": med.started_on,
                    "stopped_on": med.stopped_on,
                }
            )
        self.done_bytes += path.stat().st_size

    def _add_profile(self, profile: DiaryProfile, label: str, held: Held) -> None:
        values = _profile_fields(profile)
        if self.replace:  # the file's profile replaces only the keys it holds
            self.pending_profile = {k: v for k, v in values.items() if k in held}
            return
        stored = models.Profile.objects.filter(user=self.user).first()
        if stored is None:
            self.pending_profile = values
        elif any(getattr(stored, k) != v for k, v in values.items()):
            self.problems.add(InputError(_PROFILE_CONFLICT, file=label, field="profile"))

    # -- the end ------------------------------------------------------------------------------
    def raise_if_problems(self) -> None:
        if self.problems.count:
            raise InputErrors(self.problems.errors, total=self.problems.count)

    def finish(self) -> None:
        """Store what is not row-by-row: custom factor definitions, the profile, medicines."""
        self.raise_if_problems()
        for name, samples in sorted(self.custom_samples.items()):
            kind = core.custom_factor_kind(samples.values())
            models.CustomFactor.objects.get_or_create(
                user=self.user, name=name, defaults={"kind": kind.value}
            )
        if self.pending_profile is not None:
            models.Profile.objects.update_or_create(user=self.user, defaults=self.pending_profile)
            self.result.profile = True
        new: list[dict[str, object]] = []
        for values in self.pending_medications:  # each medicine once, stored ones not again
            stored = models.Medication.objects.filter(user=self.user, **values).exists()
            if not stored and values not in new:
                new.append(values)
        check_medicine_room(self.user, len(new), file=self.medications_file)
        for values in new:
            models.Medication.objects.create(user=self.user, **values)
            self.result.medications += 1

    def _failed(self) -> bool:
        return bool(self.problems.count or (self.reader is not None and self.reader.error_count))

    def _report(self) -> None:
        if self.progress is not None:
            current = 0 if self.reader is None else self.reader.bytes_read
            self.progress(self.done_bytes + current, self.total_bytes)


def _nothing_held(index: int, item: object) -> Held:
    """What a JSON row holds when no row is merged (no --replace): never asked."""
    return frozenset()


def _held_by_header(
    rows: Iterator[tuple[int, _T]], reader: DiaryReader
) -> Iterator[ImportedRow[_T]]:
    """Each row with what it holds: the header's columns (read before the first row is
    yielded), or for a row with fewer cells than the header, the columns it has cells for."""
    first = next(rows, None)
    if first is None:
        return
    held = frozenset(reader.columns)
    width = len(reader.columns)
    for number, item in itertools.chain([first], rows):
        cells = reader.row_cells
        yield number, item, held if cells >= width else frozenset(reader.columns[:cells])


def _profile_fields(profile: DiaryProfile) -> dict[str, object]:
    return {
        "birth_year": profile.birth_year,
        "sex": profile.sex,
        "pregnant": profile.pregnant,
        "due_date": profile.due_date,
        "pregnancy_weeks": profile.pregnancy_weeks,
        "conditions": list(profile.conditions),
        "smoker": profile.smoker,
    }
