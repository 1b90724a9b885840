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
    def link_words(self) -> str:
        """How the grade is said for a cause: the strength of a link, not of a remedy."""
        return _LINK_WORDS[self]

    @property
    def rank(self) -> int:
        """Sort key: 0 for the strongest evidence, 4 for X."""
        return "ABCDX".index(self.value)


_WORDS = {
    Grade.A: "Good evidence",
    Grade.B: "Some evidence",
    Grade.C: "Commonly advised, not proven",
    Grade.D: "Untested",
    # EVIDENCE.md §0.1: trials show no benefit, or harms outweigh benefit (quinine), or the
    # mechanism is false. These are the product's words for the scale (PRODUCT.md, Voice).
    Grade.X: "Does not work or is unsafe",
}

# EVIDENCE.md §0.1: for causes the letters grade the evidence of an association. A medicine's
# or a condition's link to cramps is never labelled with a remedy's words.
_LINK_WORDS = {
    Grade.A: "Strong evidence of a link",
    Grade.B: "Some evidence of a link",
    Grade.C: "Possible link, not proven",
    Grade.D: "No good evidence of a link",
    Grade.X: "The evidence is against this",
}
