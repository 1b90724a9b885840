"""Paper size for the printed report: from a flag, else from the locale."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = ["Paper", "paper_for_locale"]

# Countries that use US Letter (ISO 3166 codes as they appear in locale names).
_LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR", "SV", "NI"}


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def css(self) -> str:
        return "A4" if self is Paper.A4 else "letter"


def paper_for_locale(environ: Mapping[str, str]) -> Paper:
    """Letter for North and Central American locales, A4 for the rest of the world."""
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(name, "")
        if value and value not in {"C", "POSIX"} and not value.startswith("C."):
            country = value.split(".")[0].split("@")[0].partition("_")[2]
            return Paper.LETTER if country.upper() in _LETTER_COUNTRIES else Paper.A4
    return Paper.A4
