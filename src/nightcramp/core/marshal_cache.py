"""A parsed copy of content files kept beside them, for `nightcramp now`'s fast path.

The copy lives in the folder's `__pycache__` (as Python keeps its bytecode), with a key that
says which files it was made from (their names, times and sizes). A stale, damaged or
unwritable copy is simply ignored: the caller parses the files again. Imports only `os` and
`marshal`.
"""

# os.path, not pathlib: pathlib pulls in `re` and more, and this module is on the fast path.
# ruff: noqa: PTH103, PTH105, PTH118, PTH120, PTH123

from __future__ import annotations

import marshal
import os
import sys

__all__ = ["cache_file", "read_cached", "write_cached"]


def cache_file(folder: str, stem: str) -> str:
    """Where the copy named `stem` of files in `folder` is kept."""
    return os.path.join(folder, "__pycache__", f"{stem}.{sys.implementation.cache_tag}.marshal")


def read_cached(cache: str, key: object) -> dict[str, object] | None:
    """The copy in `cache` if it was made under `key`; else None."""
    try:
        with open(cache, "rb") as handle:
            cached_key, value = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if cached_key == key and isinstance(value, dict) else None


def write_cached(cache: str, key: object, value: dict[str, object]) -> None:
    """Keep `value` in `cache` under `key` (atomically); a folder we may not write is fine."""
    try:
        data = marshal.dumps((key, value))  # type: ignore[arg-type]  # parsed TOML: plain values
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        partial = f"{cache}.{os.getpid()}.tmp"
        with open(partial, "wb") as handle:
            handle.write(data)
        os.replace(partial, cache)
    except (OSError, ValueError):
        return
