"""Single values of a decoded JSON diary, checked for their JSON type and then by a diary rule.

Each reader returns the value, or None after noting a problem at `where` (`nights[2].date`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import TypeVar

from nightcramp.core.diary_rules import (
    check_value_length,
    parse_date,
)
from nightcramp.core.interop.problems import ProblemList

__all__ = ["read_date", "read_list", "read_object", "read_record", "read_text"]

_T = TypeVar("_T")


def read_list(raw: Mapping[str, object], key: str, problems: ProblemList) -> list[object]:
    """Return the list under `key`; missing or null gives an empty list."""
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add("must be a list", field=key)
        return []
    return value


def read_object(item: object, where: str, problems: ProblemList) -> dict[str, object] | None:
    """Return `item` if it is a JSON object."""
    if not isinstance(item, dict):
        problems.add("must be an object", field=where)
        return None
    return item


def read_record(
    item: object, where: str, problems: ProblemList, *, fields: Collection[str], noun: str
) -> dict[str, object] | None:
    """Return `item` if it is a JSON object, noting each key that is not one of `fields`.

    `noun` names the record with its article in the problem: "is not an episode field".
    """
    obj = read_object(item, where, problems)
    if obj is not None:
        for key in obj:
            if key not in fields:
                problems.add(f"is not {noun} field", field=f"{where}.{key}")
    return obj


def read_text(
    value: object,
    where: str,
    problems: ProblemList,
    parse: Callable[[str], _T],
    *,
    not_text: str,
    missing: str | None = None,
) -> _T | None:
    """Return `parse(value)` for a string; null is not recorded, or the problem `missing`.

    `not_text` is the reason given for a value that is not a string.
    """
    if value is None:
        if missing is not None:
            problems.add(missing, field=where)
        return None
    if not isinstance(value, str):
        problems.add(not_text, field=where)
        return None
    try:
        return parse(check_value_length(value))
    except ValueError as error:
        problems.add(str(error), field=where)
        return None


def read_date(
    value: object, where: str, problems: ProblemList, *, required: bool = False
) -> dt.date | None:
    """Return a YYYY-MM-DD date; null is not recorded unless `required`."""
    return read_text(
        value,
        where,
        problems,
        parse_date,
        not_text="must be a date written YYYY-MM-DD",
        missing="is required" if required else None,
    )
