"""Reads nightcramp's settings from the environment, once, into a frozen value.

No Django import here: the CLI and the web settings both use it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Config", "ConfigError", "ensure_home", "load_config", "secret_key"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


class ConfigError(ValueError):
    """A setting in the environment is invalid; the message names the variable."""


@dataclass(frozen=True)
class Config:
    """Settings for one process."""

    home: Path
    database_url: str | None
    allowed_hosts: tuple[str, ...]
    debug: bool
    timezone: str
    emergency_number: str

    @property
    def sqlite_path(self) -> Path:
        return self.home / "nightcramp.sqlite3"

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url is None or self.database_url.startswith("sqlite")


def _bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use true or false)")


def _home(environ: Mapping[str, str]) -> Path:
    raw = environ.get("NIGHTCRAMP_HOME")
    if raw:
        path = Path(raw).expanduser()
        if path.exists() and not path.is_dir():
            raise ConfigError(f"NIGHTCRAMP_HOME={raw!r} exists and is not a directory")
        return path
    from platformdirs import user_data_dir

    return Path(user_data_dir("nightcramp"))


def _database_url(environ: Mapping[str, str]) -> str | None:
    raw = environ.get("NIGHTCRAMP_DATABASE_URL", "").strip()
    if not raw:
        return None
    scheme = raw.split(":", 1)[0].lower()
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigError(
            f"NIGHTCRAMP_DATABASE_URL has scheme {scheme!r}; use postgresql://… or sqlite:///…"
        )
    return raw


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Return the settings from `environ` (default: the process environment).

    Raises ConfigError naming the variable when a value is invalid.
    """
    env = os.environ if environ is None else environ
    hosts_raw = env.get("NIGHTCRAMP_ALLOWED_HOSTS", "")
    hosts = tuple(h.strip() for h in hosts_raw.split(",") if h.strip()) or _LOOPBACK
    tz = _timezone(env)
    return Config(
        home=_home(env),
        database_url=_database_url(env),
        allowed_hosts=hosts,
        debug=_bool(env, "NIGHTCRAMP_DEBUG", False),
        timezone=tz,
        emergency_number=env.get("NIGHTCRAMP_EMERGENCY_NUMBER", "").strip() or "999 / 911 / 112",
    )


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _timezone(environ: Mapping[str, str]) -> str:
    raw = environ.get("NIGHTCRAMP_TIME_ZONE", "").strip()
    if raw:
        if not _known_zone(raw):
            raise ConfigError(
                f"NIGHTCRAMP_TIME_ZONE={raw!r} is not a known time zone (e.g. Europe/London)"
            )
        return raw
    local = _local_timezone()
    return local if _known_zone(local) else "UTC"


def _local_timezone() -> str:
    tz = os.environ.get("TZ", "").strip()
    if tz and not tz.startswith(":"):
        return tz
    try:
        link = Path("/etc/localtime").resolve()
        parts = link.parts
        if "zoneinfo" in parts:
            return "/".join(parts[parts.index("zoneinfo") + 1 :])
    except OSError:
        pass
    return "UTC"


def ensure_home(config: Config) -> Path:
    """Create the data directory if needed and return it."""
    config.home.mkdir(parents=True, exist_ok=True)
    return config.home


def secret_key(config: Config) -> str:
    """Return the Django secret key, generating it into the data directory on first use."""
    path = ensure_home(config) / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    try:
        os.link(tmp, path)  # first writer wins when two processes race
    except FileExistsError:
        tmp.unlink()
        return path.read_text(encoding="utf-8").strip()
    tmp.unlink()
    return key
