"""`nightcramp report`: the one-to-two page PDF to take to a doctor."""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["register"]


def report(
    out: Path = typer.Option(
        Path("nightcramp-report.pdf"), "--out", help="Where to write the PDF."
    ),
    since: str | None = typer.Option(None, help="First night to include (YYYY-MM-DD)."),
    paper: str | None = typer.Option(None, help="a4 or letter (default: from your locale)."),
    html: bool = typer.Option(False, "--html", help="Write the print-ready HTML instead of a PDF."),
    user: str | None = typer.Option(None, "--user", help="Account to report on."),
    as_json: bool = typer.Option(
        False, "--json", help="Print one JSON document saying what was written."
    ),
) -> None:
    """Write the report to take to a doctor (PDF, at most two pages for a year).

    It lists every urgent and emergency symptom check of its period, and whether each was
    seen to; --json prints them as `triage`.
    """
    from nightcramp.cli.output import EXIT_USAGE, fail
    from nightcramp.cli.setup import cli_config
    from nightcramp.core.diary_rules import parse_date
    from nightcramp.core.report import Paper

    try:
        start = parse_date(since) if since else None
    except ValueError as error:
        fail(f"nightcramp report: --since: {error}", EXIT_USAGE)
    if paper is not None and paper not in {p.value for p in Paper}:
        fail(f"nightcramp report: --paper must be a4 or letter, not {paper!r}", EXIT_USAGE)
    size = Paper(paper) if paper else cli_config().paper
    if out.is_dir():
        fail(f"nightcramp report: cannot write {out}: it is a folder; give a file name")

    from nightcramp.cli.setup import setup_django

    setup_django()
    from django.utils import timezone

    from nightcramp.core.errors import InputError
    from nightcramp.core.report import build_report
    from nightcramp.store.account.people import resolve_cli_user
    from nightcramp.store.report.inputs import report_input
    from nightcramp.store.report.render import render_html, render_pdf

    try:
        person = resolve_cli_user(user)
    except InputError as error:
        fail(f"nightcramp report: {error}", EXIT_USAGE)
    data = report_input(person, today=timezone.localdate(), since=start)
    doc = build_report(data)
    page = render_html(doc, paper=size)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if html:
            out.write_text(page, encoding="utf-8")
        else:
            out.write_bytes(render_pdf(page))
    except OSError as error:
        fail(f"nightcramp report: cannot write {out}: {error.strerror}")
    if as_json:
        from nightcramp.cli.output import print_json

        print_json(
            {
                "out": str(out),
                "format": "html" if html else "pdf",
                "paper": size.value,
                "nights_logged": doc.nights_logged,
                "nights_missing": doc.nights_missing,
                "cramp_nights": doc.cramp_nights,
                "episodes": doc.episodes,
                "bytes": out.stat().st_size,
                "triage": [
                    {
                        "at": timezone.localtime(t.answered_at).isoformat(timespec="seconds"),
                        "disposition": t.disposition,
                        "reasons": list(t.reasons),
                        "resolved": t.resolved_at is not None,
                    }
                    for t in doc.urgent_triage
                ],
            }
        )
        return
    typer.echo(f"Wrote {out} ({doc.nights_logged} nights, {doc.episodes} cramps).", err=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
