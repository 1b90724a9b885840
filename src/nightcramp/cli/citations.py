"""Sources in the terminal: each item names its sources by number, and the list of citations
follows once at the end (as a printed leaflet does), instead of bare source ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["SourceNumbers"]


class SourceNumbers:
    """Numbers sources in the order they are first cited."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def refs(self, ids: Iterable[str]) -> str:
        """'[1], [3]' for these source ids (a new id gets the next number)."""
        ids = list(ids)
        for source_id in ids:
            self._numbers.setdefault(source_id, len(self._numbers) + 1)
        return ", ".join(f"[{self._numbers[i]}]" for i in dict.fromkeys(ids))

    def print_list(self, console: Console) -> None:
        """The numbered citations, with their addresses (nothing when none was cited)."""
        if not self._numbers:
            return
        from rich.markup import escape

        from nightcramp.core.knowledge.sources import load_sources

        known = load_sources()
        console.print("\n[bold underline]Sources[/bold underline]")
        for source_id, number in self._numbers.items():
            source = known.get(source_id)
            if source is None:
                console.print(f"[{number}] {escape(source_id)}")
                continue
            link = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
            console.print(escape(f"[{number}] {source.citation} {link}".rstrip()))
