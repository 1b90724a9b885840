"""`nightcramp serve`: the web app and JSON API behind gunicorn, after migrating the database."""

from __future__ import annotations

import os

import typer

from nightcramp.config import is_loopback

__all__ = ["lan_address", "phone_lines", "register"]

_PHONE_DOC = "docs/phone.md"


def lan_address() -> str | None:
    """This machine's address on the home network (the one its default route uses), or None."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: no packet is sent
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if is_loopback(address) or address == "0.0.0.0" else address


def phone_lines(base_url: str | None, host: str, port: int, lan: str | None) -> list[str]:
    """What `serve` says about opening nightcramp on a phone: the address to use, and HTTPS."""
    if base_url:
        return [f"On a phone, open: {base_url}/"]
    if is_loopback(host):
        return [
            "A phone cannot reach this address. To use nightcramp on a phone, put HTTPS in front",
            f"of it and set NIGHTCRAMP_BASE_URL (see {_PHONE_DOC}).",
        ]
    name = lan if host in {"0.0.0.0", "::"} else host
    if not name:
        return [f"To use nightcramp on a phone, see {_PHONE_DOC}."]
    shown = f"[{name}]" if ":" in name else name
    return [
        f"On a phone on the same network: http://{shown}:{port}/",
        "Plain http works, but the phone keeps no offline copy and cannot save cramps with no",
        f"network. Put HTTPS in front and set NIGHTCRAMP_BASE_URL (see {_PHONE_DOC}).",
    ]


def _check_can_listen(host: str, port: int) -> None:
    """Exit 1 with a clear message when `host`:`port` cannot be listened on (e.g. in use)."""
    import socket

    from nightcramp.cli.output import fail

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        reason = error.strerror or str(error)
        fail(f"nightcramp: cannot listen on {host} port {port}: {reason}")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(2, min=1, max=64, help="Worker processes."),
) -> None:
    """Run the web app and JSON API on the embedded default, migrating the database first."""
    from nightcramp.cli.setup import cli_config, setup_django
    from nightcramp.config import DEFAULT_ALLOWED_HOSTS

    loopback = is_loopback(host)
    hosts = cli_config().allowed_hosts
    own_hosts = hosts != DEFAULT_ALLOWED_HOSTS
    # The web settings read these back through nightcramp.config when Django starts, here and
    # in gunicorn's workers (which inherit the environment).
    os.environ["NIGHTCRAMP_SERVE_LOOPBACK"] = "1" if loopback else "0"
    if not loopback and host not in {"0.0.0.0", "::"} and host not in hosts:
        os.environ["NIGHTCRAMP_ALLOWED_HOSTS"] = ",".join(
            dict.fromkeys((*hosts, host, "127.0.0.1", "localhost"))
        )
    config = setup_django()
    from nightcramp.store.account.local import has_accounts

    if not loopback and not has_accounts():
        from nightcramp.cli.output import fail

        fail(
            f"nightcramp: refusing to serve on {host}: no account exists yet.\n"
            "Create one first with: nightcramp user add NAME --password-stdin"
        )
    _check_can_listen(host, port)
    from nightcramp.web.server import run_server

    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"nightcramp is running at http://{shown}:{port}/  (data in {config.home})")
    lan = lan_address() if host in {"0.0.0.0", "::"} else None
    for line in phone_lines(config.base_url, host, port, lan):
        typer.echo(line)
    typer.echo("Press Ctrl-C to stop.")
    if host in {"0.0.0.0", "::"} and not own_hosts:
        typer.echo(
            "Only requests to 127.0.0.1 or localhost are accepted. To reach it by another name "
            "or address, set NIGHTCRAMP_ALLOWED_HOSTS (e.g. NIGHTCRAMP_ALLOWED_HOSTS=nas.local).",
            err=True,
        )
    run_server(host=host, port=port, workers=workers)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
