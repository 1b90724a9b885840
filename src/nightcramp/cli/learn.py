"""`nightcramp learn [TOPIC]`: the evidence-graded knowledge base in the terminal."""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING

import typer

from nightcramp.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, print_json

if TYPE_CHECKING:
    from nightcramp.core.knowledge import Entry, Knowledge, TopicContent

__all__ = ["register"]

_WIDTH = 78
_GRADE_STYLE = {"A": "green", "B": "green", "C": "cyan", "D": "white", "X": "red"}


def register(app: typer.Typer) -> None:
    """Add the `learn` command."""
    app.command(name="learn")(learn)


def learn(
    topic: str | None = typer.Argument(
        None, help="Topic to show, e.g. red_flags or remedies. Leave out to list the topics."
    ),
    search: str | None = typer.Option(
        None, "--search", "-s", help="Show entries whose title or text contain these words."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """What helps night cramps, why they happen, and how sure we are."""
    from nightcramp.core.errors import ContentError
    from nightcramp.core.knowledge import (
        entry_document,
        index_document,
        load_knowledge,
        topic_document,
    )

    try:
        knowledge = load_knowledge()
    except ContentError as error:
        fail(f"The knowledge content is invalid: {error}", EXIT_PROBLEM)

    if search is not None:
        found = knowledge.search(search)
        if as_json:
            print_json({"query": search, "entries": [entry_document(knowledge, e) for e in found]})
        else:
            _write(_search_text(knowledge, search, found))
        return

    if topic is None:
        if as_json:
            print_json(index_document(knowledge))
        else:
            _write(_index_text(knowledge))
        return

    if topic not in knowledge.topic_ids:
        valid = ", ".join(knowledge.topic_ids)
        fail(f"Unknown topic {topic!r}. Choose one of: {valid}", EXIT_USAGE)
    if as_json:
        print_json(topic_document(knowledge, topic))
    elif sys.stdout.isatty():
        _print_rich(knowledge, knowledge.topic(topic))
    else:
        _write(_topic_text(knowledge, knowledge.topic(topic)))


def _write(text: str) -> None:
    sys.stdout.write(text.rstrip("\n") + "\n")


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
    )


def _index_text(knowledge: Knowledge) -> str:
    lines: list[str] = []
    section = None
    for content in knowledge.topics:
        if content.topic.section is not section:
            section = content.topic.section
            lines += ["", section.heading.upper()]
        lines.append(f"  {content.topic.id:<16} {content.topic.title}")
        lines.append(_wrap(content.topic.summary, " " * 19))
    lines += ["", "Show a topic with: nightcramp learn TOPIC", ""]
    lines.append(_grade_legend())
    return "\n".join(lines).lstrip("\n")


def _grade_legend() -> str:
    from nightcramp.core.knowledge import Grade

    rows = [f"  [{g.value}] {g.words}" for g in Grade]
    return "\n".join(["How sure we are (evidence grade):", *rows])


def _entry_text(knowledge: Knowledge, entry: Entry) -> list[str]:
    marker = "WARNING: " if entry.red_flag else ""
    sure = f"Evidence: [{entry.grade.value}] " if entry.grade else ""
    lines = [f"{marker}{entry.title}", f"  {sure}{entry.grade_words}"]
    if entry.grade_note:
        lines.append(_wrap(entry.grade_note, "  "))
    lines += ["", _wrap(entry.text, "  ")]
    if entry.article_claim and entry.verdict:
        lines += ["", _wrap(f"Popular advice says: {entry.article_claim}", "  ")]
        lines.append(_wrap(f"The evidence says: {entry.verdict}", "  "))
    if entry.cautions:
        lines += ["", "  Take care:"]
        lines += [_wrap(c, "      ", first="    - ") for c in entry.cautions]
    lines += ["", "  Sources:"]
    for source in knowledge.cited(entry):
        link = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
        cite = f"{source.citation} {link}".strip()
        lines.append(_wrap(cite, "      ", first="    - "))
    return lines


def _topic_text(knowledge: Knowledge, content: TopicContent) -> str:
    lines = [content.topic.title.upper(), _wrap(content.topic.summary), ""]
    for entry in content.ordered:
        lines += _entry_text(knowledge, entry)
        lines.append("")
    lines.append(_grade_legend())
    return "\n".join(lines)


def _search_text(knowledge: Knowledge, words: str, found: tuple[Entry, ...]) -> str:
    if not found:
        return f"Nothing found for {words!r}. Try fewer or simpler words."
    lines = [f"{len(found)} entries mention {words!r}.", ""]
    for entry in found:
        lines += _entry_text(knowledge, entry)
        lines.append("")
    return "\n".join(lines)


def _print_rich(knowledge: Knowledge, content: TopicContent) -> None:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    console = Console(width=min(_WIDTH + 4, Console().width))
    console.print(Text(content.topic.title, style="bold"))
    console.print(Text(content.topic.summary, style="dim"))
    console.print()
    for entry in content.ordered:
        style = _GRADE_STYLE[entry.grade.value] if entry.grade else "bold yellow"
        letter = (f" {entry.grade.value} ", f"bold reverse {style}") if entry.grade else ""
        parts: list[Text] = [Text.assemble(letter, (f" {entry.grade_words}", style))]
        if entry.grade_note:
            parts.append(Text(entry.grade_note, style="dim"))
        parts += [Text(""), Text(" ".join(entry.text.split()))]
        if entry.article_claim and entry.verdict:
            parts += [
                Text(""),
                Text.assemble(("Popular advice says: ", "bold"), entry.article_claim),
                Text.assemble(("The evidence says: ", "bold"), entry.verdict),
            ]
        if entry.cautions:
            parts += [Text(""), Text("Take care:", style="bold yellow")]
            parts += [Text(f"• {c}") for c in entry.cautions]
        parts += [Text(""), Text("Sources:", style="dim")]
        for source in knowledge.cited(entry):
            link = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
            parts.append(Text(f"• {source.citation} {link}".rstrip(), style="dim"))
        border = "red" if entry.red_flag else "grey50"
        title = Text(f"{'Warning: ' if entry.red_flag else ''}{entry.title}", style="bold")
        console.print(Panel(Group(*parts), title=title, title_align="left", border_style=border))
    console.print(Text(_grade_legend(), style="dim"))
