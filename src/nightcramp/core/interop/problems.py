"""The problems a diary file reader finds, each an `InputError` naming file, row and field.

Both readers (CSV and JSON) keep the first `MAX_ERRORS` problems and count them all.
"""

from __future__ import annotations

from nightcramp.core.errors import InputError, InputErrors

__all__ = ["MAX_ERRORS", "MAX_ROWS", "ProblemList"]

MAX_ROWS = 1_000_000
MAX_ERRORS = 100


class ProblemList:
    """Problems found in one file: `errors` keeps up to `max_errors`, `count` counts every one."""

    __slots__ = ("count", "errors", "label", "max_errors")

    def __init__(self, label: str, max_errors: int = MAX_ERRORS) -> None:
        self.label = label
        self.max_errors = max_errors
        self.errors: list[InputError] = []
        self.count = 0

    def add(self, reason: str, *, row: int | None = None, field: str | None = None) -> None:
        """Note a problem with the file, one of its rows, or one field."""
        self.count += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(InputError(reason, file=self.label, row=row, field=field))

    def stop(self, error: InputError) -> None:
        """Note the problem that stopped reading; it is always kept, even past `max_errors`."""
        self.count += 1
        self.errors.append(error)

    def raise_if_any(self) -> None:
        """Raise InputErrors listing the problems found so far, if there are any."""
        if self.count:
            raise InputErrors(self.errors, total=self.count)
