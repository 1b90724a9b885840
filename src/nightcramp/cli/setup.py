"""Boots Django for the commands that need the database, creating and migrating it on first use."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

from nightcramp.config import Config, ConfigError, load_config, prepare_home

__all__ = ["cli_config", "redact_url", "setup_django", "start_command"]


# The settings of the command being run: set by the root callback at its start (each run, so
# a test that runs commands one after another with other environments sees each one's own).
_COMMAND_CONFIG: ContextVar[Config | None] = ContextVar("nightcramp_command_config", default=None)


def start_command() -> Config:
    """Read the settings for a new command run and keep them for `cli_config`.

    A bad value exits 1 with one line naming the variable and the values it accepts.
    """
    try:
        config = load_config()
    except ConfigError as error:
        _fail(str(error))
    _COMMAND_CONFIG.set(config)
    return config


def cli_config() -> Config:
    """This command's settings, read from the environment once per command run."""
    config = _COMMAND_CONFIG.get()
    return start_command() if config is None else config


def local_zone() -> dt.tzinfo:
    """The site's time zone: a cramp's start written without an offset in a file a command
    reads is a time there, as `import` reads it (so that every start compares with every
    other)."""

    return zoneinfo.ZoneInfo(cli_config().timezone)


def redact_url(url: str) -> str:
    """Return `url` with any password replaced by `***`, safe to print."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        netloc = f"{user}:***@{host}{port}"
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        return "(the value could not be read as a URL)"


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0].strip()


def _fail(message: str) -> NoReturn:
    from nightcramp.cli.output import fail

    fail(f"nightcramp: {message}")


def _where(config: Config) -> str:
    if config.database_url:
        return f"NIGHTCRAMP_DATABASE_URL={redact_url(config.database_url)}"
    return f"the database in NIGHTCRAMP_HOME={str(config.home)!r}"


def setup_django(*, migrate: bool = True) -> Config:
    """Configure Django, create the data directory (and secret key) and apply migrations;
    return the settings.

    Exits with code 1 and a message naming the variable when the environment is invalid, the
    data directory cannot be created or the database cannot be reached.
    """
    config = cli_config()
    try:
        prepare_home(config)
    except OSError as error:
        _fail(
            f"NIGHTCRAMP_HOME={str(config.home)!r}: cannot create the data directory "
            f"({error.strerror or _first_line(error)})"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nightcramp.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ConfigError as error:
        _fail(str(error))
    except OSError as error:
        _fail(
            f"NIGHTCRAMP_HOME={str(config.home)!r}: cannot use the data directory "
            f"({error.strerror or _first_line(error)})"
        )
    except (ImproperlyConfigured, ValueError) as error:
        _fail(f"{_where(config)} is not usable: {_first_line(error)}")
    if migrate:
        _migrate(config)
    return config


def _migrate(config: Config) -> None:
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        with _migration_lock(config):
            call_command("migrate", interactive=False, verbosity=0)
    except (DatabaseError, ImproperlyConfigured, OSError) as error:
        _fail(f"cannot open {_where(config)}: {_first_line(error)}")


# Any fixed number: every nightcramp process asks PostgreSQL for the same advisory lock.
_PG_LOCK_ID = 0x6E63_6D67


@contextmanager
def _migration_lock(config: Config) -> Iterator[None]:
    """Let one process at a time migrate, so commands started together on first use all work."""
    from django.db import connection

    with _file_lock(config.home / ".migrate.lock"):
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_PG_LOCK_ID])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_PG_LOCK_ID])


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking is all we have
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
