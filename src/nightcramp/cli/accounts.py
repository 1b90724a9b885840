"""`nightcramp user add|password|unlock|delete` and `nightcramp token create|list|revoke`."""

from __future__ import annotations

import sys

import typer

__all__ = ["register"]

user_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API tokens.", no_args_is_help=True)


def _read_password(from_stdin: bool) -> str:
    from nightcramp.cli.output import EXIT_USAGE, fail

    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            fail("nightcramp: no password on standard input", EXIT_USAGE)
        try:
            password.encode("utf-8")
        except UnicodeEncodeError:
            fail("nightcramp: password: the password on standard input is not UTF-8 text")
        return password
    if not sys.stdin.isatty():
        fail("nightcramp: give the password with --password-stdin", EXIT_USAGE)
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="The account's name (used to log in)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    clinician: bool = typer.Option(
        False, "--clinician", help="A clinician's account: people may grant it read access."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Create an account. Once one exists, the app asks everyone to log in."""
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import setup_django

    password = _read_password(password_stdin)
    setup_django()
    from django.contrib.auth.models import User

    from nightcramp.core.errors import InputError
    from nightcramp.store.account.local import LOCAL_USERNAME, has_accounts
    from nightcramp.store.account.people import create_account

    adopts = not has_accounts() and User.objects.filter(username=LOCAL_USERNAME).exists()
    try:
        user = create_account(name, password)
    except InputError as error:
        fail(f"nightcramp: {error}")
    if clinician:  # see docs/sharing.md
        from nightcramp.store.sharing.clinicians import mark_clinician

        mark_clinician(user)
    if json_output:
        print_json({"name": user.username, "created": True, "kept_local_diary": adopts})
        return
    typer.echo(f"Account {user.username!r} created. Log in at /account/login/.")
    if adopts:
        typer.echo("The diary you kept without an account now belongs to this account.")


def _no_account(name: str) -> str:
    return f"nightcramp: there is no account named {name!r}; create it with nightcramp user add"


@user_app.command("password")
def user_password(
    name: str = typer.Argument(..., help="The account whose password to set."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the new password from the first line of stdin."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Set a new password for NAME (for a forgotten one, too).

    The person is logged out everywhere and any login lockout on the name is lifted. API
    tokens keep working; revoke them with `nightcramp token revoke`.
    """
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import setup_django

    password = _read_password(password_stdin)
    setup_django()
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.passwords import set_password
    from nightcramp.store.account.people import find_account

    user = find_account(name)
    if user is None:
        fail(_no_account(name))
    try:
        ended = set_password(user, password)
    except InputError as error:
        fail(f"nightcramp: {error}")
    if json_output:
        print_json({"name": user.username, "changed": True, "sessions_ended": ended})
        return
    typer.echo(f"New password set for {user.username!r}. They log in again everywhere.")


@user_app.command("unlock")
def user_unlock(
    name: str = typer.Argument(..., help="The name that was locked out after wrong passwords."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Let NAME log in again now, after too many wrong passwords (from any address)."""
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.store.account.lockout import unlock
    from nightcramp.store.account.people import find_account

    removed = unlock(name)
    if not removed and find_account(name) is None:
        fail(_no_account(name))
    if json_output:
        print_json({"name": name, "unlocked": removed > 0})
    elif removed:
        typer.echo(f"{name!r} can log in again now.")
    else:
        typer.echo(f"{name!r} was not locked out; nothing to do.")


CONFIRM_DELETE = (
    "Delete account {name} and all its records? This cannot be undone. Type the name to confirm:"
)


def _confirm_delete(name: str) -> None:
    """Ask for the account's name at a terminal; refuse without one (scripts give --yes)."""
    from nightcramp.cli.output import EXIT_USAGE, fail

    if not sys.stdin.isatty():
        fail(
            "nightcramp: deleting an account cannot be undone; add --yes to confirm "
            "when no one is at a terminal",
            EXIT_USAGE,
        )
    typed = typer.prompt(
        CONFIRM_DELETE.format(name=name), default="", show_default=False, prompt_suffix=" "
    )
    if str(typed).strip() != name:
        fail("nightcramp: the name did not match; nothing was deleted")


LAST_ACCOUNT_GONE = (
    "nightcramp: that was the last account. A server on a loopback address, also one behind a"
    " proxy, now lets everyone who reaches it in without a log-in, as one local person. If"
    " anyone else can reach it, add an account now: nightcramp user add NAME --password-stdin"
)


@user_app.command("delete")
def user_delete(
    name: str = typer.Argument(..., help="The account to delete, with everything it holds."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask; needed when not at a terminal."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Delete NAME's account and everything it holds. This cannot be undone.

    That is the diary, profile, medicines, plan, triage history, experiments, share links and
    their access log, grants given or received, calendar feeds, API tokens and log-ins. Export
    the diary first if the person wants it. When a clinician's account goes, the access logs of
    the people they looked at keep the clinician's name.
    """
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.core.errors import InputError
    from nightcramp.store.account.people import delete_account, find_account

    if find_account(name) is None:
        fail(f"nightcramp: there is no account named {name!r}; nothing was deleted")
    if not yes:
        _confirm_delete(name)
    try:
        deleted = delete_account(name)
    except InputError as error:
        fail(f"nightcramp: {error}")
    from nightcramp.store.account.local import has_accounts

    if not has_accounts():
        typer.echo(LAST_ACCOUNT_GONE, err=True)
    if json_output:
        print_json({"user": name, "deleted": deleted})
        return
    typer.echo(f"Account {name!r} deleted.")
    removed = [(kind, count) for kind, count in deleted.items() if count and kind != "account"]
    if removed:
        typer.echo("Removed with it:")
    for kind, count in removed:
        typer.echo(f"  {kind.replace('_', ' ')}: {count}")


@token_app.command("create")
def token_create(
    name: str = typer.Argument(..., help="The account the token acts for."),
    label: str = typer.Option("", help="A note to tell tokens apart, e.g. 'phone'."),
    scope: str = typer.Option(
        "write",
        "--scope",
        metavar="read|write",
        help="read: the token may only look; write: it may also add, change and delete.",
    ),
    json_output: bool = typer.Option(False, "--json", help='Print {"token": "…"}.'),
) -> None:
    """Print a new API token for NAME. It is shown once; only its hash is stored."""
    from nightcramp.cli.output import EXIT_USAGE, fail, print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.store.account.models import TokenScope
    from nightcramp.store.account.people import find_account
    from nightcramp.store.account.tokens import issue_token

    if scope not in TokenScope.values:
        fail(f"nightcramp: --scope must be one of {', '.join(TokenScope.values)}", EXIT_USAGE)
    user = find_account(name)
    if user is None:
        fail(_no_account(name))
    token = issue_token(user, label=label[:100], scope=scope)
    if json_output:
        print_json({"token": token})
    else:
        typer.echo(token)
        typer.echo(
            "Keep it secret. Send it as 'Authorization: Bearer TOKEN'. It will not be shown again.",
            err=True,
        )


@token_app.command("revoke")
def token_revoke(
    token: str = typer.Argument(
        ..., help="The token, or its first 11 characters (nc_ and 8 more) as `token list` shows."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Revoke a token: requests that send it are refused from now on."""
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.store.account.tokens import revoke_token

    revoked = revoke_token(token)
    if json_output:
        print_json({"revoked": revoked})
    if not revoked:
        fail("nightcramp: no live token matches that")
    if not json_output:
        typer.echo(f"Revoked {revoked} token{'s' if revoked != 1 else ''}.")


@token_app.command("list")
def token_list(
    name: str = typer.Argument(..., help="The account whose tokens to list."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """List an account's tokens (their hints, never the tokens themselves)."""
    from nightcramp.cli.output import fail, print_json
    from nightcramp.cli.setup import setup_django

    setup_django()
    from nightcramp.store.account.people import find_account
    from nightcramp.store.account.tokens import tokens_of

    user = find_account(name)
    if user is None:
        fail(_no_account(name))
    tokens = [
        {
            "hint": f"nc_{row.hint}",
            "label": row.label,
            "scope": row.scope,
            "created": row.created.isoformat(),
            "last_used": None if row.last_used is None else row.last_used.isoformat(),
            "revoked": row.revoked_at is not None,
        }
        for row in tokens_of(user)
    ]
    if json_output:
        print_json({"tokens": tokens})
        return
    if not tokens:
        fail(f"nightcramp: {name!r} has no tokens")
    for token in tokens:
        state = "revoked" if token["revoked"] else "live"
        typer.echo(
            f"{token['hint']}…  {state}  {token['scope']}  {token['label']}"
            f"  created {token['created']}"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
