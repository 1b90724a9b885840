"""One data row of a diary CSV, as a `Night` or an `Episode`: every cell is read by the diary
rules, and each bad cell becomes a problem naming its row and column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, MutableSet, Sequence

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
    MAX_VALUE_CHARS,
    check_notes,
    check_storable,
    check_utc_offset,
    check_value_length,
    parse_custom_text,
    parse_date,
    parse_muscle,
    parse_relief,
    parse_relief_list,
    parse_side,
    parse_started_at,
    text_reader,
)
from nightcramp.core.interop.formulas import unneutralise
from nightcramp.core.interop.identity import claim_episode, claim_night
from nightcramp.core.interop.problems import ProblemList

__all__ = ["EpisodeRows", "NightRows"]

_CellReader = Callable[[str], object]
_FAILED = object()  # a cell that could not be read: its problem is already noted


class NightRows:
    """Reads the rows of a nights file with the given columns (one of them `date`).

    `seen` holds the nights already read (shared to find repeats across files).
    """

    def __init__(
        self, columns: Sequence[str], problems: ProblemList, seen: MutableSet[int]
    ) -> None:
        self.problems = problems
        self.seen = seen
        self.date_index = list(columns).index("date")
        self.plan: list[tuple[int, str, Callable[[str], FactorValue]]] = [
            (i, c, text_reader(c) if c in STANDARD_FACTORS else _custom_value)
            for i, c in enumerate(columns)
            if c != "date"
        ]

    def read(self, number: int, cells: Sequence[str]) -> Night | None:
        """Return row `number` as a Night, or None after noting each of its problems.

        An empty cell is not recorded; a cell of spaces only is not recorded either.
        """
        problems = self.problems
        before = problems.count
        factors: dict[str, FactorValue] = {}
        for index, column, read in self.plan:
            cell = cells[index]
            if not cell:
                continue
            if cell[0] == "'":
                cell = unneutralise(cell)
            try:
                if len(cell) > MAX_VALUE_CHARS:
                    check_value_length(cell.strip())
                factors[column] = read(cell)
            except ValueError as error:
                if cell.strip():
                    problems.add(str(error), row=number, field=column)
        day: dt.date | None = None
        text = unneutralise(cells[self.date_index])
        if not text.strip():
            problems.add("is required", row=number, field="date")
        else:
            try:
                day = parse_date(check_value_length(text))
            except ValueError as error:
                problems.add(str(error), row=number, field="date")
        if day is None or problems.count != before:
            return None
        repeated = claim_night(day, self.seen)
        if repeated is not None:
            problems.add(repeated, row=number, field="date")
            return None
        return Night(date=day, factors=factors)


class EpisodeRows:
    """Reads the rows of an episodes file with the given columns; times without offset take `tz`.

    `seen` holds the episode keys already read (shared to find repeats across files).
    """

    def __init__(
        self,
        columns: Sequence[str],
        problems: ProblemList,
        seen: MutableSet[int],
        tz: dt.tzinfo | None = None,
    ) -> None:
        self.problems = problems
        self.seen = seen
        readers = {**_EPISODE_READERS, "started_at": _started_at_reader(tz)}
        # (cell index, column, the column's place among Episode's fields, its reader)
        self.plan: list[tuple[int, str, int, _CellReader | None]] = [
            (i, c, _FIELD_PLACE[c], readers.get(c)) for i, c in enumerate(columns)
        ]

    def read(self, number: int, cells: Sequence[str]) -> Episode | None:
        """Return row `number` as an Episode, or None after noting each of its problems."""
        problems = self.problems
        before = problems.count
        values = list(_DEFAULTS)
        for index, column, place, read in self.plan:
            text = cells[index]
            if not text:
                continue  # not recorded (calf for the muscle): the default
            if text[0] == "'":
                text = unneutralise(text)
            if read is None:  # notes: stored exactly, if the store can keep them
                try:
                    values[place] = check_notes(text)
                except ValueError as error:
                    problems.add(str(error), row=number, field=column)
                continue
            try:
                if len(text) > MAX_VALUE_CHARS:
                    check_value_length(text.strip())
                values[place] = read(text)
            except ValueError as error:
                if not text.strip():
                    continue  # spaces only: not recorded either
                problems.add(str(error), row=number, field=column)
                values[place] = _FAILED
        if values[0] is None:
            problems.add("is required", row=number, field="started_at")
        if problems.count != before:
            return None
        episode = Episode(*values)  # type: ignore[arg-type]  # each value was checked above
        repeated = claim_episode(episode, self.seen)
        if repeated is not None:
            problems.add(repeated, row=number, field="started_at")
            return None
        return episode


# Episode's fields in order, and the value of each when its column is absent.
_FIELD_PLACE = {f.name: i for i, f in enumerate(dataclasses.fields(Episode))}
_DEFAULTS: tuple[object, ...] = tuple(
    None if f.default is dataclasses.MISSING else f.default for f in dataclasses.fields(Episode)
)


# Each reader takes the common spellings first, then falls back on the diary rule.
_MUSCLES: dict[str, Muscle] = {m.value: m for m in Muscle}
_SIDES: dict[str, Side | None] = {"": None, **{s.value: s for s in Side}}
_RELIEFS: dict[str, Relief] = {r.value: r for r in Relief}
_NO_RELIEF: tuple[Relief, ...] = ()


def _muscle(text: str) -> object:
    found = _MUSCLES.get(text)
    return parse_muscle(text) if found is None else found


def _side(text: str) -> object:
    return _SIDES[text] if text in _SIDES else parse_side(text)


def _relief(text: str) -> object:
    if not text:
        return _NO_RELIEF
    found = _RELIEFS.get(text)
    return (found,) if found is not None else parse_relief_list(text)


def _relief_worked(text: str) -> object:
    if not text.strip():
        return None
    found = _RELIEFS.get(text)
    return parse_relief(text) if found is None else found


def _custom_value(text: str) -> FactorValue:
    return check_storable(parse_custom_text(text), custom=True)


_combine = dt.datetime.combine


def _started_at_reader(tz: dt.tzinfo | None) -> _CellReader:
    def started_at(text: str) -> object:
        # The quick path takes YYYY-MM-DDThh:mm…, never another ISO form (a week date).
        if (
            len(text) >= 16
            and text[10] == "T"
            and text[4] == text[7] == "-"
            and text[:1].isdigit()
            and text.isascii()
        ):
            try:
                value = dt.datetime.fromisoformat(text)
            except ValueError:
                pass
            else:
                if value.tzinfo is None:
                    if tz is not None:
                        # `combine` sets the zone several times faster than `replace(tzinfo=)`.
                        value = _combine(value.date(), value.time(), tz)
                    return value
                return check_utc_offset(value)
        return check_utc_offset(parse_started_at(text, tz)) if text.strip() else None

    return started_at


# An empty cell, or one of spaces only, is not recorded: `EpisodeRows.read` keeps the default.
_EPISODE_READERS: dict[str, _CellReader] = {
    "muscle": _muscle,
    "side": _side,
    "duration_min": text_reader("duration_min"),
    "severity": text_reader("severity"),
    "relief": _relief,
    "relief_worked": _relief_worked,
    "woke_from_sleep": text_reader("woke_from_sleep"),
}
