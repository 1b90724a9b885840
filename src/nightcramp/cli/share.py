"""`nightcramp share` (read-only links to your summary), `nightcramp access` (clinician
grants and who has seen your diary) and `nightcramp clinician` (mark clinician accounts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["register"]

share_app = typer.Typer(
    help="Read-only links to your summary and report, for a doctor or nurse.",
    no_args_is_help=True,
)
access_app = typer.Typer(
    help="Let a clinician account read your diary, and see who has seen it.",
    no_args_is_help=True,
)
clinician_app = typer.Typer(help="Mark accounts as clinicians' accounts.", no_args_is_help=True)

_SERVED_AT = "http://127.0.0.1:8000"
_USER_HELP = "The account whose diary it is (default: the only one)."
_HOW_TO_SHARE = 'See "Sharing from home" in docs/sharing.md.'


def _fail(command: str, message: str, code: int = 1) -> NoReturn:
    from nightcramp.cli.output import fail

    fail(f"nightcramp {command}: {message}", code)


def _person(command: str, name: str | None) -> User:
    """Boot Django and return the account the command acts for (exit 2 when unclear)."""
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import resolve_cli_user

    try:
        return resolve_cli_user(name)
    except InputError as error:
        _fail(command, str(error), 2)


def _iso(moment: dt.datetime | None) -> str | None:
    from django.utils import timezone

    return None if moment is None else timezone.localtime(moment).isoformat(timespec="seconds")


def _base_url() -> str:
    """NIGHTCRAMP_BASE_URL, or a guess; says on stderr when the address works only here."""
    from urllib.parse import urlsplit

    from nightcramp.cli.output import warn
    from nightcramp.cli.setup import cli_config
    from nightcramp.config import is_loopback

    base = cli_config().base_url
    if not base:
        # The command cannot know where (or whether) `nightcramp serve` runs.
        warn(
            f"nightcramp share: NIGHTCRAMP_BASE_URL is not set, so the start of this link "
            f"({_SERVED_AT}) is a guess. It only works on this computer, and only if "
            "nightcramp serve runs here on port 8000.\n"
            "To share with your doctor, set NIGHTCRAMP_BASE_URL to an address they can open "
            "and make a new link, for example:\n"
            f"  export NIGHTCRAMP_BASE_URL=https://cramps.example.org\n{_HOW_TO_SHARE}"
        )
        return _SERVED_AT
    if is_loopback(urlsplit(base).hostname or ""):
        warn(
            f"nightcramp share: This link starts with {base}, which only works on this "
            "computer. To share with your doctor, set NIGHTCRAMP_BASE_URL to an address they "
            f"can open and make a new link.\n{_HOW_TO_SHARE}"
        )
    return base


@share_app.command("create")
def share_create(
    days: int = typer.Option(14, "--days", help="How many days the link works (1 to 365)."),
    label: str = typer.Option("", "--label", help="A note for you, e.g. the doctor's name."),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    pdf: Path | None = typer.Option(
        None, "--pdf", help="Also write the report, with the link's QR code on it, to this file."
    ),
    qr: bool = typer.Option(False, "--qr", help="Also draw the link's QR code here."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Make a read-only link to your summary and report. It is shown once; keep it safe."""
    from django.utils import timezone

    from nightcramp.cli.output import print_json, user_flag
    from nightcramp.core.errors import InputError

    person = _person("share create", user)
    from nightcramp.store.sharing.links import create_link

    now = timezone.now()
    try:
        made = create_link(person, now=now, days=days, label=label)
    except InputError as error:
        _fail("share create", f"--days: {error.reason}", 2)
    url = _base_url() + made.path
    if pdf is not None:
        _write_pdf(person, made.link, url, pdf, now=now)
    if json_output:
        print_json(
            {
                "id": made.link.pk,
                "url": url,
                "token": made.token,
                "expires_at": _iso(made.link.expires_at),
                "days": days,
                "pdf": None if pdf is None else str(pdf),
            }
        )
        return
    typer.echo(url)
    if qr:
        from nightcramp.store.sharing.qr import qr_terminal

        typer.echo(qr_terminal(url), err=True)
    until = timezone.localtime(made.link.expires_at)
    typer.echo(
        f"Link {made.link.pk} works until {until:%Y-%m-%d %H:%M}. It is shown only now. "
        f"Stop it with: nightcramp share revoke {made.link.pk}{user_flag(user)}",
        err=True,
    )


def _write_pdf(person: User, link: object, url: str, out: Path, *, now: dt.datetime) -> None:
    from nightcramp.cli.setup import cli_config
    from nightcramp.store.sharing.models import ShareLink
    from nightcramp.store.sharing.report import report_pdf

    assert isinstance(link, ShareLink)
    if out.is_dir():
        _fail("share create", f"cannot write {out}: it is a folder; give a file name")
    content = report_pdf(person, now=now, paper=cli_config().paper, link=link, url=url)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as error:
        _fail("share create", f"cannot write {out}: {error.strerror}")


@share_app.command("list")
def share_list(
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """List your links: when each was made, until when it works, and how often it was opened."""
    from django.db.models import Count
    from django.utils import timezone

    from nightcramp.cli.output import print_json

    person = _person("share list", user)
    from nightcramp.store.sharing.links import link_state
    from nightcramp.store.sharing.models import ShareLink

    now = timezone.now()
    rows = ShareLink.objects.filter(user=person).annotate(seen=Count("views"))
    links = [
        {
            "id": row.pk,
            "label": row.label,
            "created_at": _iso(row.created_at),
            "expires_at": _iso(row.expires_at),
            "revoked_at": _iso(row.revoked_at),
            "state": link_state(row, now=now),
            "views": row.seen,
        }
        for row in rows
    ]
    if json_output:
        print_json({"links": links})
        return
    if not links:
        typer.echo("No links yet. Make one with: nightcramp share create", err=True)
    for link in links:
        typer.echo(
            f"{link['id']}  {link['state']}  until {link['expires_at']}  "
            f"opened {link['views']} times  {link['label']}".rstrip()
        )


@share_app.command("revoke")
def share_revoke(
    link_id: int = typer.Argument(..., metavar="ID", help="The link's number (see share list)."),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Stop a link now: it opens nothing from the next request on."""
    from django.utils import timezone

    from nightcramp.cli.output import print_json

    person = _person("share revoke", user)
    from nightcramp.store.sharing.links import revoke_link

    link = revoke_link(person, link_id, now=timezone.now())
    if link is None:
        _fail("share revoke", f"you have no link {link_id}")
    if json_output:
        print_json({"id": link.pk, "revoked": True, "revoked_at": _iso(link.revoked_at)})
        return
    typer.echo(f"Link {link.pk} is stopped.")


def _print_log(entries: list[dict[str, object]], json_output: bool) -> None:
    from nightcramp.cli.output import print_json

    if json_output:
        print_json({"access": entries})
        return
    if not entries:
        typer.echo("Nobody has seen your diary this way.", err=True)
    for e in entries:
        typer.echo(f"{e['at']}  {e['who']}  {e['page']}  from {e['address'] or 'unknown'}")


@share_app.command("log")
def share_log(
    link_id: int = typer.Argument(..., metavar="ID", help="The link's number (see share list)."),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Every time the link was opened: when, which page and from which address."""
    person = _person("share log", user)
    from nightcramp.store.sharing.audit import link_log

    entries = link_log(person, link_id)
    if entries is None:
        _fail("share log", f"you have no link {link_id}")
    _print_log([e.to_json() for e in entries], json_output)


@access_app.command("grant")
def access_grant(
    clinician: str = typer.Argument(..., help="The clinician's account name."),
    until: str = typer.Option(..., "--until", help="The last day they may look (YYYY-MM-DD)."),
    start: str | None = typer.Option(None, "--from", help="The first day (default: today)."),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Let a clinician account read your summary and report, from today (or --from) to --until."""
    from django.utils import timezone

    from nightcramp.cli.output import print_json, user_flag
    from nightcramp.core.diary_rules import parse_date
    from nightcramp.core.errors import InputError

    try:
        ends_on = parse_date(until)
    except ValueError as error:
        _fail("access grant", f"--until: {error}", 2)
    try:
        starts_on = parse_date(start) if start else None
    except ValueError as error:
        _fail("access grant", f"--from: {error}", 2)
    person = _person("access grant", user)
    from nightcramp.store.sharing.grants import grant_access

    try:
        grant = grant_access(
            person, clinician, ends_on=ends_on, starts_on=starts_on, now=timezone.now()
        )
    except InputError as error:
        _fail("access grant", str(error))
    if json_output:
        print_json(_grant_json(grant))
        return
    typer.echo(
        f"{clinician} can read your diary from {grant.starts_on} to {grant.ends_on} "
        f"(grant {grant.pk}). Stop it with: nightcramp access revoke {grant.pk}{user_flag(user)}"
    )


def _grant_json(grant: object) -> dict[str, object]:
    from django.utils import timezone

    from nightcramp.store.sharing.grants import grant_state
    from nightcramp.store.sharing.models import ClinicianGrant

    assert isinstance(grant, ClinicianGrant)
    return {
        "id": grant.pk,
        "clinician": grant.clinician.username,
        "from": grant.starts_on.isoformat(),
        "until": grant.ends_on.isoformat(),
        "state": grant_state(grant, now=timezone.now()),
        "revoked_at": _iso(grant.revoked_at),
    }


@access_app.command("list")
def access_list(
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """List the clinicians you let read your diary, and until when."""
    from nightcramp.cli.output import print_json

    person = _person("access list", user)
    from nightcramp.store.sharing.grants import grants_of

    grants = [_grant_json(g) for g in grants_of(person)]
    if json_output:
        print_json({"grants": grants})
        return
    if not grants:
        typer.echo("No clinician can read your diary.", err=True)
    for g in grants:
        typer.echo(f"{g['id']}  {g['state']}  {g['clinician']}  {g['from']} to {g['until']}")


@access_app.command("revoke")
def access_revoke(
    grant_id: int = typer.Argument(..., metavar="ID", help="The grant's number (access list)."),
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Stop a clinician's access now: their next request is refused."""
    from django.utils import timezone

    from nightcramp.cli.output import print_json

    person = _person("access revoke", user)
    from nightcramp.store.sharing.grants import revoke_grant

    grant = revoke_grant(person, grant_id, now=timezone.now())
    if grant is None:
        _fail("access revoke", f"you have no grant {grant_id}")
    if json_output:
        print_json(_grant_json(grant))
        return
    typer.echo(f"{grant.clinician.username} can no longer read your diary.")


@access_app.command("log")
def access_log(
    user: str | None = typer.Option(None, "--user", help=_USER_HELP),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Who has seen your diary: every look through a link or a clinician account."""
    person = _person("access log", user)
    from nightcramp.store.sharing.audit import access_log as entries_of

    _print_log([e.to_json() for e in entries_of(person)], json_output)


@clinician_app.command("mark")
def clinician_mark(
    name: str = typer.Argument(..., help="An account made with `nightcramp user add`."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Mark an account as a clinician's: people can then grant it read access."""
    from nightcramp.cli.output import print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.store.account.people import find_account
    from nightcramp.store.sharing.clinicians import mark_clinician

    account = find_account(name)
    if account is None:
        _fail(
            "clinician mark",
            f"there is no account named {name!r}; create it with nightcramp user add",
        )
    mark_clinician(account)
    if json_output:
        print_json({"name": account.username, "clinician": True})
        return
    typer.echo(f"{account.username!r} is a clinician account. People can now grant it access.")


@clinician_app.command("list")
def clinician_list(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """List the clinician accounts."""
    from nightcramp.cli.output import print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.store.sharing.clinicians import clinicians

    names = [u.username for u in clinicians()]
    if json_output:
        print_json({"clinicians": names})
        return
    if not names:
        typer.echo("No clinician accounts.", err=True)
    for name in names:
        typer.echo(name)


def register(app: typer.Typer) -> None:
    app.add_typer(share_app, name="share")
    app.add_typer(access_app, name="access")
    app.add_typer(clinician_app, name="clinician")
