"""Reads nightcramp's settings from the environment, once, into a read-only value.

This is the only module that reads `os.environ`: the web settings and the CLI both take their
values from `load_config()`, and pass what the core needs (reminder times, the locale for the
paper size) in as values. A bad value raises ConfigError naming the variable and the values it
accepts; nothing falls back silently. An unset or empty variable keeps its default
(docs/configuration.md lists every variable).

`nightcramp now` reads its settings before it prints its first line, so importing this module
and calling `load_config()` must cost next to nothing: only `os` is imported up front (no
dataclasses, pathlib, re, datetime or zoneinfo unless a value needs them; never Django or
pydantic). Nothing here writes to disk except `ensure_home`, `prepare_home` and `secret_key`,
which the commands that start Django call.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # as in typing, without importing it
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping
    from pathlib import Path

    from nightcramp.core.help_lines import HelpLines
    from nightcramp.core.plan.reminders import ReminderTimes
    from nightcramp.core.report.paper import Paper
    from nightcramp.core.triage.services import Services

__all__ = [
    "BOOLEAN_VALUES",
    "DEFAULT_ALLOWED_HOSTS",
    "LOCALE_VARIABLES",
    "Config",
    "ConfigError",
    "ensure_home",
    "inherited_environment",
    "load_config",
    "prepare_home",
    "secret_key",
]

DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
BOOLEAN_VALUES = ", ".join(_TRUE + _FALSE)
# The locale variables read. LC_ALL wins over the category's own variable, LANG comes last.
LOCALE_VARIABLES = ("LC_ALL", "LC_PAPER", "LC_TELEPHONE", "LANG")
_DATABASE_SCHEMES = ("postgresql", "postgres", "pgsql", "sqlite")
_REDIS_SCHEMES = ("redis", "rediss", "unix")
_DIGITS = frozenset("0123456789")
_HOST_NAME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
_IPV6 = frozenset("0123456789abcdefABCDEF:.")


class ConfigError(ValueError):
    """A setting in the environment is invalid; the message names the variable."""


class Config:
    """Settings for one process, read from the environment by `load_config`; read-only.

    A plain class, not a dataclass: `dataclasses` (through `inspect`) would cost more than all
    the rest of `nightcramp now`'s start-up.
    """

    __slots__ = (
        "allowed_hosts",
        "base_url",
        "behind_proxy",
        "country",
        "database_url",
        "debug",
        "emergency_number",
        "home_dir",
        "locale",
        "no_color",
        "redis_url",
        "reminder_bedtime",
        "reminder_checkin",
        "reminder_water",
        "serve_loopback",
        "timezone",
    )
    allowed_hosts: tuple[str, ...]
    # NIGHTCRAMP_BASE_URL: the address people use ("https://cramps.home.arpa"), no trailing
    # slash; None: links are made from the address each request came to.
    base_url: str | None
    behind_proxy: bool
    # The country of the locale (ISO 3166, "GB"; "" when the locale names none): it decides the
    # emergency number and the health line (content/triage/services.toml).
    country: str
    database_url: str | None
    debug: bool
    # NIGHTCRAMP_EMERGENCY_NUMBER, else the country's number from the services table.
    emergency_number: str
    # NIGHTCRAMP_HOME as given (None: the platform's user data directory); see `home`.
    home_dir: str | None
    # The locale variables that are set, as (name, value) pairs in LOCALE_VARIABLES order.
    locale: tuple[tuple[str, str], ...]
    no_color: bool
    # NIGHTCRAMP_REDIS_URL: the shared cache of several app servers; None: no cache at all.
    redis_url: str | None
    # None: the core's default (see `reminder_times`); an empty `reminder_water`: no water.
    reminder_bedtime: dt.time | None
    reminder_checkin: dt.time | None
    reminder_water: tuple[dt.time, ...] | None
    serve_loopback: bool
    timezone: str

    def __init__(
        self,
        *,
        home_dir: str | os.PathLike[str] | None = None,
        database_url: str | None = None,
        allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS,
        base_url: str | None = None,
        debug: bool = False,
        timezone: str = "UTC",
        country: str = "",
        emergency_number: str | None = None,
        behind_proxy: bool = False,
        serve_loopback: bool = True,
        no_color: bool = False,
        redis_url: str | None = None,
        reminder_checkin: dt.time | None = None,
        reminder_bedtime: dt.time | None = None,
        reminder_water: tuple[dt.time, ...] | None = None,
        locale: tuple[tuple[str, str], ...] = (),
    ) -> None:
        values: dict[str, object] = {
            "home_dir": None if home_dir is None else os.fspath(home_dir),
            "database_url": database_url,
            "allowed_hosts": tuple(allowed_hosts),
            "base_url": base_url,
            "debug": debug,
            "timezone": timezone,
            "country": country,
            "emergency_number": emergency_number or _table_emergency_number(country),
            "behind_proxy": behind_proxy,
            "serve_loopback": serve_loopback,
            "no_color": no_color,
            "redis_url": redis_url,
            "reminder_checkin": reminder_checkin,
            "reminder_bedtime": reminder_bedtime,
            "reminder_water": reminder_water,
            "locale": tuple(locale),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Config is read-only: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Config is read-only: cannot delete {name}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Config):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Config({fields})"

    @property
    def home(self) -> Path:
        """The data directory: NIGHTCRAMP_HOME, else the platform's user data directory."""
        from pathlib import Path

        if self.home_dir is not None:
            return Path(self.home_dir)
        from platformdirs import user_data_dir

        return Path(user_data_dir("nightcramp"))

    @property
    def sqlite_path(self) -> Path:
        return self.home / "nightcramp.sqlite3"

    @property
    def static_root(self) -> Path:
        return self.home / "static"

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url is None or self.database_url.startswith("sqlite")

    @property
    def paper(self) -> Paper:
        """The report's paper size for the locale (Letter in North and Central America)."""
        from nightcramp.core.report.paper import paper_for_locale

        return paper_for_locale(dict(self.locale))

    @property
    def help_lines(self) -> HelpLines:
        """The same as `services`, from the standard library only (for `nightcramp now`)."""
        from nightcramp.core.help_lines import help_lines_for

        return help_lines_for(self.country, self.emergency_number)

    @property
    def services(self) -> Services:
        """Where to call from here: the emergency number (as set) and the health line for today."""
        from nightcramp.core.triage.services import services_for

        return services_for(self.country, self.emergency_number)

    @property
    def reminder_times(self) -> ReminderTimes:
        """The reminder times: the ones set here, the core's defaults for the rest."""
        from nightcramp.core.plan.reminders import ReminderTimes

        default = ReminderTimes()
        return ReminderTimes(
            bedtime=default.bedtime if self.reminder_bedtime is None else self.reminder_bedtime,
            checkin=default.checkin if self.reminder_checkin is None else self.reminder_checkin,
            water=default.water if self.reminder_water is None else self.reminder_water,
        )


def is_loopback(host: str) -> bool:
    """True when `host` (a name or an address, IPv6 in brackets or not) names only this machine:
    127.0.0.0/8, ::1 or localhost."""
    name = host.strip("[]").rstrip(".")
    if name == "localhost":
        return True
    import ipaddress  # here, not at the top: `nightcramp now` reads this module before step 1

    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def inherited_environment() -> dict[str, str]:
    """A copy of this process's environment, for a program it starts (pg_dump, psql).

    Settings are read by `load_config`; this is only what a child process inherits (PATH,
    locale, a libpq password file), so that no other module reads `os.environ`.
    """
    return dict(os.environ)


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Return the settings from `environ` (default: the process environment).

    Raises ConfigError naming the variable and the accepted values when a value is invalid.
    """
    env = os.environ if environ is None else environ
    locale = tuple((name, env[name]) for name in LOCALE_VARIABLES if env.get(name))
    return Config(
        country=_country(env, dict(locale)),
        home_dir=_home(env),
        database_url=_database_url(env),
        redis_url=_redis_url(env),
        allowed_hosts=_allowed_hosts(env),
        base_url=_base_url(env),
        debug=_bool(env, "NIGHTCRAMP_DEBUG", default=False),
        timezone=_timezone(env),
        emergency_number=_emergency_number(env),
        behind_proxy=_bool(env, "NIGHTCRAMP_BEHIND_PROXY", default=False),
        serve_loopback=_bool(env, "NIGHTCRAMP_SERVE_LOOPBACK", default=True),
        # https://no-color.org: present and not empty, whatever the value, means no colour.
        no_color=bool(env.get("NO_COLOR")),
        reminder_checkin=_time_of_day(env, "NIGHTCRAMP_REMINDER_CHECKIN"),
        reminder_bedtime=_time_of_day(env, "NIGHTCRAMP_REMINDER_BEDTIME"),
        reminder_water=_water_times(env),
        locale=locale,
    )


def _quoted(raw: str) -> str:
    """`raw` in double quotes on one line (control characters escaped)."""
    text = raw.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return f'"{text}"'


def _invalid(name: str, accepted: str, got: str) -> ConfigError:
    return ConfigError(f"{name} must be {accepted} (got {got})")


def _bool(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = environ.get(name, "")
    value = raw.strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise _invalid(name, f"one of {BOOLEAN_VALUES}", _quoted(raw))


def _home(environ: Mapping[str, str]) -> str | None:
    raw = environ.get("NIGHTCRAMP_HOME", "")
    if not raw.strip():
        return None
    # os.path, not pathlib: this runs on `nightcramp now`'s path (see the module docstring).
    path = os.path.expanduser(raw)  # noqa: PTH111
    if os.path.exists(path) and not os.path.isdir(path):  # noqa: PTH110, PTH112
        raise _invalid(
            "NIGHTCRAMP_HOME",
            "a directory, or a path where one can be created",
            f"{_quoted(raw)}, which is a file",
        )
    return path


def _database_url(environ: Mapping[str, str]) -> str | None:
    raw = environ.get("NIGHTCRAMP_DATABASE_URL", "").strip()
    if not raw:
        return None
    accepted = "a postgresql://USER:PASSWORD@HOST:PORT/NAME or sqlite:////absolute/path URL"
    scheme, sep, _ = raw.partition("://")
    # The value may hold a password: the message shows the scheme at most.
    if not sep:
        raise _invalid("NIGHTCRAMP_DATABASE_URL", accepted, "a value that is not a URL")
    if scheme.lower() not in _DATABASE_SCHEMES:
        raise _invalid(
            "NIGHTCRAMP_DATABASE_URL", accepted, f"a URL with scheme {_quoted(scheme[:20])}"
        )
    return raw


def _redis_url(environ: Mapping[str, str]) -> str | None:
    """NIGHTCRAMP_REDIS_URL: redis://, rediss:// (TLS) or unix:// (a socket), as django-redis
    takes it; None when unset."""
    raw = environ.get("NIGHTCRAMP_REDIS_URL", "").strip()
    if not raw:
        return None
    scheme, sep, rest = raw.partition("://")
    if not (sep and scheme.lower() in _REDIS_SCHEMES and rest):
        # The value may hold a password: the message shows the scheme at most.
        got = f"a URL with scheme {_quoted(scheme[:20])}" if sep else "a value that is not a URL"
        raise _invalid(
            "NIGHTCRAMP_REDIS_URL",
            "a redis://[:PASSWORD@]HOST:PORT/DB, rediss://… or unix:///path/to/redis.sock URL",
            got,
        )
    return raw


def _is_host(host: str) -> bool:
    """A name ("nas.local"; ".example.org" for its subdomains too), an address or "*"."""
    if host == "*":
        return True
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
        return ":" in host and set(host) <= _IPV6
    if ":" in host:
        return set(host) <= _IPV6
    name = host.removeprefix(".").removesuffix(".")
    return bool(name) and set(name) <= _HOST_NAME and ".." not in name and name[0] != "."


def _allowed_hosts(environ: Mapping[str, str]) -> tuple[str, ...]:
    raw = environ.get("NIGHTCRAMP_ALLOWED_HOSTS", "")
    if not raw.strip():
        return DEFAULT_ALLOWED_HOSTS
    hosts = tuple(h.strip() for h in raw.split(","))
    if not all(_is_host(h) for h in hosts):
        raise _invalid(
            "NIGHTCRAMP_ALLOWED_HOSTS",
            "host names or IP addresses separated by commas, e.g. nas.local,192.168.1.20",
            _quoted(raw),
        )
    return tuple(dict.fromkeys(hosts))


def _base_url(environ: Mapping[str, str]) -> str | None:
    """NIGHTCRAMP_BASE_URL: http(s)://HOST[:PORT][/PATH], without a query; no trailing slash."""
    raw = environ.get("NIGHTCRAMP_BASE_URL", "")
    value = raw.strip().rstrip("/")
    if not value:
        return None
    scheme, sep, rest = value.partition("://")
    netloc, _, path = rest.partition("/")
    if netloc.startswith("["):
        host, _, port = netloc.partition("]")
        host, port = host + "]", port.removeprefix(":")
    else:
        host, _, port = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
    good = (
        sep
        and scheme.lower() in {"http", "https"}
        and _is_host(host)
        and host != "*"
        and not host.startswith(".")
        and (not port or (set(port) <= _DIGITS and 0 < int(port) < 65536))
        and not netloc.endswith(":")
        and not set(path) & set("?#@ \t\n")
    )
    if not good:
        raise _invalid(
            "NIGHTCRAMP_BASE_URL",
            "the address people open, like https://cramps.home.arpa or https://nas.local:8443",
            _quoted(raw),
        )
    return f"{scheme.lower()}://{netloc}" + (f"/{path}" if path else "")


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
            raise _invalid(
                "NIGHTCRAMP_TIME_ZONE",
                "an IANA time zone name such as Europe/London or America/New_York",
                _quoted(raw),
            )
        return raw
    tz = environ.get("TZ", "").strip()
    if tz:
        name = _zone_of_tz(tz)
        if name is None or not _known_zone(name):
            raise _invalid(
                "TZ",
                "an IANA time zone name such as Europe/London (or set NIGHTCRAMP_TIME_ZONE)",
                _quoted(tz),
            )
        return name
    return _zone_of_file("/etc/localtime") or "UTC"


def _zone_of_tz(tz: str) -> str | None:
    """The zone in a TZ value: "Europe/Paris", ":Europe/Paris" or ":/…/zoneinfo/Europe/Paris"."""
    value = tz.removeprefix(":")
    return _zone_of_file(value) if value.startswith("/") else value


def _zone_of_file(path: str) -> str | None:
    """The zone name of a zone file such as /etc/localtime, from where it (or its link) lies.

    A file of the system's zone database is a valid zone by construction, so this does not load
    zoneinfo (on `nightcramp now`'s path); None when the file is not in a zoneinfo directory.
    """
    target = os.path.realpath(path)
    _, marker, name = target.partition("/zoneinfo/")
    return name if marker and name and os.path.isfile(target) else None  # noqa: PTH113


def _country(environ: Mapping[str, str], locale: Mapping[str, str]) -> str:
    """NIGHTCRAMP_COUNTRY (two letters, ISO 3166) if set, else the country of the locale."""
    raw = environ.get("NIGHTCRAMP_COUNTRY", "")
    value = raw.strip().upper()
    if not value:
        return _locale_country(locale, "LC_TELEPHONE")
    if len(value) != 2 or not (value.isascii() and value.isalpha()):
        raise _invalid(
            "NIGHTCRAMP_COUNTRY",
            "a two-letter country code (ISO 3166), e.g. GB, US, AU or DE",
            _quoted(raw),
        )
    return value


def _locale_country(locale: Mapping[str, str], category: str) -> str:
    """The country of the first of LC_ALL, `category` and LANG that names a locale other than
    C or POSIX, as the core's paper size reads it ("" when none does)."""
    for name in ("LC_ALL", category, "LANG"):
        value = locale.get(name, "")
        if value and value not in {"C", "POSIX"} and not value.startswith("C."):
            return value.split(".")[0].split("@")[0].partition("_")[2].upper()
    return ""


def _table_emergency_number(country: str) -> str:
    """The emergency number of `country` in the services table (112 when it is not listed)."""
    # Standard library and a marshal copy only: cheap enough for `nightcramp now`.
    from nightcramp.core.help_lines import help_lines_for

    return help_lines_for(country).emergency_number


def _emergency_number(environ: Mapping[str, str]) -> str | None:
    """NIGHTCRAMP_EMERGENCY_NUMBER as set (None when unset: the country's number is used)."""
    raw = environ.get("NIGHTCRAMP_EMERGENCY_NUMBER", "")
    value = raw.strip()
    if not value:
        return None
    digits = value.removeprefix("+")
    if not (2 <= len(digits) <= 15 and set(digits) <= _DIGITS):
        raise _invalid(
            "NIGHTCRAMP_EMERGENCY_NUMBER",
            "one phone number of 2 to 15 digits, optionally after a +, e.g. 112 or 911",
            _quoted(raw),
        )
    return value


def _parse_time(raw: str) -> dt.time | None:
    """A time of day written H:MM or HH:MM (24-hour clock), or None."""
    hours, colon, minutes = raw.strip().partition(":")
    if not (colon and 1 <= len(hours) <= 2 and len(minutes) == 2):
        return None
    if not set(hours + minutes) <= _DIGITS or int(hours) > 23 or int(minutes) > 59:
        return None
    import datetime as dt

    return dt.time(int(hours), int(minutes))


def _time_of_day(environ: Mapping[str, str], name: str) -> dt.time | None:
    raw = environ.get(name, "")
    if not raw.strip():
        return None
    at = _parse_time(raw)
    if at is None:
        raise _invalid(name, "a time of day HH:MM on the 24-hour clock, e.g. 22:00", _quoted(raw))
    return at


def _water_times(environ: Mapping[str, str]) -> tuple[dt.time, ...] | None:
    name = "NIGHTCRAMP_REMINDER_WATER"
    raw = environ.get(name, "")
    if not raw.strip():
        return None
    if raw.strip().lower() == "none":
        return ()
    times = [_parse_time(part) for part in raw.split(",")]
    if any(at is None for at in times):
        raise _invalid(
            name,
            "none, or times of day HH:MM separated by commas, e.g. 10:00,14:00,17:00",
            _quoted(raw),
        )
    return tuple(sorted({at for at in times if at is not None}))


def ensure_home(config: Config) -> Path:
    """Create the data directory if needed and return it."""
    home = config.home
    home.mkdir(parents=True, exist_ok=True)
    return home


def prepare_home(config: Config) -> None:
    """Create what the web app needs in the data directory: the directory, the folder for static
    files and the secret key. The commands that start Django call it; no import does."""
    ensure_home(config)
    config.static_root.mkdir(exist_ok=True)
    secret_key(config)


def secret_key(config: Config) -> str:
    """Return the Django secret key, generating it into the data directory on first use."""
    import secrets

    path = ensure_home(config) / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    # A private temporary file per process, then a hard link: the first writer wins a race, and
    # every process uses the key that is on disk.
    tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(key)
        try:
            os.link(tmp, path)
        except FileExistsError:
            existing = path.read_text(encoding="utf-8").strip()
            if existing:
                return existing
            tmp.replace(path)  # an empty file (an interrupted first run): replace it
    finally:
        tmp.unlink(missing_ok=True)
    return key
