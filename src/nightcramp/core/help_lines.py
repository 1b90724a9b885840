"""Where to call for help, by country: the emergency number and the health line for today.

The table is content (`content/triage/services.toml`, with a source for every number); this
module holds the rules that read it, once: a number set by the person wins, a country not in
the table gets the default (112 and "your doctor or an urgent care clinic").

It is on the fast path of `nightcramp now` (the safety line names the emergency number), so it
imports only `os` and `nightcramp.core.marshal_cache`: a parsed copy of the file beside it (in
`__pycache__`, like Python's own bytecode) spares later runs the TOML parser.
`nightcramp.core.triage.services` gives the triage rules the same answers as a dataclass.
"""

# os.path, not pathlib: pathlib pulls in `re` and more, and this module is on the fast path.
# ruff: noqa: PTH100, PTH116, PTH118, PTH119, PTH120, PTH122, PTH123

from __future__ import annotations

import os

from nightcramp.core.marshal_cache import cache_file, read_cached, write_cached

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn, TypedDict

    class Table(TypedDict):
        """The checked table: the default entry and each country's; entries hold text."""

        default: dict[str, str]
        countries: dict[str, dict[str, str]]


__all__ = ["SERVICES_FILE", "HelpLines", "dial", "help_lines_for", "read_table"]

SERVICES_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "content",
    "triage",
    "services.toml",
)
_NUMBER_CHARS = frozenset("0123456789 ")
_COUNTRY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_URL_SCHEMES = ("https://", "http://")
# Part of the cache key: a change to the checks below makes old cached copies stale.
_CACHE_FORMAT = 2
# The tables this process has read, by path: (stamp, table).
_READ: dict[str, tuple[tuple[int, int, int], Table]] = {}
_REQUIRED = ("emergency_number", "emergency_source")
# A health line: all three or none.
_SERVICE = ("urgent_service", "urgent_service_number", "urgent_service_source")


class HelpLines:
    """The numbers for one country: `country` is "" when unknown, `urgent_service_number`
    None when the urgent service is the generic wording (no one number to call)."""

    __slots__ = ("country", "emergency_number", "urgent_service", "urgent_service_number")

    def __init__(
        self,
        *,
        country: str,
        emergency_number: str,
        urgent_service: str,
        urgent_service_number: str | None,
    ) -> None:
        self.country = country
        self.emergency_number = emergency_number
        self.urgent_service = urgent_service
        self.urgent_service_number = urgent_service_number


def dial(number: str) -> str:
    """The number as a `tel:` link dials it: its digits, and a leading + if it has one."""
    digits = "".join(c for c in number if c.isdigit())
    return f"+{digits}" if number.strip().startswith("+") else digits


def help_lines_for(
    country: str | None, emergency_number: str | None = None, path: str | None = None
) -> HelpLines:
    """The numbers for `country` (an ISO 3166 code such as "GB"; None or "" when unknown).

    `emergency_number`, when given, replaces the table's emergency number (the person's own
    setting). Raises ContentError when the table is damaged.
    """
    code = (country or "").strip().upper()
    table = read_table(path)
    default = table["default"]
    entry = table["countries"].get(code) or default
    # A country without its own health line gets the default's wording (no number to call).
    line = entry if "urgent_service" in entry else default
    return HelpLines(
        country=code,
        emergency_number=emergency_number or entry["emergency_number"],
        urgent_service=line["urgent_service"],
        urgent_service_number=line.get("urgent_service_number"),
    )


def read_table(path: str | None = None) -> Table:
    """The checked table: {"default": entry, "countries": {code: entry}}; entries hold text.

    Raises ContentError naming the file and the entry when something is wrong.
    """
    path = path or SERVICES_FILE
    stamp = _stamp(path)
    seen = _READ.get(path)
    if seen is not None and seen[0] == stamp:
        return seen[1]
    cached = read_cached(_cache_of(path), stamp)
    if cached is not None:
        _READ[path] = (stamp, cached)  # type: ignore[assignment]  # written below, checked
        return cached  # type: ignore[return-value]  # written below, checked
    import tomllib

    with open(path, "rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            _damaged(f"{os.path.basename(path)}: {error}")
    table = _checked(raw, os.path.basename(path))
    write_cached(_cache_of(path), stamp, table)  # type: ignore[arg-type]  # text in dicts
    _READ[path] = (stamp, table)
    return table


def _checked(raw: dict[str, object], where: str) -> Table:
    unknown = set(raw) - {"reviewed", "default", "countries"}
    if unknown:
        _damaged(f"{where}: unknown keys: {', '.join(sorted(unknown))}")
    default = raw.get("default")
    if not isinstance(default, dict):
        _damaged(f"{where}: default: missing or not a table")
    countries = raw.get("countries", {})
    if not isinstance(countries, dict):
        _damaged(f"{where}: countries: expected a table of countries")
    checked: dict[str, dict[str, str]] = {}
    for code, value in countries.items():
        if len(code) != 2 or not set(code) <= _COUNTRY_CHARS:
            _damaged(f"{where}: countries.{code}: expected a two-letter country code such as GB")
        checked[code] = _entry(value, f"{where}: countries.{code}", service_required=False)
    table: Table = {"default": _entry(default, f"{where}: default"), "countries": checked}
    return table


def _entry(raw: object, where: str, *, service_required: bool = True) -> dict[str, str]:
    """One checked entry. The default names the generic service (no number); a country's own
    health line has its name, its number and the address of the page that gives it."""
    if not isinstance(raw, dict):
        _damaged(f"{where}: expected a table")
    unknown = set(raw) - {*_REQUIRED, *_SERVICE, "name", "note"}
    if unknown:
        _damaged(f"{where}: unknown keys: {', '.join(sorted(unknown))}")
    entry = {key: _text(raw, key, where) for key in _REQUIRED}
    _check_number(entry["emergency_number"], f"{where}: emergency_number")
    _check_source(entry["emergency_source"], f"{where}: emergency_source")
    for key in ("name", "note"):
        if key in raw:
            entry[key] = _text(raw, key, where)
    if service_required:
        entry["urgent_service"] = _text(raw, "urgent_service", where)
        if set(raw) & set(_SERVICE[1:]):
            _damaged(f"{where}: the default service is wording only, with no number")
    elif set(raw) & set(_SERVICE):
        for key in _SERVICE:
            entry[key] = _text(raw, key, where)
        _check_number(entry["urgent_service_number"], f"{where}: urgent_service_number")
        _check_source(entry["urgent_service_source"], f"{where}: urgent_service_source")
    return entry


def _text(raw: dict[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        _damaged(f"{where}: {key}: missing or not text")
    return value.strip()


def _check_number(value: str, where: str) -> None:
    digits = value.strip().removeprefix("+")
    if not digits or not set(digits) <= _NUMBER_CHARS or not 2 <= len(dial(value)) <= 16:
        _damaged(f"{where}: expected a phone number (digits, spaces, an optional leading +)")


def _check_source(value: str, where: str) -> None:
    if not value.startswith(_URL_SCHEMES):
        _damaged(f"{where}: expected the address (https://…) of the page that gives the number")


def _stamp(path: str) -> tuple[int, int, int]:
    info = os.stat(path)
    return _CACHE_FORMAT, info.st_mtime_ns, info.st_size


def _cache_of(path: str) -> str:
    return cache_file(os.path.dirname(path), os.path.splitext(os.path.basename(path))[0])


def _damaged(message: str) -> NoReturn:
    from nightcramp.core.errors import ContentError

    raise ContentError(message)
