"""One exception tree for the domain core.

NightcrampError
├── InputError            bad input from a person or a file; carries file, row, field
│   └── InputErrors       several InputError at once (an import lists every problem)
└── ContentError          shipped content is invalid (stops the app at start)
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["ContentError", "InputError", "InputErrors", "NightcrampError"]


class NightcrampError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(NightcrampError):
    """Input that cannot be accepted. `str()` reads `file:row:field: reason`."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.row = row
        self.field = field
        super().__init__(self.location_text())

    def location_text(self) -> str:
        parts = [p for p in (self.file, None if self.row is None else str(self.row)) if p]
        if self.field:
            parts.append(self.field)
        prefix = ":".join(parts)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class InputErrors(InputError):
    """Many input problems found in one pass; `errors` keeps each, in order."""

    def __init__(self, errors: Sequence[InputError], *, total: int | None = None) -> None:
        if not errors:
            raise ValueError("InputErrors needs at least one error")
        self.errors = list(errors)
        self.total = len(self.errors) if total is None else total
        first = self.errors[0]
        super().__init__(first.reason, file=first.file, row=first.row, field=first.field)

    def location_text(self) -> str:
        lines = [e.location_text() for e in self.errors]
        hidden = self.total - len(self.errors)
        if hidden > 0:
            lines.append(f"… and {hidden} more problems")
        return "\n".join(lines)


class ContentError(NightcrampError):
    """Shipped or edited content failed validation; the message names file, entry and field."""
