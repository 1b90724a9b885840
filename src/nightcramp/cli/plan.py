"""`nightcramp plan`: the personal prevention plan, from a profile file or the stored diary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from nightcramp.core.plan import Plan

__all__ = ["register"]

_STATUS_WORDS = {
    "recommended": "Recommended",
    "optional": "Worth a try",
    "caution": "Check with your doctor or pharmacist first",
    "not_advised": "Not advised",
}


def _from_file(path: Path) -> Plan:
    import datetime as dt

    from nightcramp.cli.output import EXIT_USAGE, fail, warn, why_unread
    from nightcramp.core.errors import InputError
    from nightcramp.core.interop.small_file import read_small_text
    from nightcramp.core.plan import build_plan, parse_profile_text

    try:
        text = read_small_text(path)
    except FileNotFoundError:
        fail(f"nightcramp plan: {path}: no such file", EXIT_USAGE)
    except (OSError, UnicodeDecodeError) as error:
        fail(f"nightcramp plan: {path}: cannot read the file ({why_unread(error)})")
    try:
        profile = parse_profile_text(text, file=str(path))
        for message in profile.warnings:
            warn(f"nightcramp plan: {message}")
        from functools import partial

        from nightcramp.cli.setup import cli_config
        from nightcramp.core.triage import assess

        here = partial(assess, services=cli_config().services)
        return build_plan(profile, today=dt.date.today(), assess=here)
    except InputError as error:
        located = (
            error if error.file else InputError(error.reason, file=str(path), field=error.field)
        )
        fail(f"nightcramp plan: {located}")


def _from_database(user: str | None) -> Plan:
    from nightcramp.cli.output import EXIT_USAGE, fail
    from nightcramp.cli.setup import setup_django

    setup_django()
    from django.utils import timezone

    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user
    from nightcramp.store.plan.inputs import plan_for_user

    try:
        person = resolve_cli_user(user)
    except InputError as error:
        fail(f"nightcramp plan: {error}", EXIT_USAGE)
    return plan_for_user(person, today=timezone.localdate())


def _print(plan: Plan, user: str | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape

    from nightcramp.cli.citations import SourceNumbers
    from nightcramp.core.knowledge.grades import Grade

    console = Console(highlight=False)
    numbers = SourceNumbers()
    lead, with_profile = plan.lead
    if with_profile:  # more urgent than the answers alone: it says so
        from nightcramp.core.plan.content import load_plan_content

        console.print(escape(load_plan_content().messages.triage_with_profile))
    if lead is not None:
        _print_triage(console, lead, user)
    status = ""
    for item in plan.items:
        if item.status.value != status:
            status = item.status.value
            console.print(f"\n[bold underline]{_STATUS_WORDS[status]}[/bold underline]")
        grade = Grade(item.evidence_grade)
        console.print(f"\n{item.priority}. [bold]{escape(item.text)}[/bold]")
        console.print(f"   Why: {escape(item.why)}")
        sources = escape(numbers.refs(item.sources))
        console.print(f"   Evidence: {grade.words} (grade {grade.value}); sources {sources}")
        for caution in item.cautions:
            console.print(f"   Caution: {escape(caution)}")
    numbers.print_list(console)


def _print_triage(console: Console, triage: Mapping[str, object], user: str | None) -> None:
    """The result that leads, first: its words, its date when saved, and how to close it."""
    import datetime as dt

    from rich.markup import escape

    from nightcramp.cli.output import user_flag
    from nightcramp.core.triage import Disposition, checks_first, label_of, load_rules
    from nightcramp.core.triage.history_wording import load_history_wording

    advice = str(triage.get("advice") or "")
    # The advice starts with the result's own headline (the maternity unit, "some safety
    # questions were not answered"): it leads, in place of the disposition's general label.
    headline, _, rest = advice.partition(". ") if advice else ("", "", "")
    label = headline.rstrip(".") or load_rules().labels[Disposition(str(triage["disposition"]))]
    if checks_first(triage):  # "Check one thing first", then the whole advice
        label, rest = label_of(triage), advice
    words = load_history_wording().reminder
    at = triage.get("at")
    if isinstance(at, str):
        from nightcramp.store.triage.history import reminder_title

        label = reminder_title(dt.datetime.fromisoformat(at), label)
    console.print(f"[bold]First: {escape(label)}.[/bold]")
    if rest:
        console.print(escape(rest))
    if triage.get("open"):
        console.print(escape(words.still_open))
        resolve = f"nightcramp triage resolve {triage.get('id')}{user_flag(user)}"
        console.print(f"When you have been seen: {escape(resolve)}\n")
    else:
        console.print("Run `nightcramp triage` or open the triage page for the details.\n")


def plan(
    profile: Path | None = typer.Option(
        None, "--profile", help="A profile JSON file (see the contract); default: the stored diary."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    user: str | None = typer.Option(None, "--user", help="Account to plan for (stored diary)."),
) -> None:
    """Show your personal prevention plan, triage result first when it matters."""
    from nightcramp.cli.output import print_json

    result = _from_file(profile) if profile is not None else _from_database(user)
    if as_json:
        print_json(result.to_json())
    else:
        _print(result, None if profile is not None else user)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
