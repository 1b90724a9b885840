"""Diary CSV files (CONTRACT.md "Diary files"): streaming read with every rule, byte-stable write.

A file is a nights file or an episodes file by its header. Reading goes row by row in bounded
memory; each bad cell becomes an `InputError` naming file, row (the header is row 1, as in a
spreadsheet) and field. Writing neutralises spreadsheet formulas; reading undoes exactly that.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, TextIO

from nightcramp.core.diary import (
    STANDARD_FACTORS,
    Episode,
    FactorValue,
    Muscle,
    Night,
    Relief,
    Side,
)
from nightcramp.core.diary_rules import (
    check_factor_name,
    parse_custom_text,
    parse_date,
    parse_muscle,
    parse_relief,
    parse_relief_list,
    parse_side,
    parse_started_at,
    text_reader,
)
from nightcramp.core.errors import InputError, InputErrors

__all__ = [
    "EPISODE_COLUMNS",
    "FORMULA_CHARS",
    "MAX_ERRORS",
    "MAX_ROWS",
    "NIGHT_COLUMNS",
    "DiaryKind",
    "DiaryReader",
    "detect_kind",
    "episode_key",
    "format_started_at",
    "format_value",
    "iter_episodes",
    "iter_nights",
    "neutralise",
    "read_episodes",
    "read_nights",
    "unneutralise",
    "write_episodes_csv",
    "write_nights_csv",
]

MAX_ROWS = 1_000_000
MAX_ERRORS = 100
FORMULA_CHARS = "=+-@\t\r"
NIGHT_COLUMNS: tuple[str, ...] = ("date", *STANDARD_FACTORS)
EPISODE_COLUMNS: tuple[str, ...] = (
    "started_at",
    "muscle",
    "side",
    "duration_min",
    "severity",
    "relief",
    "relief_worked",
    "woke_from_sleep",
    "notes",
)
_BOM = b"\xef\xbb\xbf"
_MUSCLE_INDEX = {m: i for i, m in enumerate(Muscle)}
_SIDE_INDEX: dict[Side | None, int] = {None: 0, Side.LEFT: 1, Side.RIGHT: 2, Side.BOTH: 3}


class DiaryKind(StrEnum):
    NIGHTS = "nights"
    EPISODES = "episodes"


class _Fatal(Exception):
    """The file cannot be read further (encoding, quoting, header, size)."""

    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


def neutralise(cell: str) -> str:
    """Prefix a `'` to a cell a spreadsheet would read as a formula."""
    return "'" + cell if cell[:1] and cell[0] in FORMULA_CHARS else cell


def unneutralise(cell: str) -> str:
    """Remove exactly one `'` placed before a formula character by `neutralise`."""
    if len(cell) >= 2 and cell[0] == "'" and cell[1] in FORMULA_CHARS:
        return cell[1:]
    return cell


def episode_key(episode: Episode) -> int:
    """A compact key for the contract's episode identity: (started_at, muscle, side).

    Aware times compare as instants; naive times by their wall-clock reading.
    """
    at = episode.started_at
    if at.tzinfo is not None and at.utcoffset() is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    micros = (at.toordinal() * 86_400 + at.hour * 3600 + at.minute * 60 + at.second) * 1_000_000
    micros += at.microsecond
    return (micros * 8 + _MUSCLE_INDEX[episode.muscle]) * 4 + _SIDE_INDEX[episode.side]


class DiaryReader:
    """Reads one diary CSV file row by row.

    `errors` collects up to `max_errors` problems (`error_count` counts them all); rows with a
    problem are skipped, so a caller sees only valid rows and must check `error_count` at the end.
    `seen` can be shared between readers to find duplicates across files.
    """

    def __init__(
        self,
        path: Path,
        *,
        tz: dt.tzinfo | None = None,
        max_errors: int = MAX_ERRORS,
        seen: set[int] | None = None,
        label: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.label = label or self.path.name
        self.tz = tz
        self.max_errors = max_errors
        self.seen: set[int] = set() if seen is None else seen
        self.errors: list[InputError] = []
        self.error_count = 0
        self.rows_read = 0
        self.bytes_read = 0
        self.total_bytes = self.path.stat().st_size
        self.kind: DiaryKind | None = None
        self.columns: tuple[str, ...] = ()
        self._record = 0

    # -- errors -------------------------------------------------------------------------------
    def _add(self, reason: str, row: int | None, field: str | None) -> None:
        self.error_count += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(InputError(reason, file=self.label, row=row, field=field))

    def raise_if_invalid(self) -> None:
        """Raise InputErrors listing the problems found so far, if any."""
        if self.error_count:
            raise InputErrors(self.errors, total=self.error_count)

    # -- low level ----------------------------------------------------------------------------
    def _lines(self, handle: IO[bytes]) -> Iterator[str]:
        for number, raw in enumerate(handle, 1):
            self.bytes_read += len(raw)
            chunk = raw[3:] if number == 1 and raw.startswith(_BOM) else raw
            try:
                yield chunk.decode("utf-8")
            except UnicodeDecodeError:
                where = self._record + 1
                raise _Fatal(
                    InputError(
                        f"has bytes that are not UTF-8 text (line {number}); save the file as "
                        "UTF-8 CSV and try again",
                        file=self.label,
                        row=where,
                    )
                ) from None

    def _records(self) -> Generator[tuple[int, list[str]], None, None]:
        with self.path.open("rb") as handle:
            reader = csv.reader(self._lines(handle), strict=True)
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise _Fatal(
                        InputError(
                            f"is not valid CSV here ({error}); check for an unclosed quote",
                            file=self.label,
                            row=self._record + 1,
                        )
                    ) from None
                self._record += 1
                yield self._record, cells

    def _read_header(self, records: Iterator[tuple[int, list[str]]]) -> None:
        try:
            _, header = next(records)
        except StopIteration:
            raise _Fatal(
                InputError("is empty: a diary CSV needs a header row", file=self.label)
            ) from None
        names = [unneutralise(h).strip() for h in header]
        lowered = [n.lower() for n in names]
        if len(names) == 1 and ";" in names[0]:
            raise _Fatal(
                InputError(
                    "is separated by semicolons; nightcramp reads comma-separated files only",
                    file=self.label,
                    row=1,
                )
            )
        if "date" in lowered and "started_at" in lowered:
            raise _Fatal(
                InputError(
                    "has both `date` and `started_at`: put nights and episodes in separate files",
                    file=self.label,
                    row=1,
                )
            )
        if "date" in lowered:
            self.kind = DiaryKind.NIGHTS
        elif "started_at" in lowered:
            self.kind = DiaryKind.EPISODES
        else:
            raise _Fatal(
                InputError(
                    "is not a nightcramp diary CSV: its header has no `date` (nights) "
                    "or `started_at` (episodes) column",
                    file=self.label,
                    row=1,
                )
            )
        self.columns = tuple(self._column_names(names))

    def _column_names(self, names: list[str]) -> Iterator[str]:
        standard = NIGHT_COLUMNS if self.kind is DiaryKind.NIGHTS else EPISODE_COLUMNS
        seen: set[str] = set()
        for index, name in enumerate(names, 1):
            column = name.lower() if name.lower() in standard else name
            if not column:
                raise _Fatal(InputError(f"column {index} has no name", file=self.label, row=1))
            if column in seen:
                raise _Fatal(
                    InputError("appears twice in the header", file=self.label, row=1, field=column)
                )
            seen.add(column)
            if column not in standard:
                if self.kind is DiaryKind.EPISODES:
                    allowed = ", ".join(EPISODE_COLUMNS)
                    raise _Fatal(
                        InputError(
                            f"is not an episodes column (use {allowed})",
                            file=self.label,
                            row=1,
                            field=column,
                        )
                    )
                try:
                    check_factor_name(column)
                except ValueError as error:
                    raise _Fatal(
                        InputError(str(error), file=self.label, row=1, field=column)
                    ) from None
            yield column

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, cells) for each data row; stop on a fatal problem."""
        try:
            records = self._records()
            self._read_header(records)
            width = len(self.columns)
            for number, cells in records:
                if not any(cells) or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line, or a row of empty cells as spreadsheets write
                self.rows_read += 1
                if self.rows_read > MAX_ROWS:
                    raise _Fatal(
                        InputError(
                            f"has more than {MAX_ROWS:,} rows; split it into smaller files",
                            file=self.label,
                            row=number,
                        )
                    )
                if len(cells) > width:
                    self._add(
                        f"has {len(cells)} cells but the header has {width} columns",
                        number,
                        None,
                    )
                    continue
                if len(cells) < width:
                    cells.extend([""] * (width - len(cells)))
                yield number, cells
        except _Fatal as fatal:
            self.error_count += 1
            self.errors.append(fatal.error)

    # -- nights -------------------------------------------------------------------------------
    def nights(self) -> Iterator[tuple[int, Night]]:
        """Yield (row number, Night) for each valid row of a nights file."""
        plan: list[tuple[int, str, Callable[[str], FactorValue]]] | None = None
        date_index = 0
        for number, cells in self._rows():
            if plan is None:
                if self.kind is not DiaryKind.NIGHTS:
                    self._add("is an episodes file, not a nights file", None, None)
                    return
                date_index = self.columns.index("date")
                plan = [
                    (i, c, text_reader(c) if c in STANDARD_FACTORS else parse_custom_text)
                    for i, c in enumerate(self.columns)
                    if c != "date"
                ]
            night = self._night(number, cells, date_index, plan)
            if night is not None:
                yield number, night

    def _night(
        self,
        number: int,
        cells: list[str],
        date_index: int,
        plan: list[tuple[int, str, Callable[[str], FactorValue]]],
    ) -> Night | None:
        before = self.error_count
        factors: dict[str, FactorValue] = {}
        for index, column, read in plan:
            cell = cells[index]
            if not cell:
                continue
            if cell[0] == "'":
                cell = unneutralise(cell)
            try:
                factors[column] = read(cell)
            except ValueError as error:
                if cell.strip():
                    self._add(str(error), number, column)
        day: dt.date | None = None
        text = unneutralise(cells[date_index])
        if not text.strip():
            self._add("is required", number, "date")
        else:
            try:
                day = parse_date(text)
            except ValueError as error:
                self._add(str(error), number, "date")
        if day is None or self.error_count != before:
            return None
        key = day.toordinal()
        if key in self.seen:
            self._add(f"{day.isoformat()} appears more than once", number, "date")
            return None
        self.seen.add(key)
        return Night(date=day, factors=factors)

    # -- episodes -----------------------------------------------------------------------------
    def episodes(self) -> Iterator[tuple[int, Episode]]:
        """Yield (row number, Episode) for each valid row of an episodes file."""
        plan: list[tuple[int, str, _CellParser | None]] | None = None
        for number, cells in self._rows():
            if plan is None:
                if self.kind is not DiaryKind.EPISODES:
                    self._add("is a nights file, not an episodes file", None, None)
                    return
                plan = [(i, c, _EPISODE_PARSERS.get(c)) for i, c in enumerate(self.columns)]
            episode = self._episode(number, cells, plan)
            if episode is not None:
                yield number, episode

    def _episode(
        self, number: int, cells: list[str], plan: list[tuple[int, str, _CellParser | None]]
    ) -> Episode | None:
        before = self.error_count
        values: dict[str, object] = {}
        for index, column, parse in plan:
            text = cells[index]
            if text[:1] == "'":
                text = unneutralise(text)
            if parse is None:  # notes: stored exactly
                values[column] = text
                continue
            try:
                values[column] = parse(self, text)
            except ValueError as error:
                self._add(str(error), number, column)
                values[column] = _FAILED
        if values.get("started_at") is None:
            self._add("is required", number, "started_at")
        if self.error_count != before:
            return None
        episode = Episode(**values)  # type: ignore[arg-type]  # each value was checked above
        key = episode_key(episode)
        if key in self.seen:
            self._add(
                "the same started_at, muscle and side appear more than once", number, "started_at"
            )
            return None
        self.seen.add(key)
        return episode


_FAILED = object()
_CellParser = Callable[["DiaryReader", str], object]
_MUSCLES: dict[str, Muscle] = {m.value: m for m in Muscle}
_SIDES: dict[str, Side | None] = {"": None, **{s.value: s for s in Side}}
_RELIEFS: dict[str, Relief] = {r.value: r for r in Relief}
_NO_RELIEF: tuple[Relief, ...] = ()


def _muscle(_reader: DiaryReader, text: str) -> object:
    found = _MUSCLES.get(text)
    return parse_muscle(text) if found is None else found


def _side(_reader: DiaryReader, text: str) -> object:
    return _SIDES[text] if text in _SIDES else parse_side(text)


def _relief(_reader: DiaryReader, text: str) -> object:
    if not text:
        return _NO_RELIEF
    found = _RELIEFS.get(text)
    return (found,) if found is not None else parse_relief_list(text)


def _relief_worked(_reader: DiaryReader, text: str) -> object:
    if not text.strip():
        return None
    found = _RELIEFS.get(text)
    return parse_relief(text) if found is None else found


def _started_at(reader: DiaryReader, text: str) -> object:
    if len(text) >= 16 and text[10] == "T" and text[:1].isdigit() and text.isascii():
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if value.tzinfo is None and reader.tz is not None:
                value = value.replace(tzinfo=reader.tz)
            return value
    return parse_started_at(text, reader.tz) if text.strip() else None


_READ_DURATION = text_reader("duration_min")
_READ_SEVERITY = text_reader("severity")
_READ_WOKE = text_reader("woke_from_sleep")
_EPISODE_PARSERS: dict[str, _CellParser] = {
    "started_at": _started_at,
    "muscle": _muscle,
    "side": _side,
    "duration_min": lambda _r, text: _READ_DURATION(text) if text.strip() else None,
    "severity": lambda _r, text: _READ_SEVERITY(text) if text.strip() else None,
    "relief": _relief,
    "relief_worked": _relief_worked,
    "woke_from_sleep": lambda _r, text: _READ_WOKE(text) if text.strip() else None,
}


def detect_kind(path: Path, *, label: str | None = None) -> DiaryKind:
    """Return whether a CSV file holds nights or episodes, by its header.

    Raises InputErrors naming the file when it cannot be read or its header is not a diary's.
    """
    reader = DiaryReader(path, label=label)
    records = reader._records()
    try:
        reader._read_header(records)
    except _Fatal as fatal:
        raise InputErrors([fatal.error]) from None
    finally:
        records.close()
    assert reader.kind is not None
    return reader.kind


def iter_nights(path: Path, *, label: str | None = None) -> Iterator[Night]:
    """Yield the nights of a nights CSV in file order.

    Raises InputErrors, after the last valid row, listing every problem (file:row:field).
    """
    reader = DiaryReader(path, label=label)
    for _, night in reader.nights():
        yield night
    reader.raise_if_invalid()


def iter_episodes(
    path: Path, *, tz: dt.tzinfo | None = None, label: str | None = None
) -> Iterator[Episode]:
    """Yield the episodes of an episodes CSV in file order; times without offset take `tz`.

    Raises InputErrors, after the last valid row, listing every problem (file:row:field).
    """
    reader = DiaryReader(path, tz=tz, label=label)
    for _, episode in reader.episodes():
        yield episode
    reader.raise_if_invalid()


def read_nights(path: Path) -> list[Night]:
    """Return every night of a nights CSV; raise InputErrors if any row is invalid."""
    return list(iter_nights(path))


def read_episodes(path: Path, *, tz: dt.tzinfo | None = None) -> list[Episode]:
    """Return every episode of an episodes CSV; raise InputErrors if any row is invalid."""
    return list(iter_episodes(path, tz=tz))


# -- writing ----------------------------------------------------------------------------------
def format_value(value: FactorValue | None) -> str:
    """Write a value as the CSV does: true/false, whole numbers without `.0`, else shortest."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def format_started_at(value: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """ISO 8601 with seconds; an aware time is shown in `tz` (if given) with its offset."""
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return value.isoformat()


def _open_out(out: TextIO | Path) -> tuple[TextIO, bool]:
    if isinstance(out, Path):
        return out.open("w", encoding="utf-8", newline=""), True
    return out, False


def write_nights_csv(
    nights: Iterable[Night],
    out: TextIO | Path,
    *,
    custom_columns: Sequence[str] | None = None,
) -> int:
    """Write a nights CSV (contract column order, then custom columns by name); return rows.

    Without `custom_columns` the nights are read once first to find them.
    """
    if custom_columns is None:
        nights = list(nights)
        names = {k for n in nights for k in n.factors if k not in STANDARD_FACTORS}
        custom_columns = sorted(names)
    columns = (*NIGHT_COLUMNS, *custom_columns)
    handle, close = _open_out(out)
    try:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in columns])
        count = 0
        for night in nights:
            row = [night.date.isoformat()]
            row.extend(format_value(night.factors.get(c)) for c in columns[1:])
            writer.writerow([neutralise(c) for c in row])
            count += 1
        return count
    finally:
        if close:
            handle.close()


def write_episodes_csv(
    episodes: Iterable[Episode], out: TextIO | Path, *, tz: dt.tzinfo | None = None
) -> int:
    """Write an episodes CSV in the contract's column order; return the number of rows."""
    handle, close = _open_out(out)
    try:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(EPISODE_COLUMNS)
        count = 0
        for ep in episodes:
            row = [
                format_started_at(ep.started_at, tz),
                ep.muscle.value,
                "" if ep.side is None else ep.side.value,
                format_value(ep.duration_min),
                format_value(ep.severity),
                ";".join(r.value for r in ep.relief),
                "" if ep.relief_worked is None else ep.relief_worked.value,
                format_value(ep.woke_from_sleep),
                ep.notes,
            ]
            writer.writerow([neutralise(c) for c in row])
            count += 1
        return count
    finally:
        if close:
            handle.close()
