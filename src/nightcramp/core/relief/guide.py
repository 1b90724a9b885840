"""The relief guide read with the standard library only: the fast path of `nightcramp now`.

No pydantic and no YAML here, so the first instruction prints before anything heavy loads.
`nightcramp.core.relief.content` validates the same TOML files in full.

A note's text may name `{emergency_number}` and `{urgent_service}`: `read_guide` fills them in
from the help lines it is given (the person's settings), so every reader sees the same line.
"""

# os.path, not pathlib: pathlib pulls in `re` and more, and this module is on the fast path.
# ruff: noqa: PTH100, PTH116, PTH118, PTH120, PTH123, PTH208

from __future__ import annotations

import os

from nightcramp.core.help_lines import HelpLines, help_lines_for
from nightcramp.core.marshal_cache import cache_file, read_cached, write_cached

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn

__all__ = [
    "DEFAULT_MUSCLE",
    "MUSCLES",
    "PLACEHOLDERS",
    "RELIEF_DIR",
    "Guide",
    "Note",
    "Step",
    "fill",
    "read_guide",
    "read_raw",
]

MUSCLES = ("calf", "foot", "thigh_back", "thigh_front")
DEFAULT_MUSCLE = "calf"
RELIEF_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "content",
    "relief",
)
_COMMON = "common"
# What a note's text may name, filled in from the person's help lines.
PLACEHOLDERS = ("emergency_number", "urgent_service")


class Step:
    """One numbered relief step; `hold_seconds` None means no timer."""

    __slots__ = (
        "cautions",
        "grade",
        "hold_seconds",
        "id",
        "illustration",
        "number",
        "repeat",
        "sources",
        "text",
        "title",
    )

    def __init__(
        self,
        *,
        number: int,
        id: str,
        title: str,
        text: str,
        hold_seconds: int | None,
        repeat: int,
        illustration: str | None,
        grade: str,
        sources: tuple[str, ...],
        cautions: tuple[str, ...],
    ) -> None:
        self.number = number
        self.id = id
        self.title = title
        self.text = text
        self.hold_seconds = hold_seconds
        self.repeat = repeat
        self.illustration = illustration
        self.grade = grade
        self.sources = sources
        self.cautions = cautions

    @property
    def timer_text(self) -> str:
        """The timer in words: "30 seconds, 2 times", "60 seconds" or "none, take your time"."""
        if self.hold_seconds is None:
            return "none, take your time"
        times = f", {self.repeat} times" if self.repeat > 1 else ""
        return f"{self.hold_seconds} seconds{times}"


class Note:
    """Advice around the steps: the safety line, "if it comes back", "over 10 minutes".

    `text` has the placeholders filled in; `template` is the text as written, for a page that
    shows the numbers as links.
    """

    __slots__ = ("grade", "id", "link", "link_text", "sources", "template", "text", "title")

    def __init__(
        self,
        *,
        id: str,
        title: str,
        text: str,
        template: str,
        grade: str | None,
        sources: tuple[str, ...],
        link: str | None,
        link_text: str | None,
    ) -> None:
        self.id = id
        self.title = title
        self.text = text
        self.template = template
        self.grade = grade
        self.sources = sources
        self.link = link
        self.link_text = link_text


class Guide:
    """Everything `nightcramp now` and `/now` show for one muscle, in order."""

    __slots__ = ("comes_back", "label", "long_cramp", "muscle", "safety", "steps", "where")

    def __init__(
        self,
        *,
        muscle: str,
        label: str,
        where: str,
        safety: Note,
        steps: tuple[Step, ...],
        comes_back: Note,
        long_cramp: Note,
    ) -> None:
        self.muscle = muscle
        self.label = label
        self.where = where
        self.safety = safety
        self.steps = steps
        self.comes_back = comes_back
        self.long_cramp = long_cramp


def read_guide(
    muscle: str, relief_dir: str | None = None, *, lines: HelpLines | None = None
) -> Guide:
    """Return the guide for `muscle` (one of MUSCLES), its notes naming `lines`' numbers.

    `lines` are the person's help lines (`Config.help_lines`); None gives the services table's
    default (112), for callers that show no note. Raises KeyError for another muscle,
    ContentError when a file is damaged.
    """
    if muscle not in MUSCLES:
        raise KeyError(muscle)
    values = _values(lines or help_lines_for(None))
    raw = read_raw(relief_dir)
    common = _table(raw, _COMMON, "file")
    own = _table(raw, muscle, "file")
    where = f"{muscle}.toml"
    steps: list[Step] = []
    for index, item in enumerate(_tables(own, "steps", where)):
        steps.append(_step(item, len(steps) + 1, f"{where}: steps[{index}]"))
    for index, item in enumerate(_tables(common, "after", "common.toml")):
        if muscle in _strings(item, "muscles", "common.toml: after"):
            steps.append(_step(item, len(steps) + 1, f"common.toml: after[{index}]"))
    return Guide(
        muscle=muscle,
        label=_str(own, "label", where),
        where=_str(own, "where", where),
        safety=_note(common, "safety", values),
        steps=tuple(steps),
        comes_back=_note(common, "comes_back", values),
        long_cramp=_note(common, "long_cramp", values),
    )


def _values(lines: HelpLines) -> dict[str, str]:
    return {"emergency_number": lines.emergency_number, "urgent_service": lines.urgent_service}


def fill(template: str, values: dict[str, str]) -> str:
    """`template` with each `{name}` of PLACEHOLDERS replaced by `values[name]`."""
    text = template
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", values[name])
    return text


def read_raw(relief_dir: str | None = None) -> dict[str, object]:
    """Return every `*.toml` of the relief folder, parsed, by file stem.

    A marshal copy next to the files (in `__pycache__`, like Python's own bytecode) spares
    later runs the TOML parser; it is rebuilt whenever a file changes and skipped when the
    folder is read-only.
    """
    folder = relief_dir or RELIEF_DIR
    names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    key = tuple((n, *_stamp(os.path.join(folder, n))) for n in names)
    cache = cache_file(folder, "relief")
    cached = read_cached(cache, key)
    if cached is not None:
        return cached
    import tomllib

    raw: dict[str, object] = {}
    for name in names:
        with open(os.path.join(folder, name), "rb") as handle:
            try:
                raw[name[: -len(".toml")]] = tomllib.load(handle)
            except tomllib.TOMLDecodeError as error:
                _damaged(f"{name}: {error}")
    write_cached(cache, key, raw)
    return raw


def _stamp(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size


def _damaged(message: str) -> NoReturn:
    from nightcramp.core.errors import ContentError

    raise ContentError(message)


def _table(raw: object, key: str, where: str) -> dict[str, object]:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, dict):
        _damaged(f"{where}: {key}: missing or not a table")
    return value


def _tables(raw: dict[str, object], key: str, where: str) -> Sequence[dict[str, object]]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        _damaged(f"{where}: {key}: expected a list of tables")
    return value


def _str(raw: dict[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        _damaged(f"{where}: {key}: missing or not text")
    return value


def _opt_str(raw: dict[str, object], key: str, where: str) -> str | None:
    return None if raw.get(key) is None else _str(raw, key, where)


def _strings(raw: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _damaged(f"{where}: {key}: expected a list of text")
    return tuple(value)


def _int(raw: dict[str, object], key: str, where: str, default: int | None) -> int | None:
    value = raw.get(key, default)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        _damaged(f"{where}: {key}: expected a whole number")
    return value


def _step(raw: dict[str, object], number: int, where: str) -> Step:
    entry = f"{where} ({raw.get('id', '?')})"
    return Step(
        number=number,
        id=_str(raw, "id", entry),
        title=_str(raw, "title", entry),
        text=_str(raw, "text", entry),
        hold_seconds=_int(raw, "hold_seconds", entry, None),
        repeat=_int(raw, "repeat", entry, 1) or 1,
        illustration=_opt_str(raw, "illustration", entry),
        grade=_str(raw, "grade", entry),
        sources=_strings(raw, "sources", entry),
        cautions=_strings(raw, "cautions", entry),
    )


def _note(common: dict[str, object], key: str, values: dict[str, str]) -> Note:
    raw = _table(common, key, "common.toml")
    where = f"common.toml: {key}"
    template = _str(raw, "text", where)
    return Note(
        id=_str(raw, "id", where),
        title=_opt_str(raw, "title", where) or "",
        text=fill(template, values),
        template=template,
        grade=_opt_str(raw, "grade", where),
        sources=_strings(raw, "sources", where),
        link=_opt_str(raw, "link", where),
        link_text=_opt_str(raw, "link_text", where),
    )
