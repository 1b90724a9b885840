"""`nightcramp experiment changes|plan|analyze`: randomised self-experiments of one change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from nightcramp.core.diary import Episode, Night
    from nightcramp.core.experiments.content import ChangeSpec
    from nightcramp.core.experiments.eligibility import Eligibility
    from nightcramp.core.experiments.schedule import Schedule
    from nightcramp.core.plan import Profile

__all__ = ["register"]

_NAME = "nightcramp experiment"
_VERDICT_WORDS = {
    "helps": "It helps you",
    "makes_worse": "It makes your cramps worse",
    "no_clear_effect": "No clear effect",
    "continue": "Not clear yet",
    "not_enough_data": "We cannot tell",
}


def _profile(path: Path | None, command: str) -> Profile:
    from nightcramp.cli.output import EXIT_USAGE, fail, warn, why_unread
    from nightcramp.core.errors import InputError
    from nightcramp.core.interop.small_file import read_small_text
    from nightcramp.core.plan import Profile, parse_profile_text

    if path is None:
        return Profile()
    try:
        text = read_small_text(path)
    except FileNotFoundError:
        fail(f"{_NAME} {command}: {path}: no such file", EXIT_USAGE)
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{_NAME} {command}: {path}: cannot read the file ({why_unread(error)})")
    try:
        profile = parse_profile_text(text, file=str(path))
    except InputError as error:
        fail(f"{_NAME} {command}: {error}")
    for message in profile.warnings:
        warn(f"{_NAME} {command}: {message}")
    return profile


def _change(change_id: str, command: str) -> ChangeSpec:
    from nightcramp.cli.output import EXIT_USAGE, fail
    from nightcramp.core.experiments.content import load_experiment_content

    changes = load_experiment_content().changes
    if change_id not in changes:
        known = ", ".join(changes)
        fail(
            f"{_NAME} {command}: --change: unknown change {change_id!r} (known: {known})",
            EXIT_USAGE,
        )
    return changes[change_id]


def _print_changes(found: tuple[Eligibility, ...]) -> None:
    from rich.console import Console
    from rich.markup import escape

    from nightcramp.cli.citations import SourceNumbers

    console = Console(highlight=False)
    numbers = SourceNumbers()
    for e in found:
        c = e.change
        console.print(f"\n[bold]{escape(c.name)}[/bold] ({c.id})")
        console.print(f"   On: {escape(c.on)}")
        console.print(f"   Off: {escape(c.off)}")
        washout = f", the first {c.washout_nights} left out" if c.washout_nights else ""
        console.print(f"   Periods of {c.period_nights} nights{washout}; {c.pairs} pairs.")
        sources = escape(numbers.refs(e.sources))
        console.print(f"   Evidence: {e.grade.words} (grade {e.grade.value}); sources {sources}")
        console.print(f"   {escape(str(e.to_json()['may_run_words']))}")
        for reason in e.reasons:
            console.print(f"   Why: {escape(reason)}")
        for caution in e.cautions:
            console.print(f"   Take care: {escape(caution)}")
    numbers.print_list(console)


def changes(
    profile: Path | None = typer.Option(None, "--profile", help="A profile JSON file."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    user: str | None = typer.Option(None, "--user", help="Whose stored profile."),
) -> None:
    """List the changes you can test, with their evidence, design and whether you may run them."""
    from nightcramp.cli.experiment_store import stored_profile
    from nightcramp.cli.output import fail, print_json, warn
    from nightcramp.core.errors import InputError
    from nightcramp.core.experiments.eligibility import list_changes

    stored = None if profile is not None else stored_profile(user)
    person = _profile(profile, "changes") if stored is None else stored
    if profile is None and stored is None:
        warn(f"{_NAME} changes: no --profile given: checked without your conditions or medicines")
    try:
        found = list_changes(person, today=dt.date.today())
    except InputError as error:
        fail(f"{_NAME} changes: {error}")
    if as_json:
        print_json({"changes": [e.to_json() for e in found]})
    else:
        _print_changes(found)


def plan(
    change_id: str = typer.Option(..., "--change", metavar="ID", help="The change to test."),
    start: str | None = typer.Option(None, "--start", metavar="YYYY-MM-DD", help="First night."),
    period_nights: int | None = typer.Option(
        None, "--period-nights", metavar="N", help="Nights in each period (at least the change's)."
    ),
    pairs: int | None = typer.Option(None, "--pairs", metavar="N", help="Pairs of periods (4-8)."),
    seed: int | None = typer.Option(
        None, "--seed", metavar="N", help="The same seed, the same plan."
    ),
    out: Path | None = typer.Option(
        None, "--out", metavar="F", help="Write the schedule CSV here."
    ),
    profile: Path | None = typer.Option(None, "--profile", help="Check it is safe for you."),
    doctor_agreed: bool = typer.Option(
        False, "--doctor-agreed", help="Your doctor agreed to this change."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    user: str | None = typer.Option(None, "--user", help="Whose stored profile."),
) -> None:
    """Write a randomised schedule: pairs of periods, one on and one off, in random order."""
    import secrets

    from nightcramp.cli.output import EXIT_USAGE, fail, print_json, warn
    from nightcramp.core.diary_rules import parse_date
    from nightcramp.core.errors import InputError
    from nightcramp.core.experiments.eligibility import MayRun, check_change
    from nightcramp.core.experiments.schedule import design_schedule, schedule_csv

    change = _change(change_id, "plan")
    try:
        first = parse_date(start) if start is not None else dt.date.today()
    except ValueError as error:
        fail(f"{_NAME} plan: --start: {error} (a date like 2027-01-31)", EXIT_USAGE)
    nights = change.period_nights if period_nights is None else period_nights
    if nights < change.period_nights:
        fail(
            f"{_NAME} plan: --period-nights: {change.name} needs periods of at least "
            f"{change.period_nights} nights",
            EXIT_USAGE,
        )
    from nightcramp.cli.experiment_store import stored_profile

    # As `changes`: the profile file, else the stored profile (conditions, medicines).
    stored = None if profile is not None else stored_profile(user)
    person = _profile(profile, "plan") if stored is None else stored
    try:
        allowed = check_change(change, person, today=dt.date.today(), doctor_agreed=doctor_agreed)
    except InputError as error:
        fail(f"{_NAME} plan: {error}")
    if allowed.may_run is not MayRun.YES:
        words = str(allowed.to_json()["may_run_words"])
        extra = (
            " If they agreed, add --doctor-agreed." if allowed.may_run is MayRun.ASK_DOCTOR else ""
        )
        fail(f"{_NAME} plan: {words}{extra}\n" + "\n".join(allowed.reasons))
    seed = secrets.randbelow(10**9) if seed is None else seed
    try:
        schedule = design_schedule(first, nights, change.pairs if pairs is None else pairs, seed)
    except InputError as error:
        fail(f"{_NAME} plan: --{(error.field or '').replace('_', '-')}: {error.reason}", EXIT_USAGE)
    text = schedule_csv(schedule)
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            fail(f"{_NAME} plan: cannot write {out}: {error.strerror}")
    if change.washout_nights:
        warn(f"Analyse with --washout {change.washout_nights}: the first nights of each period.")
    if not as_json:  # in JSON they are the document's `cautions`
        for caution in allowed.cautions:
            warn(f"Take care: {caution}")
    if as_json:
        print_json(
            {
                "change": change.id,
                "seed": seed,
                "start": first.isoformat(),
                "period_nights": nights,
                "pairs": schedule.pairs,
                "washout_nights": change.washout_nights,
                "cautions": list(allowed.cautions),
                "schedule": schedule.to_json(),
            }
        )
    elif out is None:
        typer.echo(text, nl=False)
    else:
        warn(f"Wrote {len(schedule.nights)} nights to {out} (seed {seed}).")


def _look_result(look: dict[str, object]) -> str:
    """A look's call in the table; a look after the answer says so (its call is its own)."""
    words = str(look["verdict"]).replace("_", " ")
    if look.get("after_answer"):
        return f"later: {words}"
    if look.get("final"):
        return f"{words} (the answer)"
    return words


def _print_result(document: dict[str, object]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from nightcramp.core.ratios import ratio_text

    console = Console(highlight=False)
    # The explanation opens with the verdict's own sentence: that sentence is the heading.
    first, _, rest = str(document["explanation"]).partition(". ")
    console.print(f"[bold]{escape(first.rstrip('.'))}.[/bold] {escape(rest)}".rstrip())
    after = document.get("after_answer")
    if isinstance(after, str):
        console.print(escape(after))
    looks = document["looks"]
    if isinstance(looks, list) and looks:
        table = Table(title="Looks (one after each pair)")
        for head in ("Date", "Nights", "Rate ratio (likely range)", "Result"):
            table.add_column(head)
        if any(look.get("after_answer") for look in looks):
            table.caption = "Later looks come after the answer and do not change it."
        before = None
        for look in looks:
            if look.get("after_answer") and before is not None and not before.get("after_answer"):
                table.add_section()  # a line between the answer and the looks after it
            before = look
            ratio = "-"
            if look["rate_ratio"] is not None:
                low, high = ratio_text(look["ci_low"]), ratio_text(look["ci_high"])
                ratio = f"{ratio_text(look['rate_ratio'])} ({low} to {high})"
            table.add_row(look["date"], str(look["nights"]), ratio, _look_result(look))
        console.print(table)
    cautions = document.get("cautions")
    if isinstance(cautions, list):
        for caution in cautions:
            console.print(f"Caution: {escape(str(caution))}")


def _read_diary(nights_file: Path, episodes_file: Path) -> tuple[list[Night], list[Episode]]:
    """The nights of `nights_file` and the cramps of `episodes_file`: diary CSV files, or JSON
    diary documents (`nightcramp export --format json`; the same file may be given twice).
    Raises InputError naming file, row or item, and field; OSError when a file cannot be read."""
    from nightcramp.cli.setup import local_zone
    from nightcramp.core.diary_limits import files_until
    from nightcramp.core.interop.csv_diary import read_episodes, read_nights_and_columns
    from nightcramp.core.interop.json_diary import (
        DiaryDocument,
        check_entries,
        is_json_file,
        read_document,
    )

    documents: dict[Path, DiaryDocument] = {}

    tz = local_zone()

    def document(path: Path) -> DiaryDocument:
        key = path.resolve()
        if key not in documents:
            documents[key] = read_document(path, tz=tz)
        return documents[key]

    now = files_until(tz)
    if is_json_file(nights_file):
        nights = list(document(nights_file).nights)
        check_entries(str(nights_file), nights, [], now=now)
    else:
        nights = read_nights_and_columns(nights_file, now=now)[0]
    if is_json_file(episodes_file):
        episodes = list(document(episodes_file).episodes)
        check_entries(str(episodes_file), [], episodes, now=now)
        return nights, episodes
    return nights, read_episodes(episodes_file, tz=tz, now=now)


def _check_washout(schedule: Schedule, washout: int) -> None:
    """Exit 2 when `--washout` would leave out every night of a period (the schedule's rule)."""
    from nightcramp.cli.output import EXIT_USAGE, fail
    from nightcramp.core.errors import InputError
    from nightcramp.core.experiments.schedule import check_washout

    try:
        check_washout(schedule, washout)
    except InputError as error:
        fail(f"{_NAME} analyze: --washout: {error.reason}", EXIT_USAGE)


def analyze(
    schedule_file: Path = typer.Option(..., "--schedule", exists=True, dir_okay=False),
    nights_file: Path = typer.Option(..., "--nights", exists=True, dir_okay=False),
    episodes_file: Path = typer.Option(..., "--episodes", exists=True, dir_okay=False),
    washout: int = typer.Option(0, "--washout", min=0, help="Nights left out per period."),
    change_id: str | None = typer.Option(None, "--change", metavar="ID", help="Which change."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Analyse an experiment from its schedule and the diary files (CSV, or JSON diaries)."""
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import local_zone
    from nightcramp.core.diary import coming_night
    from nightcramp.core.errors import InputError
    from nightcramp.core.experiments.analysis import analyze_experiment
    from nightcramp.core.experiments.document import experiment_document
    from nightcramp.core.experiments.schedule import read_schedule

    change = None if change_id is None else _change(change_id, "analyze")
    try:
        schedule = read_schedule(schedule_file)
    except InputError as error:
        fail(f"{_NAME} analyze: invalid schedule file\n{error.location_text()}")
    except OSError as error:
        fail(f"{_NAME} analyze: cannot read {schedule_file}: {error.strerror}")
    _check_washout(schedule, washout)
    try:
        nights, episodes = _read_diary(nights_file, episodes_file)
    except InputError as error:
        fail(f"{_NAME} analyze: invalid diary file\n{error.location_text()}")
    except OSError as error:
        fail(f"{_NAME} analyze: cannot read {error.filename or nights_file}: {error.strerror}")
    # As in the app: a pair whose last night is over gets its look, logged or not.
    over = coming_night(dt.datetime.now(local_zone())) - dt.timedelta(days=1)
    result = analyze_experiment(schedule, nights, episodes, washout=washout, over=over)
    document = experiment_document(result, change)
    if as_json:
        print_json(document)
    else:
        _print_result(document)


def register(app: typer.Typer) -> None:
    """Add the `experiment` command group."""
    group = typer.Typer(help="Randomised self-experiments: does one change help you?")
    app.add_typer(group, name="experiment")
    group.command("changes")(changes)
    group.command("plan")(plan)
    group.command("analyze")(analyze)
    from nightcramp.cli.experiment_store import register_stored

    register_stored(group)
