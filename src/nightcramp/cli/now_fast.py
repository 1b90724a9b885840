"""`nightcramp now`: guided relief for a cramp happening now.

The safety line and step 1 are printed and flushed before anything heavy is imported. In a
terminal the steps then run with Rich countdowns (Enter goes on, Ctrl-C leaves cleanly); when
output is not a terminal every step is printed, with its hold time, and the command exits 0.
"""

from __future__ import annotations

import os
import sys

from nightcramp.core.relief.guide import DEFAULT_MUSCLE, MUSCLES, Guide, Note, Step, read_guide

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from nightcramp.cli.now_open import OpenResult, Unchosen
    from nightcramp.config import Config

__all__ = ["USAGE", "interactive", "parse_args", "run"]

USAGE = (
    "Usage: nightcramp now [--muscle calf|foot|thigh_back|thigh_front] [--plain] [--json]"
    " [--user NAME]"
)
EXIT_INTERRUPTED = 130
_REST_SECONDS = 5
_GOODBYE = "Stopped. I hope the cramp has eased. If it comes back, run nightcramp now again."


class UsageError(Exception):
    """The arguments cannot be understood; the message says why."""


def parse_args(args: list[str]) -> tuple[str, bool, bool, str | None]:
    """Return (muscle, plain, json, user) from `args`; raise UsageError for anything else."""
    muscle = DEFAULT_MUSCLE
    plain = False
    as_json = False
    user: str | None = None
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in {"--muscle", "-m"}:
            if not rest:
                raise UsageError(f"{arg} needs a muscle: {', '.join(MUSCLES)}.")
            muscle = rest.pop(0)
        elif arg.startswith("--muscle="):
            muscle = arg.split("=", 1)[1]
        elif arg.startswith("-m") and len(arg) > 2:
            muscle = arg[2:].lstrip("=")
        elif arg == "--plain":
            plain = True
        elif arg == "--json":
            as_json = True
        elif arg == "--user":
            if not rest:
                raise UsageError("--user needs an account name.")
            user = rest.pop(0)
        elif arg.startswith("--user="):
            user = arg.split("=", 1)[1]
        else:
            raise UsageError(f"unknown argument {arg!r}.")
        muscle = muscle.strip().lower().replace("-", "_")
    if muscle not in MUSCLES:
        raise UsageError(f"unknown muscle {muscle!r}. Choose one of: {', '.join(MUSCLES)}.")
    return muscle, plain, as_json, user


def run(args: list[str], config: Config | None = None) -> int:
    """Run `nightcramp now` with `args` (after "now"); return the exit code.

    `config` is the command's settings when the caller has read them (None: read them here).
    """
    try:
        return _run(args, config)
    except KeyboardInterrupt:
        _say(f"\n{_GOODBYE}")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `head`) has gone; stop quietly without a second error at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: list[str], config: Config | None) -> int:
    try:
        muscle, plain, as_json, user = parse_args(args)
    except UsageError as error:
        sys.stderr.write(f"nightcramp now: {error}\n{USAGE}\n")
        return 2
    if config is None:
        from nightcramp.config import ConfigError, load_config

        try:
            config = load_config()
        except ConfigError as error:
            sys.stderr.write(f"nightcramp now: {error}\n")
            return 1
    try:
        guide = read_guide(muscle, lines=config.help_lines)
    except Exception as error:
        from nightcramp.core.errors import ContentError

        if not isinstance(error, ContentError | OSError):
            raise
        sys.stderr.write(f"nightcramp now: the relief steps could not be read: {error}\n")
        return 1
    if as_json:
        _print_json(guide, config.emergency_number, _open_result(config, user))
        return 0
    out = sys.stdout
    tty = out.isatty()
    bold = tty and not plain and not config.no_color
    out.write(_first_block(guide, bold=bold))
    out.flush()
    # Looked up once step 1 is on screen, in a thread: its advice ("do not stretch that leg")
    # comes after step 1's cautions, before any timer or further step.
    from nightcramp.cli.now_open import Lookup

    lookup = Lookup(config, user)

    def note() -> str:
        found = lookup.wait()
        return "" if found is None else "\n" + found.text()

    if plain or not tty:
        sources = _source_names()
        out.write(_details(guide.steps[0], sources))
        out.flush()
        out.write(note() + _plain_after_step_1(guide, config.emergency_number, sources))
        out.flush()
        return 0
    return _run_terminal(guide, config.emergency_number, note)


def _open_result(config: Config, user: str | None) -> OpenResult | Unchosen | None:
    from nightcramp.cli.now_open import open_result

    return open_result(config, user)


def _print_json(guide: Guide, emergency_number: str, found: OpenResult | Unchosen | None) -> None:
    """Print the guide as one JSON document: the same steps and lines, in the same order."""
    import json

    def note(n: Note) -> dict[str, object]:
        return {
            "id": n.id,
            "title": n.title,
            "text": n.text,
            "link": n.link,
            "grade": n.grade,
            "sources": list(n.sources),
        }

    steps = [
        {
            "step": s.number,
            "id": s.id,
            "title": s.title,
            "text": s.text,
            "hold_seconds": s.hold_seconds,
            "repeat": s.repeat,
            "illustration": s.illustration,
            "grade": s.grade,
            "sources": list(s.sources),
            "cautions": list(s.cautions),
        }
        for s in guide.steps
    ]
    document = {
        "muscle": guide.muscle,
        "emergency_number": emergency_number,
        "safety": note(guide.safety),
        "steps": steps,
        "comes_back": note(guide.comes_back),
        "long_cramp": note(guide.long_cramp),
        "open_result": None if found is None else found.to_json(),
    }
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def _say(text: str) -> None:
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except OSError:
        return


def _first_block(guide: Guide, *, bold: bool = False) -> str:
    first = guide.steps[0]
    safety = f"\x1b[1;93m{guide.safety.text}\x1b[0m" if bold else guide.safety.text
    return (
        f"{safety}\n\n"
        f"Muscle: {guide.label} ({guide.where}).\n\n"
        f"{_step_text(first, len(guide.steps))}"
    )


def _step_text(step: Step, total: int) -> str:
    return (
        f"Step {step.number} of {total}. {step.title}\n  {step.text}\n  Timer: {step.timer_text}.\n"
    )


def _details(step: Step, sources: dict[str, str]) -> str:
    from nightcramp.core.knowledge.grades import Grade

    lines = [f"  Careful: {caution}" for caution in step.cautions]
    names = "; ".join(sources.get(s, s) for s in step.sources)
    lines.append(f"  How sure: {Grade(step.grade).words}. Source: {names}.")
    return "\n".join(lines) + "\n"


def _plain_after_step_1(guide: Guide, emergency_number: str, sources: dict[str, str]) -> str:
    parts = []
    for step in guide.steps[1:]:
        parts.append("\n" + _step_text(step, len(guide.steps)) + _details(step, sources))
    parts.append("\n" + _closing(guide, emergency_number))
    return "".join(parts)


def _closing(guide: Guide, emergency_number: str) -> str:
    return (
        f"{guide.comes_back.title}: {guide.comes_back.text}\n\n"
        f"{guide.long_cramp.title}: {guide.long_cramp.text}\n"
        f"  Emergency number: {emergency_number}.\n\n"
        f"Did it stop? Log it: nightcramp log --muscle {guide.muscle}\n"
        "Once it has passed, see whether to talk to a doctor: /triage/ in the app.\n"
    )


def _source_names() -> dict[str, str]:
    """Short names of the cited sources ("NHS", "Mayo Clinic"); ids if they cannot load."""
    try:
        from nightcramp.core.knowledge.sources import load_sources

        return {key: s.citation.split(".")[0] for key, s in load_sources().items()}
    except Exception:
        return {}


def _run_terminal(guide: Guide, emergency_number: str, note: Callable[[], str]) -> int:
    import time

    from rich.console import Console

    console = Console(highlight=False)
    try:
        return interactive(
            guide,
            console,
            ask=input,
            sleep=time.sleep,
            clock=time.monotonic,
            emergency_number=emergency_number,
            note=note,
        )
    except EOFError:
        console.print(f"\n{_GOODBYE}")
        return 0


def interactive(
    guide: Guide,
    console: Console,
    *,
    ask: Callable[[str], str],
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    emergency_number: str,
    note: str | Callable[[], str] = "",
) -> int:
    """Walk through the guide in a terminal (step 1 is already on screen); return the exit code.

    `note` (an open symptom check's advice) is shown after step 1's cautions, in bold.
    A KeyboardInterrupt from `ask` or a countdown is answered with a kind line and code 130.
    """
    from rich.panel import Panel

    sources = _source_names()
    try:
        for step in guide.steps:
            if step.number > 1:
                console.print()
                console.print(Panel(_step_text(step, len(guide.steps)).rstrip(), expand=False))
            console.print(_details(step, sources).rstrip(), style="dim")
            if step.number == 1:
                shown = note() if callable(note) else note
                if shown:
                    console.print(shown.rstrip(), style="bold yellow", markup=False)
            _holds(step, console, sleep=sleep, clock=clock)
            if step.number < len(guide.steps):
                ask("Press Enter for the next step (Ctrl-C to stop). ")
        console.print()
        console.print(_closing(guide, emergency_number).rstrip())
        return 0
    except KeyboardInterrupt:
        console.print(f"\n{_GOODBYE}")
        return EXIT_INTERRUPTED


def _holds(
    step: Step, console: Console, *, sleep: Callable[[float], None], clock: Callable[[], float]
) -> None:
    if step.hold_seconds is None:
        return
    for round_ in range(1, step.repeat + 1):
        label = f"Hold {round_} of {step.repeat}" if step.repeat > 1 else "Hold"
        _countdown(label, step.hold_seconds, console, sleep=sleep, clock=clock)
        console.print("\aDone. Let go slowly.")
        if round_ < step.repeat:
            _countdown("Rest", _REST_SECONDS, console, sleep=sleep, clock=clock)


def _countdown(
    label: str,
    seconds: int,
    console: Console,
    *,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[left]} s left"),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=seconds, left=seconds)
        start = clock()
        while (elapsed := clock() - start) < seconds:
            progress.update(task, completed=elapsed, left=max(0, round(seconds - elapsed)))
            sleep(0.2)
        progress.update(task, completed=seconds, left=0)
