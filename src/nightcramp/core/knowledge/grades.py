"""The one evidence scale for the whole app (EVIDENCE.md §0.1)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Grade"]


class Grade(StrEnum):
    """Evidence grade. For causes, the strength of the association, not of a remedy."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    X = "X"

    @property
    def words(self) -> str:
        """How the grade is said to a person."""
        return _WORDS[self]

    @property
    def rank(self) -> int:
        """Sort key: 0 for the strongest evidence, 4 for X."""
        return "ABCDX".index(self.value)


_WORDS = {
    Grade.A: "Good evidence",
    Grade.B: "Some evidence",
    Grade.C: "Commonly advised, not proven",
    Grade.D: "Untested",
    Grade.X: "Does not work or is unsafe",
}
