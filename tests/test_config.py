"""nightcramp.config: every environment variable, its good values, its bad values and its default.

A bad value is a ConfigError whose one-line message names the variable and the values it
accepts; nothing falls back silently. Importing the Django settings creates nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from platformdirs import user_data_dir

from nightcramp import config as config_module
from nightcramp.config import (
    BOOLEAN_VALUES,
    DEFAULT_ALLOWED_HOSTS,
    Config,
    ConfigError,
    is_loopback,
    load_config,
    prepare_home,
    secret_key,
)
from nightcramp.core.plan.reminders import ReminderTimes
from nightcramp.core.report.paper import Paper
from nightcramp.core.triage.services import services_for

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment with only a data directory set (no locale, no TZ)."""
    return {"NIGHTCRAMP_HOME": str(tmp_path / "home")}


def _error(environ: dict[str, str]) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(environ)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _assert_names(message: str, name: str, raw: str) -> None:
    assert message.startswith(f"{name} must be "), message
    assert message.endswith(f'(got "{raw}")'), message


# Defaults ----------------------------------------------------------------------------------


def test_defaults(env: dict[str, str], tmp_path: Path) -> None:
    config = load_config(env)
    assert config.home == tmp_path / "home"
    assert config.sqlite_path == tmp_path / "home" / "nightcramp.sqlite3"
    assert config.static_root == tmp_path / "home" / "static"
    assert config.database_url is None
    assert config.uses_sqlite
    assert (
        config.allowed_hosts == DEFAULT_ALLOWED_HOSTS == ("127.0.0.1", "localhost", "::1", "[::1]")
    )
    assert config.debug is False
    assert config.behind_proxy is False
    assert config.serve_loopback is True
    assert config.no_color is False
    assert config.emergency_number == "112"
    assert (config.reminder_checkin, config.reminder_bedtime, config.reminder_water) == (None,) * 3
    assert config.reminder_times == ReminderTimes()
    assert config.reminder_times.bedtime == dt.time(22, 0)
    assert config.reminder_times.checkin == dt.time(21, 0)
    assert config.reminder_times.water == (dt.time(10), dt.time(14), dt.time(17))
    assert config.locale == ()
    assert config.paper is Paper.A4


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_variable_keeps_the_default(env: dict[str, str], empty: str) -> None:
    names = [
        "NIGHTCRAMP_DATABASE_URL",
        "NIGHTCRAMP_ALLOWED_HOSTS",
        "NIGHTCRAMP_TIME_ZONE",
        "NIGHTCRAMP_EMERGENCY_NUMBER",
        "NIGHTCRAMP_DEBUG",
        "NIGHTCRAMP_BEHIND_PROXY",
        "NIGHTCRAMP_SERVE_LOOPBACK",
        "NIGHTCRAMP_REMINDER_CHECKIN",
        "NIGHTCRAMP_REMINDER_BEDTIME",
        "NIGHTCRAMP_REMINDER_WATER",
        "TZ",
    ]
    assert load_config(env | dict.fromkeys(names, empty)) == load_config(env)


def test_the_config_is_read_only(env: dict[str, str]) -> None:
    config = load_config(env)
    with pytest.raises(AttributeError, match="read-only"):
        config.debug = True
    assert config == load_config(env)
    assert hash(config) == hash(load_config(env))
    assert "emergency_number='112'" in repr(config)


# NIGHTCRAMP_HOME ---------------------------------------------------------------------------


def test_home_comes_from_nightcramp_home(tmp_path: Path) -> None:
    config = load_config({"NIGHTCRAMP_HOME": str(tmp_path)})
    assert config.home == tmp_path
    assert config.sqlite_path == tmp_path / "nightcramp.sqlite3"
    assert config.database_url is None


def test_home_expands_the_user_directory() -> None:
    assert load_config({"NIGHTCRAMP_HOME": "~/nc-data"}).home == Path.home() / "nc-data"


def test_home_defaults_to_the_platform_data_directory() -> None:
    assert load_config({}).home == Path(user_data_dir("nightcramp"))


def test_a_home_that_is_a_file_names_the_variable(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    message = _error({"NIGHTCRAMP_HOME": str(target)})
    assert message.startswith("NIGHTCRAMP_HOME must be a directory")
    assert "which is a file" in message


def test_loading_the_config_creates_nothing(tmp_path: Path) -> None:
    load_config({"NIGHTCRAMP_HOME": str(tmp_path / "home")})
    assert list(tmp_path.iterdir()) == []


# NIGHTCRAMP_DATABASE_URL -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://nc:secret@db:5432/nc",
        "postgres://nc@db/nc",
        "pgsql://nc@db/nc",
        "sqlite:////var/lib/nc.sqlite3",
    ],
)
def test_a_database_url_is_kept(env: dict[str, str], url: str) -> None:
    config = load_config(env | {"NIGHTCRAMP_DATABASE_URL": url})
    assert config.database_url == url
    assert config.uses_sqlite is url.startswith("sqlite")


def test_a_database_url_with_an_unknown_scheme_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="NIGHTCRAMP_DATABASE_URL"):
        load_config({"NIGHTCRAMP_HOME": str(tmp_path), "NIGHTCRAMP_DATABASE_URL": "mysql://x"})


@pytest.mark.parametrize(
    ("url", "got"),
    [
        ("mysql://nc:s3cret@db/nc", 'a URL with scheme "mysql"'),
        ("nc:s3cret@db/nc", "a value that is not a URL"),
    ],
)
def test_a_bad_database_url_is_named_but_never_repeated(
    env: dict[str, str], url: str, got: str
) -> None:
    message = _error(env | {"NIGHTCRAMP_DATABASE_URL": url})
    assert message.startswith("NIGHTCRAMP_DATABASE_URL must be a postgresql://")
    assert "sqlite:///" in message
    assert message.endswith(f"(got {got})")
    assert "s3cret" not in message


# NIGHTCRAMP_ALLOWED_HOSTS ------------------------------------------------------------------


def test_allowed_hosts_are_a_comma_separated_list(env: dict[str, str]) -> None:
    raw = " nas.local, 192.168.1.20,.example.org,[fe80::1],::1,nas.local "
    config = load_config(env | {"NIGHTCRAMP_ALLOWED_HOSTS": raw})
    assert config.allowed_hosts == ("nas.local", "192.168.1.20", ".example.org", "[fe80::1]", "::1")
    assert load_config(env | {"NIGHTCRAMP_ALLOWED_HOSTS": "*"}).allowed_hosts == ("*",)


@pytest.mark.parametrize(
    "raw", ["nas local", "a,,b", "http://nas.local", "nas.local:8000", "nas..local", ",", "é.fr"]
)
def test_a_bad_host_list_names_the_variable(env: dict[str, str], raw: str) -> None:
    message = _error(env | {"NIGHTCRAMP_ALLOWED_HOSTS": raw})
    _assert_names(message, "NIGHTCRAMP_ALLOWED_HOSTS", raw.encode("unicode_escape").decode())
    assert "separated by commas" in message


# Yes/no variables --------------------------------------------------------------------------

BOOLEANS = {
    "NIGHTCRAMP_DEBUG": ("debug", False),
    "NIGHTCRAMP_BEHIND_PROXY": ("behind_proxy", False),
    "NIGHTCRAMP_SERVE_LOOPBACK": ("serve_loopback", True),
}


YES = [("1", True), ("true", True), ("Yes", True), (" ON ", True)]
NO = [("0", False), ("false", False), ("NO", False), ("off", False)]


@pytest.mark.parametrize("name", BOOLEANS)
@pytest.mark.parametrize(("raw", "value"), [*YES, *NO])
def test_yes_no_values(env: dict[str, str], name: str, raw: str, value: bool) -> None:
    attribute, _ = BOOLEANS[name]
    assert getattr(load_config(env | {name: raw}), attribute) is value


@pytest.mark.parametrize("name", BOOLEANS)
def test_yes_no_defaults(env: dict[str, str], name: str) -> None:
    attribute, default = BOOLEANS[name]
    assert getattr(load_config(env), attribute) is default


@pytest.mark.parametrize("name", BOOLEANS)
@pytest.mark.parametrize("raw", ["maybe", "2", "y", "enabled"])
def test_a_bad_yes_no_value_names_the_variable_and_the_accepted_values(
    env: dict[str, str], name: str, raw: str
) -> None:
    assert _error(env | {name: raw}) == (
        f'{name} must be one of 1, true, yes, on, 0, false, no, off (got "{raw}")'
    )


def test_the_behind_proxy_message_is_the_documented_one(env: dict[str, str]) -> None:
    assert BOOLEAN_VALUES == "1, true, yes, on, 0, false, no, off"
    assert _error(env | {"NIGHTCRAMP_BEHIND_PROXY": "maybe"}) == (
        'NIGHTCRAMP_BEHIND_PROXY must be one of 1, true, yes, on, 0, false, no, off (got "maybe")'
    )


def test_a_bad_value_with_control_characters_stays_on_one_line(env: dict[str, str]) -> None:
    message = _error(env | {"NIGHTCRAMP_DEBUG": 'a\nb"c'})
    assert message.endswith('(got "a\\nb\\"c")')


# NIGHTCRAMP_TIME_ZONE and TZ ---------------------------------------------------------------


def test_the_time_zone_comes_from_nightcramp_time_zone(env: dict[str, str]) -> None:
    config = load_config(env | {"NIGHTCRAMP_TIME_ZONE": "America/New_York", "TZ": "Asia/Tokyo"})
    assert config.timezone == "America/New_York"


@pytest.mark.parametrize("raw", ["Mars/Olympus_Mons", "CET-1CEST", "../etc/passwd"])
def test_a_bad_time_zone_names_the_variable(env: dict[str, str], raw: str) -> None:
    message = _error(env | {"NIGHTCRAMP_TIME_ZONE": raw})
    _assert_names(message, "NIGHTCRAMP_TIME_ZONE", raw)
    assert "Europe/London" in message


@pytest.mark.parametrize(
    ("tz", "zone"),
    [("Europe/Paris", "Europe/Paris"), (":Asia/Tokyo", "Asia/Tokyo"), ("UTC", "UTC")],
)
def test_tz_sets_the_time_zone_when_nightcramp_time_zone_is_unset(
    env: dict[str, str], tz: str, zone: str
) -> None:
    assert load_config(env | {"TZ": tz}).timezone == zone


def test_tz_can_name_a_zone_file(env: dict[str, str]) -> None:
    zone_file = Path("/usr/share/zoneinfo/Europe/Berlin")
    if not zone_file.is_file():
        pytest.skip("no system zone database")
    assert load_config(env | {"TZ": f":{zone_file}"}).timezone == "Europe/Berlin"


@pytest.mark.parametrize("tz", ["Mars/Base_Alpha", "CET-1CEST,M3.5.0,M10.5.0/3", ":/nowhere/zone"])
def test_a_bad_tz_is_an_error_not_utc(env: dict[str, str], tz: str) -> None:
    message = _error(env | {"TZ": tz})
    _assert_names(message, "TZ", tz)
    assert "NIGHTCRAMP_TIME_ZONE" in message


def test_a_bad_tz_does_not_matter_when_nightcramp_time_zone_is_set(env: dict[str, str]) -> None:
    config = load_config(env | {"TZ": "Mars/Base_Alpha", "NIGHTCRAMP_TIME_ZONE": "UTC"})
    assert config.timezone == "UTC"


def test_without_either_the_machine_zone_is_used(env: dict[str, str]) -> None:
    zone = load_config(env).timezone
    ZoneInfo(zone)  # a real zone
    if Path("/etc/localtime").is_symlink():
        assert str(Path("/etc/localtime").resolve()).endswith("/" + zone)


# NIGHTCRAMP_EMERGENCY_NUMBER and the locale ------------------------------------------------


@pytest.mark.parametrize("raw", ["999", "112", "000", "+4412345", " 911 "])
def test_the_emergency_number_is_one_dialable_number(env: dict[str, str], raw: str) -> None:
    config = load_config(env | {"NIGHTCRAMP_EMERGENCY_NUMBER": raw, "LANG": "en_US.UTF-8"})
    assert config.emergency_number == raw.strip()


@pytest.mark.parametrize(
    "raw", ["999 / 911 / 112", "call 112", "1", "1234567890123456", "++112", "11-2", "１１２"]
)
def test_a_bad_emergency_number_names_the_variable(env: dict[str, str], raw: str) -> None:
    message = _error(env | {"NIGHTCRAMP_EMERGENCY_NUMBER": raw})
    _assert_names(message, "NIGHTCRAMP_EMERGENCY_NUMBER", raw.encode("unicode_escape").decode())
    assert "digits" in message


@pytest.mark.parametrize(
    ("locale", "number"),
    [
        ({"LANG": "en_US.UTF-8"}, "911"),
        ({"LANG": "fr_CA.UTF-8"}, "911"),
        ({"LANG": "en_GB.UTF-8"}, "999"),
        ({"LANG": "en_AU.UTF-8"}, "000"),
        ({"LANG": "en_NZ.UTF-8"}, "111"),
        ({"LANG": "ja_JP.UTF-8"}, "119"),
        ({"LANG": "de_DE.UTF-8"}, "112"),
        ({"LANG": "de_DE@euro"}, "112"),
        ({"LANG": "C.UTF-8"}, "112"),
        ({"LANG": "POSIX"}, "112"),
        ({"LANG": "en"}, "112"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "en_US.UTF-8"}, "999"),
        ({"LC_TELEPHONE": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "911"),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "911"),
        ({"LC_PAPER": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "112"),
    ],
)
def test_without_the_variable_the_number_comes_from_the_locale(
    env: dict[str, str], locale: dict[str, str], number: str
) -> None:
    assert load_config(env | locale).emergency_number == number


@pytest.mark.parametrize(
    ("locale", "country"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "de_DE@euro"}, "DE"),
        ({"LC_TELEPHONE": "en_AU.UTF-8", "LANG": "en_GB.UTF-8"}, "AU"),
        ({"LANG": "C.UTF-8"}, ""),
        ({"LANG": "en"}, ""),
        ({}, ""),
    ],
)
def test_the_country_of_the_locale_is_kept(
    env: dict[str, str], locale: dict[str, str], country: str
) -> None:
    assert load_config(env | locale).country == country


@pytest.mark.parametrize("locale", [{"LANG": "en_GB.UTF-8"}, {"LANG": "en_AU.UTF-8"}, {}])
def test_the_services_follow_the_country_and_the_number_as_set(
    env: dict[str, str], locale: dict[str, str]
) -> None:
    config = load_config(env | locale)
    table = services_for(config.country)
    assert config.services == table
    assert config.emergency_number == table.emergency_number
    own = load_config(env | locale | {"NIGHTCRAMP_EMERGENCY_NUMBER": "+447700900123"})
    assert own.services.emergency_number == "+447700900123"
    assert own.services.emergency_tel == "+447700900123"
    assert own.services.urgent_service == table.urgent_service
    lines = own.help_lines
    assert (lines.emergency_number, lines.urgent_service, lines.urgent_service_number) == (
        "+447700900123",
        table.urgent_service,
        table.urgent_service_number,
    )


def test_the_emergency_number_table_lives_in_content_not_in_config() -> None:
    source = Path(config_module.__file__).read_text(encoding="utf-8")
    assert '"999"' not in source
    assert '"911"' not in source


@pytest.mark.parametrize(
    ("locale", "paper"),
    [
        ({}, Paper.A4),
        ({"LANG": "en_US.UTF-8"}, Paper.LETTER),
        ({"LANG": "en_GB.UTF-8"}, Paper.A4),
        ({"LC_PAPER": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, Paper.LETTER),
        ({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, Paper.A4),
        ({"LANG": "C.UTF-8"}, Paper.A4),
    ],
)
def test_the_paper_size_comes_from_the_locale(
    env: dict[str, str], locale: dict[str, str], paper: Paper
) -> None:
    config = load_config(env | locale)
    assert config.paper is paper
    assert dict(config.locale) == locale


# NO_COLOR ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "no_color"), [("1", True), ("0", True), ("yes", True), ("", False)]
)
def test_no_color_is_any_non_empty_value(env: dict[str, str], raw: str, no_color: bool) -> None:
    assert load_config(env | {"NO_COLOR": raw}).no_color is no_color


# Reminder times ----------------------------------------------------------------------------


def test_reminder_times_are_read_and_passed_to_the_core(env: dict[str, str]) -> None:
    config = load_config(
        env
        | {
            "NIGHTCRAMP_REMINDER_BEDTIME": "23:15",
            "NIGHTCRAMP_REMINDER_CHECKIN": "7:05",
            "NIGHTCRAMP_REMINDER_WATER": "16:00, 09:30,16:00",
        }
    )
    assert config.reminder_bedtime == dt.time(23, 15)
    assert config.reminder_checkin == dt.time(7, 5)
    assert config.reminder_water == (dt.time(9, 30), dt.time(16, 0))
    assert config.reminder_times == ReminderTimes(
        bedtime=dt.time(23, 15), checkin=dt.time(7, 5), water=(dt.time(9, 30), dt.time(16, 0))
    )


@pytest.mark.parametrize("raw", ["none", "NONE", " None "])
def test_water_none_means_no_water_reminders(env: dict[str, str], raw: str) -> None:
    config = load_config(env | {"NIGHTCRAMP_REMINDER_WATER": raw})
    assert config.reminder_water == ()
    assert config.reminder_times.water == ()
    assert config.reminder_times.bedtime == ReminderTimes().bedtime


def test_one_reminder_set_keeps_the_others_at_their_defaults(env: dict[str, str]) -> None:
    times = load_config(env | {"NIGHTCRAMP_REMINDER_CHECKIN": "20:30"}).reminder_times
    assert times == ReminderTimes(checkin=dt.time(20, 30))


@pytest.mark.parametrize("name", ["NIGHTCRAMP_REMINDER_BEDTIME", "NIGHTCRAMP_REMINDER_CHECKIN"])
@pytest.mark.parametrize("raw", ["late", "24:00", "12:60", "1230", "7:5", "10:00,11:00", "٢٢:٠٠"])
def test_a_bad_reminder_time_names_the_variable(env: dict[str, str], name: str, raw: str) -> None:
    message = _error(env | {name: raw})
    _assert_names(message, name, raw.encode("unicode_escape").decode())
    assert "HH:MM" in message


@pytest.mark.parametrize("raw", ["10:00,", "10am", "10:00;14:00", "none,10:00", "25:00"])
def test_a_bad_water_time_names_the_variable(env: dict[str, str], raw: str) -> None:
    message = _error(env | {"NIGHTCRAMP_REMINDER_WATER": raw})
    _assert_names(message, "NIGHTCRAMP_REMINDER_WATER", raw)
    assert "none, or times of day HH:MM" in message


# The secret key and the data directory -----------------------------------------------------


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    config = load_config({"NIGHTCRAMP_HOME": str(tmp_path / "home")})
    first = secret_key(config)
    assert len(first) >= 50
    assert secret_key(config) == first
    mode = (tmp_path / "home" / "secret_key").stat().st_mode & 0o777
    assert mode == 0o600
    assert sorted(p.name for p in (tmp_path / "home").iterdir()) == ["secret_key"]


def test_an_existing_secret_key_is_kept(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("k" * 60 + "\n")
    assert secret_key(load_config({"NIGHTCRAMP_HOME": str(tmp_path)})) == "k" * 60


def test_an_empty_secret_key_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("")
    key = secret_key(load_config({"NIGHTCRAMP_HOME": str(tmp_path)}))
    assert len(key) >= 50
    assert (tmp_path / "secret_key").read_text() == key
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]


def test_prepare_home_creates_the_directory_static_folder_and_key(tmp_path: Path) -> None:
    config = load_config({"NIGHTCRAMP_HOME": str(tmp_path / "a" / "home")})
    prepare_home(config)
    prepare_home(config)  # idempotent
    assert sorted(p.name for p in config.home.iterdir()) == ["secret_key", "static"]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NIGHTCRAMP_", "DJANGO_"))}
    return env | extra


def test_importing_the_settings_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    code = (
        "import pathlib\n"
        "import nightcramp.web.settings as s\n"
        f"assert s.CONFIG.home == pathlib.Path({str(home)!r})\n"
        "assert s.STATIC_ROOT == s.CONFIG.home / 'static'\n"
    )
    env = _clean_env(
        NIGHTCRAMP_HOME=str(home),
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        HOME=str(tmp_path / "user"),
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == [home]
    assert list(home.iterdir()) == []


def test_importing_the_settings_creates_no_missing_data_directory(tmp_path: Path) -> None:
    env = _clean_env(NIGHTCRAMP_HOME=str(tmp_path / "new"), HOME=str(tmp_path / "user"))
    done = subprocess.run(
        [sys.executable, "-c", "import nightcramp.web.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_bad_value_stops_the_settings_import_naming_the_variable(tmp_path: Path) -> None:
    env = _clean_env(NIGHTCRAMP_HOME=str(tmp_path), NIGHTCRAMP_REMINDER_BEDTIME="late")
    done = subprocess.run(
        [sys.executable, "-c", "import nightcramp.web.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "ConfigError: NIGHTCRAMP_REMINDER_BEDTIME must be a time of day" in done.stderr


def test_the_wsgi_entry_point_creates_the_data_directory_and_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = _clean_env(NIGHTCRAMP_HOME=str(home), HOME=str(tmp_path / "user"))
    done = subprocess.run(
        [sys.executable, "-c", "import nightcramp.web.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in home.iterdir()) == ["secret_key", "static"]


# Only config.py reads the environment ------------------------------------------------------

_READS = re.compile(r"os\.environ(?!\.setdefault\(|\[[^\]]+\]\s*=[^=])|getenv\(")


def test_nothing_but_config_reads_the_environment() -> None:
    readers = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "src" / "nightcramp").rglob("*.py"))
        if path.name != "config.py" or path.parent.name != "nightcramp"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _READS.search(line)
    ]
    assert readers == []


def test_every_variable_config_reads_is_documented() -> None:
    class Recording(dict[str, str]):
        def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
            seen.add(key)
            return super().get(key, default)

    seen: set[str] = set()
    load_config(Recording())
    assert {"NIGHTCRAMP_HOME", "TZ", "NO_COLOR", "LANG"} <= seen
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert sorted(name for name in seen if f"`{name}`" not in docs) == []


def test_a_config_can_be_built_directly(tmp_path: Path) -> None:
    config = Config(home_dir=tmp_path, timezone="Europe/London")
    assert config.home == tmp_path
    assert config.emergency_number == "112"
    assert config.allowed_hosts == DEFAULT_ALLOWED_HOSTS


@pytest.mark.parametrize(("raw", "country"), [("gb", "GB"), (" AU ", "AU"), ("", "NZ")])
def test_nightcramp_country_wins_over_the_locale(
    env: dict[str, str], raw: str, country: str
) -> None:
    config = load_config(env | {"LANG": "en_NZ.UTF-8", "NIGHTCRAMP_COUNTRY": raw})
    assert config.country == country
    assert config.emergency_number == services_for(country).emergency_number


@pytest.mark.parametrize("raw", ["GBR", "U5", "é1", "1"])
def test_a_bad_country_stops_start_up_naming_the_variable(env: dict[str, str], raw: str) -> None:
    with pytest.raises(ConfigError, match="NIGHTCRAMP_COUNTRY must be a two-letter country code"):
        load_config(env | {"NIGHTCRAMP_COUNTRY": raw})


def test_a_child_process_inherits_a_copy_of_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nightcramp.config import inherited_environment

    monkeypatch.setenv("PATH", "/opt/bin:/usr/bin")
    inherited = inherited_environment()
    assert inherited["PATH"] == "/opt/bin:/usr/bin"
    inherited["PATH"] = "changed"
    assert inherited_environment()["PATH"] == "/opt/bin:/usr/bin"


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "localhost."]
)
def test_loopback_addresses_are_this_machine(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "nas.local", "::", ""])
def test_other_addresses_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)
