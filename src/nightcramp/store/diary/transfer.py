"""Diary import (all or nothing) and the matching export queries.

Import streams each file through the core readers and writes rows in batches. On SQLite the
batches go to temp tables, which take no lock on the diary, and one short transaction at the end
moves them in; on PostgreSQL they go straight in, inside one transaction. Either way, any problem
rolls everything back after listing every problem found (up to a cap). A row that matches a
stored one (night date; episode start, muscle and side) is a conflict unless `replace` is given,
in which case the imported row replaces the stored one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from nightcramp.core import diary as core
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.csv_diary import (
    MAX_ERRORS,
    DiaryKind,
    DiaryReader,
    detect_kind,
    episode_key,
)
from nightcramp.core.interop.json_diary import (
    DiaryDocument,
    DiaryMedication,
    DiaryProfile,
    read_document,
)

from . import models
from .convert import episode_fields, episode_to_core, night_to_core

__all__ = [
    "BATCH_SIZE",
    "ImportResult",
    "Progress",
    "custom_factor_names",
    "export_medications",
    "export_profile",
    "import_files",
    "iter_export_episodes",
    "iter_export_nights",
]

BATCH_SIZE = 2000
_Row = TypeVar("_Row")
Progress = Callable[[int, int], None]


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


class _Problems:
    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.count = 0

    def add(self, error: InputError) -> None:
        self.count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)

    def merge(self, errors: Sequence[InputError], count: int) -> None:
        room = MAX_ERRORS - len(self.errors)
        self.errors.extend(errors[: max(room, 0)])
        self.count += count


def _is_json(path: Path) -> bool:
    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{")


class _Importer:
    """Checks rows and writes them in batches, to the diary tables or (staged) to temp tables."""

    def __init__(
        self, user: User, *, replace: bool, progress: Progress | None, staged: bool
    ) -> None:
        self.user = user
        self.staged = staged
        self.night_table = _NIGHT_STAGE if staged else models.Night._meta.db_table
        self.episode_table = _EPISODE_STAGE if staged else models.Episode._meta.db_table
        self.pending_profile: dict[str, object] | None = None
        self.pending_medications: list[dict[str, object]] = []
        self.replace = replace
        self.progress = progress
        self.problems = _Problems()
        self.result = ImportResult()
        self.seen_nights: set[int] = set()
        self.seen_episodes: set[int] = set()
        self.stored_nights = {
            d.toordinal()
            for d in models.Night.objects.filter(user=user).values_list("date", flat=True)
        }
        self.stored_episodes: dict[int, int] = {}
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
            self.stored_episodes[key] = pk
        self.custom_kinds: dict[str, core.FactorKind] = {}
        self.done_bytes = 0
        self.total_bytes = 0
        self.reader: DiaryReader | None = None
        # Times written without an offset are read in the site's zone, before comparing.
        self.tz = timezone.get_default_timezone()

    # -- nights -------------------------------------------------------------------------------
    def add_nights(self, rows: Iterator[tuple[int | None, core.Night]], label: str) -> None:
        batch: list[core.Night] = []
        check = bool(self.stored_nights) and not self.replace
        for number, night in rows:
            if check and night.date.toordinal() in self.stored_nights:
                self.problems.add(
                    InputError(
                        f"a night on {night.date.isoformat()} is already stored "
                        "(use --replace to replace it)",
                        file=label,
                        row=number,
                        field="date",
                    )
                )
                continue
            batch.append(night)
            if len(batch) >= BATCH_SIZE:
                self._flush_nights(batch)
                batch = []
        self._flush_nights(batch)

    def _flush_nights(self, batch: list[core.Night]) -> None:
        if self._failed() or not batch:
            self._report()
            return
        stored = self.stored_nights
        replaced = [n.date for n in batch if n.date.toordinal() in stored] if stored else []
        if replaced:
            if not self.staged:  # staged: replaced in `commit_staged`
                models.Night.objects.filter(user=self.user, date__in=replaced).delete()
            self.result.nights_replaced += len(replaced)
        for night in batch:
            for name, value in night.factors.items():
                if name not in core.STANDARD_FACTORS and name not in self.custom_kinds:
                    self.custom_kinds[name] = _kind_of(value)
        _insert_nights(self.user.pk, batch, self.night_table)
        self.result.nights += len(batch) - len(replaced)
        self._report()

    # -- episodes -----------------------------------------------------------------------------
    def add_episodes(self, rows: Iterator[tuple[int | None, core.Episode]], label: str) -> None:
        batch: list[core.Episode] = []
        check = bool(self.stored_episodes) and not self.replace
        for number, episode in rows:
            if check and episode_key(episode) in self.stored_episodes:
                self.problems.add(
                    InputError(
                        "a cramp with this start, muscle and side is already stored "
                        "(use --replace to replace it)",
                        file=label,
                        row=number,
                        field="started_at",
                    )
                )
                continue
            batch.append(episode)
            if len(batch) >= BATCH_SIZE:
                self._flush_episodes(batch)
                batch = []
        self._flush_episodes(batch)

    def _flush_episodes(self, batch: list[core.Episode]) -> None:
        if self._failed() or not batch:
            self._report()
            return
        stored = self.stored_episodes
        replaced = (
            [pk for e in batch if (pk := stored.get(episode_key(e))) is not None] if stored else []
        )
        if replaced:
            if not self.staged:  # staged: replaced in `commit_staged`
                models.Episode.objects.filter(user=self.user, id__in=replaced).delete()
            self.result.episodes_replaced += len(replaced)
        _insert_episodes(self.user.pk, batch, self.episode_table)
        self.result.episodes += len(batch) - len(replaced)
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
            self.add_episodes(_numbered(reader.episodes()), label)
        else:
            self.add_nights(_numbered(reader.nights()), label)
        self.reader = None
        self.done_bytes += reader.total_bytes
        self.problems.merge(reader.errors, reader.error_count)

    def _failed(self) -> bool:
        return bool(self.problems.count or (self.reader is not None and self.reader.error_count))

    def add_json(self, path: Path, label: str) -> None:
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
        self.add_nights(((None, n) for n in document.nights), label)
        self.add_episodes(((None, e) for e in document.episodes), label)
        self._add_profile(document, label)
        self._add_medications(document.medications)
        self.done_bytes += path.stat().st_size

    def _add_profile(self, document: DiaryDocument, label: str) -> None:
        profile = document.profile
        if profile is None:
            return
        stored = models.Profile.objects.filter(user=self.user).first()
        values = _profile_fields(profile)
        if stored is not None and not self.replace:
            if any(getattr(stored, k) != v for k, v in values.items()):
                self.problems.add(
                    InputError(
                        "a different profile is already stored (use --replace to replace it)",
                        file=label,
                        field="profile",
                    )
                )
            return
        self.pending_profile = values

    def _add_medications(self, medications: Sequence[DiaryMedication]) -> None:
        for med in medications:
            self.pending_medications.append(
                {
                    "name": med.name,
                    "dose": med.dose,
                    "started_on": med.started_on,
                    "stopped_on": med.stopped_on,
                }
            )

    def raise_if_problems(self) -> None:
        if self.problems.count:
            raise InputErrors(self.problems.errors, total=self.problems.count)

    def finish(self) -> None:
        """Store what is not row-by-row: custom factor definitions, the profile, medicines."""
        self.raise_if_problems()
        for name, kind in sorted(self.custom_kinds.items()):
            models.CustomFactor.objects.get_or_create(
                user=self.user, name=name, defaults={"kind": kind.value}
            )
        if self.pending_profile is not None:
            models.Profile.objects.update_or_create(user=self.user, defaults=self.pending_profile)
            self.result.profile = True
        for values in self.pending_medications:
            if models.Medication.objects.filter(user=self.user, **values).exists():
                continue
            models.Medication.objects.create(user=self.user, **values)
            self.result.medications += 1

    # -- staging (SQLite) ---------------------------------------------------------------------
    def stage_begin(self) -> None:
        """Create empty temp tables shaped like the diary tables.

        SQLite keeps temp tables in a separate database, so writing them takes no lock on the
        diary: other writers (the web app) carry on while a large file is read.
        """
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for stage, model in ((_NIGHT_STAGE, models.Night), (_EPISODE_STAGE, models.Episode)):
                cursor.execute(f"DROP TABLE IF EXISTS temp.{stage}")
                cursor.execute(
                    f"CREATE TEMP TABLE {stage} AS "
                    f"SELECT * FROM main.{quote(model._meta.db_table)} WHERE 0"
                )

    def commit_staged(self) -> None:
        """Move the staged rows into the diary (inside the caller's transaction)."""
        quote = connection.ops.quote_name
        nights = quote(models.Night._meta.db_table)
        episodes = quote(models.Episode._meta.db_table)
        with connection.cursor() as cursor:
            if self.replace:
                cursor.execute(
                    f"DELETE FROM {nights} WHERE user_id = %s "
                    f"AND date IN (SELECT date FROM temp.{_NIGHT_STAGE})",
                    [self.user.pk],
                )
                cursor.execute(
                    f"CREATE INDEX temp.{_EPISODE_STAGE}_start ON {_EPISODE_STAGE} (started_at)"
                )
                cursor.execute(
                    f"DELETE FROM {episodes} WHERE user_id = %s AND EXISTS ("
                    f"SELECT 1 FROM temp.{_EPISODE_STAGE} AS s "
                    f"WHERE s.started_at = {episodes}.started_at "
                    f"AND s.muscle = {episodes}.muscle AND s.side IS {episodes}.side)",
                    [self.user.pk],
                )
            for stage, model, names in (
                (_NIGHT_STAGE, models.Night, _NIGHT_COLUMNS),
                (_EPISODE_STAGE, models.Episode, _EPISODE_COLUMNS),
            ):
                columns = ", ".join(quote(_column(model, n)) for n in names)
                cursor.execute(
                    f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                    f"SELECT {columns} FROM temp.{stage} ORDER BY rowid"
                )

    def stage_end(self) -> None:
        with connection.cursor() as cursor:
            for stage in (_NIGHT_STAGE, _EPISODE_STAGE):
                cursor.execute(f"DROP TABLE IF EXISTS temp.{stage}")

    def _report(self) -> None:
        if self.progress is not None:
            current = 0 if self.reader is None else self.reader.bytes_read
            self.progress(self.done_bytes + current, self.total_bytes)


def _numbered(rows: Iterator[tuple[int, _Row]]) -> Iterator[tuple[int | None, _Row]]:
    yield from rows


_NIGHT_STAGE = "nightcramp_import_night"
_EPISODE_STAGE = "nightcramp_import_episode"
_NIGHT_COLUMNS = ("user", "date", *core.STANDARD_FACTORS, "custom", "created", "updated")
_EPISODE_COLUMNS = (
    "user",
    "started_at",
    "utc_offset_min",
    "night",
    "muscle",
    "side",
    "duration_min",
    "severity",
    "relief",
    "relief_worked",
    "woke_from_sleep",
    "notes",
    "created",
    "updated",
)


def _column(model: type[Model], name: str) -> str:
    column = getattr(model._meta.get_field(name), "column", None)
    assert isinstance(column, str), name
    return column


def _insert_rows(
    model: type[Model], names: Sequence[str], table: str, rows: Sequence[Sequence[Any]]
) -> None:
    """Insert `rows` into `table` with one prepared statement.

    On PostgreSQL this uses the driver's own cursor: server-side parameters and pipelined
    `executemany`, so rows do not each wait for a round trip.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, n)) for n in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.executemany(sql, rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _insert_nights(user_id: int, batch: Sequence[core.Night], table: str) -> None:
    """Insert nights with one prepared statement (the ORM's bulk_create is several times slower)."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    rows = []
    for night in batch:
        factors = night.factors
        custom = {k: v for k, v in factors.items() if k not in core.STANDARD_FACTORS}
        rows.append(
            (
                user_id,
                ops.adapt_datefield_value(night.date),
                *[factors.get(name) for name in core.STANDARD_FACTORS],
                ops.adapt_json_value(custom, None),
                now,
                now,
            )
        )
    _insert_rows(models.Night, _NIGHT_COLUMNS, table, rows)


def _insert_episodes(user_id: int, batch: Sequence[core.Episode], table: str) -> None:
    """Insert episodes with one prepared statement; fields come from `convert.episode_fields`."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    relief_json: dict[tuple[str, ...], Any] = {}  # few distinct lists: adapt each once
    rows = []
    for episode in batch:
        f = episode_fields(episode)
        relief = tuple(f["relief"])
        adapted = relief_json.get(relief)
        if adapted is None:
            adapted = relief_json[relief] = ops.adapt_json_value(f["relief"], None)
        rows.append(
            (
                user_id,
                ops.adapt_datetimefield_value(f["started_at"]),
                f["utc_offset_min"],
                ops.adapt_datefield_value(f["night"]),
                f["muscle"],
                f["side"],
                f["duration_min"],
                f["severity"],
                adapted,
                f["relief_worked"],
                f["woke_from_sleep"],
                f["notes"],
                now,
                now,
            )
        )
    _insert_rows(models.Episode, _EPISODE_COLUMNS, table, rows)


def _kind_of(value: core.FactorValue) -> core.FactorKind:
    if isinstance(value, bool):
        return core.FactorKind.BOOL
    return core.FactorKind.INT if isinstance(value, int) else core.FactorKind.NUMBER


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


def _read_files(importer: _Importer, paths: Sequence[Path]) -> None:
    for path in paths:
        label = str(path)
        importer.result.files.append(label)
        if _is_json(path):
            importer.add_json(path, label)
        else:
            importer.add_csv(path, label)


def import_files(
    user: User,
    paths: Sequence[Path],
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import diary files (CSV by header, or the JSON export) for `user`, all or nothing.

    Raises InputErrors listing every problem (file:row:field: reason, capped) and stores
    nothing when any file or row is invalid or conflicts with a stored row without `replace`.
    """
    staged = connection.vendor == "sqlite"
    importer = _Importer(user, replace=replace, progress=progress, staged=staged)
    importer.total_bytes = sum(p.stat().st_size for p in paths)
    try:
        if staged:
            importer.stage_begin()
            try:
                _read_files(importer, paths)
                importer.raise_if_problems()
                with transaction.atomic():
                    importer.commit_staged()
                    importer.finish()
            finally:
                importer.stage_end()
        else:
            with transaction.atomic():
                _read_files(importer, paths)
                importer.finish()
        return importer.result
    except IntegrityError:
        # Another writer stored a matching night or cramp while this import ran.
        raise InputErrors(
            [InputError("a matching night or cramp was stored while importing; try again")]
        ) from None


# -- export -----------------------------------------------------------------------------------
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
    return DiaryProfile(
        birth_year=row.birth_year,
        sex=row.sex,
        pregnant=row.pregnant,
        due_date=row.due_date,
        pregnancy_weeks=row.pregnancy_weeks,
        conditions=tuple(row.conditions),
        smoker=row.smoker,
    )


def export_medications(user: User) -> list[DiaryMedication]:
    """Return `user`'s medication list in a stable order."""
    rows = models.Medication.objects.filter(user=user).order_by("name", "started_on", "id")
    return [
        DiaryMedication(name=r.name, dose=r.dose, started_on=r.started_on, stopped_on=r.stopped_on)
        for r in rows
    ]
