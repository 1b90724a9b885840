"""Reading a small input file (triage answers, a profile, a schedule, experiments) whole.

Such a file is read only when it is a regular file of a sensible size: a named pipe would block
the command until something writes to it, and a device such as /dev/zero would be read until
memory runs out. Both are refused as an OSError, as a file that cannot be read is.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

__all__ = ["SMALL_FILE_BYTES", "ensure_regular_file", "read_small_bytes", "read_small_text"]

SMALL_FILE_BYTES = 50_000_000
"""Far more than any answers, profile, schedule or experiments file holds."""


def ensure_regular_file(path: Path) -> None:
    """OSError unless `path` is a regular file (FileNotFoundError when it is missing). Asked
    before opening: opening a named pipe waits for a writer."""
    mode = Path(path).stat().st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "is a pipe or a device, not a file", str(path))


def read_small_bytes(path: Path, *, limit: int = SMALL_FILE_BYTES) -> bytes:
    """The bytes of `path`; OSError when it is missing, not a regular file, or over `limit`."""
    ensure_regular_file(path)
    with Path(path).open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"is larger than {limit // 1_000_000} MB", str(path))
    return data


def read_small_text(path: Path, *, limit: int = SMALL_FILE_BYTES) -> str:
    """`read_small_bytes` as UTF-8 text (UnicodeDecodeError when it is not)."""
    return read_small_bytes(path, limit=limit).decode("utf-8")
