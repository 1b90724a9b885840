"""Diary CSV files (CONTRACT.md "Diary files"): streaming read with every rule, byte-stable write.

A file is a nights file or an episodes file by its header. Reading goes row by row in bounded
memory; each bad cell becomes an `InputError` naming file, row (the header is row 1, as in a
spreadsheet) and field. Writing neutralises spreadsheet formulas; reading undoes exactly that.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Generator, Iterable, Iterator, MutableSet
from functools import partial
from pathlib import Path
from typing import IO, TypeVar

from nightcramp.core.diary import Episode, Night
from nightcramp.core.diary_limits import FieldProblem, episode_problems, night_problems
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.columns import EPISODE_COLUMNS, NIGHT_COLUMNS, DiaryKind, read_header
from nightcramp.core.interop.csv_rows import EpisodeRows, NightRows
from nightcramp.core.interop.csv_writer import (
    format_started_at,
    format_value,
    write_episodes_csv,
    write_nights_csv,
)
from nightcramp.core.interop.formulas import FORMULA_CHARS, neutralise, unneutralise
from nightcramp.core.interop.identity import SeenKeys, episode_key
from nightcramp.core.interop.problems import MAX_ERRORS, MAX_ROWS, ProblemList
from nightcramp.core.interop.small_file import ensure_regular_file

__all__ = [
    "EPISODE_COLUMNS",
    "FORMULA_CHARS",
    "MAX_ERRORS",
    "MAX_LINE_BYTES",
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
    "read_nights_and_columns",
    "unneutralise",
    "write_episodes_csv",
    "write_nights_csv",
]

_BOM = b"\xef\xbb\xbf"
# No line of a diary comes near this; a longer one is refused before it is read whole (a file
# with no line ends at all would otherwise be held in memory).
MAX_LINE_BYTES = 1_000_000
_WRONG_KIND = {
    DiaryKind.NIGHTS: "is an episodes file, not a nights file",
    DiaryKind.EPISODES: "is a nights file, not an episodes file",
}
_Item = TypeVar("_Item", Night, Episode)


class _Fatal(Exception):
    """The file cannot be read further (encoding, quoting, header, size)."""

    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


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
        seen: MutableSet[int] | None = None,
        label: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.label = label or self.path.name
        self.tz = tz
        self.seen: MutableSet[int] = SeenKeys() if seen is None else seen
        self.problems = ProblemList(self.label, max_errors)
        self.rows_read = 0
        self.bytes_read = 0
        self.cut_short = False
        self.total_bytes = self.path.stat().st_size
        self.kind: DiaryKind | None = None
        self.columns: tuple[str, ...] = ()
        # The cells the row just yielded had before a short row was filled in with empty ones:
        # the columns after them are not in that row (for --replace, they keep what is stored).
        self.row_cells = 0
        self._record = 0

    @property
    def errors(self) -> list[InputError]:
        """The problems found so far (at most `max_errors` of them)."""
        return self.problems.errors

    @property
    def error_count(self) -> int:
        """How many problems were found so far, including those not kept in `errors`."""
        return self.problems.count

    def raise_if_invalid(self) -> None:
        """Raise InputErrors listing the problems found so far, if any."""
        self.problems.raise_if_any()

    # -- the file, as records of cells ---------------------------------------------------------
    def _lines(self, handle: IO[bytes]) -> Iterator[str]:
        limit = MAX_LINE_BYTES
        for number, raw in enumerate(iter(partial(handle.readline, limit + 1), b""), 1):
            self.bytes_read += len(raw)
            if len(raw) > limit and not raw.endswith(b"\n"):
                raise _Fatal(
                    InputError(
                        f"has a line longer than {limit:,} bytes (line {number}); a diary "
                        "row is far shorter: check that this is a nightcramp diary CSV file",
                        file=self.label,
                        row=self._record + 1,
                    )
                )
            chunk = raw[3:] if number == 1 and raw.startswith(_BOM) else raw
            # The last line, without a line end: a row there that is short was cut off.
            self.cut_short = not raw.endswith((b"\n", b"\r"))
            try:
                yield chunk.decode("utf-8")
            except UnicodeDecodeError:
                raise _Fatal(
                    InputError(
                        f"has bytes that are not UTF-8 text (line {number}); save the file as "
                        "UTF-8 CSV and try again",
                        file=self.label,
                        row=self._record + 1,
                    )
                ) from None

    def _records(self) -> Generator[tuple[int, list[str]], None, None]:
        ensure_regular_file(self.path)
        with self.path.open("rb") as handle:
            reader = csv.reader(self._lines(handle), strict=True)
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise _Fatal(
                        InputError(_csv_reason(str(error)), file=self.label, row=self._record + 1)
                    ) from None
                self._record += 1
                yield self._record, cells

    def _read_header(self, records: Iterator[tuple[int, list[str]]]) -> None:
        _, header = next(records, (0, []))
        if _blank(header) and all(_blank(cells) for _, cells in records):
            raise _Fatal(InputError(self._empty_reason(), file=self.label))
        try:
            self.kind, self.columns = read_header(header, self.label)
        except InputError as error:
            raise _Fatal(error) from None

    def _empty_reason(self) -> str:
        """What is wrong with a file holding nothing but white space: a `.json` file is read as
        CSV only because it does not start like JSON, so it is named for what it was meant to be."""
        if self.path.suffix.lower() == ".json":
            return (
                "is an empty JSON file: a JSON diary holds one object, as the JSON export writes it"
            )
        return "is empty: a diary CSV needs a header row"

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
                    self.problems.add(
                        f"has {len(cells)} cells but the header has {width} columns", row=number
                    )
                    continue
                if len(cells) < width and self.cut_short:
                    self.problems.add(
                        f"ends in the middle of a row: it has {len(cells)} "
                        f"cell{'s' if len(cells) != 1 else ''} but the header has {width} "
                        "columns (was the file cut short?)",
                        row=number,
                    )
                    continue
                self.row_cells = len(cells)
                if len(cells) < width:
                    cells.extend([""] * (width - len(cells)))
                yield number, cells
        except _Fatal as fatal:
            self.problems.stop(fatal.error)

    # -- the rows, as nights or episodes -------------------------------------------------------
    def nights(self) -> Iterator[tuple[int, Night]]:
        """Yield (row number, Night) for each valid row of a nights file."""
        return self._items(
            DiaryKind.NIGHTS, lambda: NightRows(self.columns, self.problems, self.seen).read
        )

    def episodes(self) -> Iterator[tuple[int, Episode]]:
        """Yield (row number, Episode) for each valid row of an episodes file."""
        return self._items(
            DiaryKind.EPISODES,
            lambda: EpisodeRows(self.columns, self.problems, self.seen, self.tz).read,
        )

    def _items(
        self, kind: DiaryKind, start: Callable[[], Callable[[int, list[str]], _Item | None]]
    ) -> Iterator[tuple[int, _Item]]:
        """Yield each valid row read by `start()`, once the header shows a file of `kind`."""
        read: Callable[[int, list[str]], _Item | None] | None = None
        for number, cells in self._rows():
            if read is None:
                if self.kind is not kind:
                    self.problems.add(_WRONG_KIND[kind])
                    return
                read = start()
            item = read(number, cells)
            if item is not None:
                yield number, item


def _csv_reason(error: str) -> str:
    """Say in plain words what the csv module's `error` means for the person's file."""
    if error.startswith("unexpected end of data"):
        return 'is not valid CSV: a quote (") is opened but never closed'
    if error.startswith("field larger than field limit"):
        return (
            f"has a cell longer than {csv.field_size_limit():,} characters, more than any "
            'value a diary can hold; if no value is that long, check for a quote (") that is '
            "opened but never closed"
        )
    if error.startswith("new-line character seen in unquoted field"):
        return (
            "is not valid CSV: its line ends are lone carriage returns (as in old Mac files); "
            "save it as a CSV UTF-8 file and try again"
        )
    if "expected after" in error:
        return (
            "is not valid CSV: there is text right after a closing quote; inside a quoted "
            'cell, write each quote twice ("")'
        )
    return f'is not valid CSV here ({error}); check for a quote (") that is never closed'


def _blank(cells: list[str]) -> bool:
    """Whether a record holds no text at all (an empty line, or only white space)."""
    return not any(cell.strip() for cell in cells)


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


def read_nights_and_columns(
    path: Path, *, now: dt.datetime | None = None
) -> tuple[list[Night], tuple[str, ...]]:
    """Every night of a nights CSV and the factor columns its header declares (answered on any
    night or not); raise InputErrors if any row is invalid. With `now`, also the rules of entry
    that `import` applies (1900 or later, no night to come, hours in a day)."""
    reader = DiaryReader(path)
    nights = _entered(
        reader,
        reader.nights(),
        None if now is None else lambda n: night_problems(n.date, n.factors, now=now),
    )
    return nights, tuple(c for c in reader.columns if c != "date")


def read_episodes(
    path: Path, *, tz: dt.tzinfo | None = None, now: dt.datetime | None = None
) -> list[Episode]:
    """Return every episode of an episodes CSV; raise InputErrors if any row is invalid. With
    `now`, also the rules of entry that `import` applies (1900 or later, not to come)."""
    reader = DiaryReader(path, tz=tz)
    return _entered(
        reader,
        reader.episodes(),
        None if now is None else lambda e: episode_problems(e.started_at, e.duration_min, now=now),
    )


def _entered(
    reader: DiaryReader,
    rows: Iterable[tuple[int, _Item]],
    problems_of: Callable[[_Item], Iterable[FieldProblem]] | None,
) -> list[_Item]:
    """Every entry of `rows`, each checked by `problems_of` (the rules of entry `import`
    applies) when given; raise InputErrors naming row and field if any is invalid."""
    entries: list[_Item] = []
    for row, entry in rows:
        entries.append(entry)
        for problem in problems_of(entry) if problems_of is not None else ():
            reader.problems.add(problem.reason, row=row, field=problem.field)
    reader.raise_if_invalid()
    return entries
