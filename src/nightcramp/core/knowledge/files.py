"""The one reader of shipped content: a YAML or TOML file, validated by a pydantic model.

Every content problem, from a parse error to a failed cross-check, is a ContentFileError whose
message names the file, the entry (its id, or its index from 0 when it has none) and the field:
`content/plan/items.yaml: entry "hydration", field "sources": unknown source id "xyz"`.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Collection, Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from nightcramp.core.errors import ContentError

__all__ = [
    "ContentFileError",
    "ContentFileErrors",
    "ContentModel",
    "ContentRoot",
    "check_template",
    "content_key",
    "content_root",
    "list_content",
    "quoted",
    "read_content",
    "read_entries",
    "read_raw",
]


class ContentModel(BaseModel):
    """Base of every content file's model: unknown keys are an error, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
ContentRoot = Traversable
"""A content folder: the shipped package (the default) or a `pathlib.Path` in tests."""

_PACKAGE = "nightcramp.content"
# libyaml's safe loader when available: about ten times faster than the pure-Python one.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentFileError(ContentError):
    """One content problem; `str()` reads `content/<file>: entry "<id>", field "<f>": <reason>`."""

    def __init__(
        self,
        reason: str,
        *,
        file: str,
        entry: str | int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file if file.startswith("content/") else f"content/{file}"
        self.entry = entry
        self.field = field or None
        super().__init__(self.location_text())

    def location_text(self) -> str:
        """The message: file, then entry and field when known, then the reason."""
        where: list[str] = []
        if isinstance(self.entry, int):
            where.append(f"entry #{self.entry}")
        elif self.entry is not None:
            where.append(f"entry {quoted(self.entry)}")
        if self.field:
            where.append(f"field {quoted(self.field)}")
        head = f"{self.file}: {', '.join(where)}" if where else self.file
        return f"{head}: {self.reason}"


class ContentFileErrors(ContentError):
    """Several content problems found in one pass; one line each, in order."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        if not errors:
            raise ValueError("ContentFileErrors needs at least one error")
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def quoted(value: object) -> str:
    """`value` in double quotes, as content messages show ids and names."""
    return f'"{value}"'


def content_key(content_dir: Path | None) -> Path | None:
    """The cache key of a content folder: None for the shipped content, else the real path."""
    return None if content_dir is None else Path(content_dir).resolve()


def content_root(root: ContentRoot | None = None) -> ContentRoot:
    """`root`, or the shipped content package when it is None."""
    return files(_PACKAGE) if root is None else root


def list_content(folder: str, suffix: str, *, root: ContentRoot | None = None) -> tuple[str, ...]:
    """Paths (relative to the content root) of the `suffix` files in `folder`, sorted.

    A missing folder has no files.
    """
    place = content_root(root).joinpath(folder)
    if not place.is_dir():
        return ()
    names = sorted(p.name for p in place.iterdir() if p.is_file() and p.name.endswith(suffix))
    return tuple(f"{folder}/{name}" for name in names)


def read_raw(path: str, *, root: ContentRoot | None = None) -> object:
    """The parsed, unvalidated data of one content file (`.yaml` or `.toml`).

    Raises ContentFileError when the file is missing, empty or not valid YAML or TOML.
    """
    try:
        text = content_root(root).joinpath(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentFileError(f"cannot be read ({error})", file=path) from error
    if path.endswith(".toml"):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ContentFileError(f"not valid TOML: {error}", file=path) from error
    try:
        raw: object = yaml.load(text, Loader=_SafeLoader)  # a safe loader
    except yaml.YAMLError as error:
        raise ContentFileError(f"not valid YAML: {_yaml_problem(error)}", file=path) from error
    if raw is None:
        raise ContentFileError("the file is empty", file=path)
    return raw


def read_content(
    path: str,
    shape: type[T],
    *,
    root: ContentRoot | None = None,
    keyed: Collection[str] = (),
) -> T:
    """Read one content file and validate it as `shape` (a frozen, extra-forbidding model,
    or a tuple of them for a file that is a list of entries).

    `keyed` names top-level mappings whose keys are entry ids (`questions: {age: …}`).
    Raises ContentFileError naming the file, the entry and the field of the first problem.
    """
    raw = read_raw(path, root=root)
    try:
        return TypeAdapter(shape).validate_python(raw)
    except ValidationError as error:
        problems = error.errors()
        # A misspelt key shows as an extra key and a missing one: name the misspelling.
        first = next((p for p in problems if p["type"] == "extra_forbidden"), problems[0])
        entry, field = _locate(raw, tuple(first["loc"]), keyed)
        raise ContentFileError(first["msg"], file=path, entry=entry, field=field) from error


def read_entries(path: str, model: type[M], *, root: ContentRoot | None = None) -> tuple[M, ...]:
    """Read a content file that is a list of `model` entries; their ids must be unique.

    Raises ContentFileError naming the file, the entry and the field of the first problem.
    """
    shape = tuple[model, ...]  # type: ignore[valid-type]  # the entry model is a parameter
    entries: tuple[M, ...] = read_content(path, shape, root=root)
    if "id" in model.model_fields:
        seen: set[str] = set()
        for entry in entries:
            entry_id = str(getattr(entry, "id", ""))
            if entry_id in seen:
                raise ContentFileError("duplicate id", file=path, entry=entry_id, field="id")
            seen.add(entry_id)
    return entries


def check_template(
    path: str,
    entry: str | int | None,
    field: str,
    text: str,
    expected: Collection[str],
    *,
    all_needed: bool = True,
) -> None:
    """Raise ContentFileError unless the `{name}` placeholders of `text` are exactly `expected`
    (with `all_needed=False`: any of them, none missing is an error)."""
    try:
        found = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        reason = f"bad placeholder: {error}"
        raise ContentFileError(reason, file=path, entry=entry, field=field) from error
    unknown = sorted(found - set(expected))
    if unknown:
        reason = f"unknown placeholder {quoted('{' + unknown[0] + '}')}"
        raise ContentFileError(reason, file=path, entry=entry, field=field)
    missing = sorted(set(expected) - found) if all_needed else []
    if missing:
        reason = f"missing placeholder {quoted('{' + missing[0] + '}')}"
        raise ContentFileError(reason, file=path, entry=entry, field=field)


def _yaml_problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"{error.problem} (line {mark.line + 1}, column {mark.column + 1})"
    return str(error)


def _child(node: object, part: int | str) -> object:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _locate(
    raw: object, loc: tuple[int | str, ...], keyed: Collection[str]
) -> tuple[str | int | None, str]:
    """The entry a validation error is in and the field path inside that entry.

    The entry is the innermost item with an id, else a `keyed` mapping's key, else the index
    in a top-level list, else the top-level section (`notes` in `notes.under_14`).
    """
    entry: str | int | None = None
    start = 0
    node = raw
    for depth, part in enumerate(loc):
        parent, node = node, _child(node, part)
        own_id = node.get("id") if isinstance(node, dict) else None
        if isinstance(own_id, str | int) and not isinstance(own_id, bool):
            entry, start = str(own_id), depth + 1
        elif depth == 0 and isinstance(parent, list):
            entry, start = part, 1
        elif depth == 1 and loc[0] in keyed:
            entry, start = str(part), 2
    if entry is None and len(loc) >= 2 and isinstance(raw, dict):
        entry, start = str(loc[0]), 1  # a section of the file: `magnesium`, `notes` …
    rest = [str(p) for p in loc[start:]]
    if start == 2 and loc[0] in keyed and rest in ([], ["[key]"]):
        rest = [str(loc[0])]  # the key or its plain value is wrong: name the mapping
    return entry, ".".join(rest)
