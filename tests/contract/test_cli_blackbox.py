"""CONTRACT.md "Names", "Triage answers", "Medication check": the installed console script, run
as a subprocess exactly as a person or a script runs it.

Checks: `--json` prints one JSON document on stdout and nothing else there; exit codes 0/1/2;
bad input never ends in a Python traceback; every command creates and migrates its data
directory on first use; a bad NIGHTCRAMP_HOME or NIGHTCRAMP_DATABASE_URL is a clear message.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("nightcramp")
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
TIMEOUT = 120


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)

    def assert_clean_failure(self, code: int, *words: str) -> None:
        assert self.code == code, (self.code, self.err)
        assert "Traceback" not in self.err
        assert self.out == ""
        for word in words:
            assert word in self.err, (word, self.err)


def _env(home: Path | str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTCRAMP_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["NIGHTCRAMP_HOME"] = str(home)
    env.update(extra)
    return env


def run(
    home: Path | str, *args: str, stdin: str | bytes = b"", env: Mapping[str, str] | None = None
) -> Run:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [str(SCRIPT), *args],
        input=data,
        capture_output=True,
        env=_env(home) if env is None else dict(env),
        timeout=TIMEOUT,
        check=False,
    )
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for the module, created by its first command."""
    return tmp_path_factory.mktemp("blackbox") / "data"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "empty.json").write_bytes(b"")
    (folder / "not_utf8.json").write_bytes(b'{"age": "\xff\xfe"}')
    (folder / "list.json").write_text("[1, 2]", "utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (folder / "huge_int.json").write_text('{"age": 1' + "0" * 400 + "}", "utf-8")
    (folder / "huge_float.json").write_text('{"age": 1e400}', "utf-8")
    (folder / "nan.json").write_text('{"typical_duration_min": NaN}', "utf-8")
    (folder / "bool_for_int.json").write_text('{"age": true}', "utf-8")
    (folder / "string_for_bool.json").write_text('{"chest_pain": "true"}', "utf-8")
    (folder / "null_and_unknown.json").write_text('{"leg_red": null, "shoe_size": 9}', "utf-8")
    (folder / "empty_object.json").write_text("{}", "utf-8")
    (folder / "bom.json").write_bytes(b'\xef\xbb\xbf{"chest_pain": true}')
    (folder / "a_directory").mkdir()
    return folder


# ---- the data directory and the environment ---------------------------------------------------


def test_a_command_creates_and_migrates_a_nested_data_directory_on_first_use(
    tmp_path: Path,
) -> None:
    home = tmp_path / "not" / "there" / "yet"
    result = run(home, "history", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert isinstance(document, dict) and len(document["nights"]) == 14
    assert (home / "nightcramp.sqlite3").is_file()
    assert run(home, "log", "--started-at", "2026-01-02T03:00", "--json").code == 0


def test_commands_started_together_on_first_use_all_succeed_and_lose_nothing(
    tmp_path: Path,
) -> None:
    home = tmp_path / "fresh"
    procs = [
        subprocess.Popen(
            [str(SCRIPT), "log", "--at", f"2026-01-0{day}T03:00", "--json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_env(home),
        )
        for day in range(1, 5)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, err.decode("utf-8", "replace")
    history = run(home, "history", "--since", "2025-12-31", "--until", "2026-01-03", "--json")
    nights = history.json()["nights"]  # type: ignore[index]
    assert sum(len(night["episodes"]) for night in nights) == 4


@pytest.mark.parametrize("command", [["history", "--json"], ["token", "create", "x"], ["serve"]])
def test_a_home_that_is_a_file_is_a_clear_message_and_exit_1(
    tmp_path: Path, command: list[str]
) -> None:
    home = tmp_path / "a_file"
    home.write_text("not a folder", "utf-8")
    run(home, *command).assert_clean_failure(1, "NIGHTCRAMP_HOME")
    assert home.read_text("utf-8") == "not a folder"


def test_a_home_inside_a_file_cannot_be_created_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a_file").write_text("x", "utf-8")
    result = run(tmp_path / "a_file" / "home", "log", "--json")
    result.assert_clean_failure(1, "NIGHTCRAMP_HOME", "cannot create")


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root@localhost/nightcramp",
        "postgresql://postgres:s3cret-pw@127.0.0.1:1/nightcramp",
        "postgresql://",
        "postgresql://postgres@[broken/x",
        "sqlite:////no/such/folder/nightcramp.db",
    ],
)
def test_a_bad_database_url_is_a_clear_message_naming_the_variable(
    tmp_path: Path, url: str
) -> None:
    env = _env(tmp_path / "home", NIGHTCRAMP_DATABASE_URL=url)
    result = run(tmp_path, "history", "--json", env=env)
    result.assert_clean_failure(1, "NIGHTCRAMP_DATABASE_URL")
    assert "s3cret-pw" not in result.err


def test_an_unknown_time_zone_is_a_clear_message(tmp_path: Path) -> None:
    env = _env(tmp_path / "home", NIGHTCRAMP_TIME_ZONE="Mars/Olympus_Mons")
    run(tmp_path, "log", "--json", env=env).assert_clean_failure(1, "NIGHTCRAMP_TIME_ZONE")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    name = f"nc_blackbox_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{PG_SERVER}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_commands_migrate_and_use_a_postgres_database_url(
    tmp_path: Path, postgres_url: str
) -> None:
    env = _env(tmp_path / "home", NIGHTCRAMP_DATABASE_URL=postgres_url)
    logged = run(tmp_path, "log", "--at", "2026-03-04T02:30", "--severity", "6", "--json", env=env)
    assert logged.code == 0, logged.err
    assert not (tmp_path / "home" / "nightcramp.sqlite3").exists()
    history = run(
        tmp_path, "history", "--since", "2026-03-03", "--until", "2026-03-03", "--json", env=env
    )
    (night,) = history.json()["nights"]  # type: ignore[index]
    assert night["episodes"][0]["severity"] == 6
    too_big = run(tmp_path, "night", "--water-glasses", "9" * 30, "--json", env=env)
    too_big.assert_clean_failure(1, "water_glasses")


# ---- --json and exit codes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["now", "--json"],
        ["now", "--muscle", "thigh_back", "--json"],
        ["meds", "check", "Lasix", "--json"],
        ["learn", "--json"],
        ["learn", "red_flags", "--json"],
        ["history", "--json"],
        ["night", "--date", "2026-01-10", "--water-glasses", "6", "--json"],
        ["log", "--at", "2026-01-11T03:00", "--muscle", "foot", "--json"],
    ],
    ids=" ".join,
)
def test_json_prints_exactly_one_document_on_stdout(home: Path, command: list[str]) -> None:
    result = run(home, *command)
    assert result.code == 0, result.err
    assert isinstance(result.json(), dict)
    assert "Traceback" not in result.err


def test_token_create_json_prints_only_the_token(home: Path) -> None:
    added = run(home, "user", "add", "blackbox", "--password-stdin", stdin="calf-night-2026\n")
    assert added.code == 0, added.err
    result = run(home, "token", "create", "blackbox", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert isinstance(document, dict) and set(document) == {"token"}
    assert document["token"].startswith("nc_")


@pytest.mark.parametrize(
    "command",
    [
        ["--no-such-flag"],
        ["no-such-command"],
        ["now", "--muscle", "neck"],
        ["now", "--bogus"],
        ["triage", "--bogus"],
        ["triage", "--answers"],
        ["meds", "check"],
        ["meds", "check", "--bogus", "x"],
        ["learn", "no_such_topic", "--json"],
        ["user", "add"],
        ["token", "create"],
        ["log", "--muscle", "neck"],
        ["log", "--bogus"],
        ["night", "--bogus"],
        ["history", "--since", "2026-02-01", "--until", "2026-01-01"],
        ["report", "--since", "yesterday"],
        ["report", "--paper", "a3"],
        ["report", "--since", "0001-01-01"],
        ["serve", "--port", "70000"],
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2_without_a_traceback(home: Path, command: list[str]) -> None:
    result = run(home, *command)
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err
    assert result.out == ""


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["log", "--severity", "11", "--json"], ["severity"]),
        (["log", "--severity", "9" * 40, "--json"], ["severity"]),
        (["log", "--duration-min", "1e400", "--json"], ["duration_min"]),
        (["log", "--at", "0001-01-01T00:00", "--json"], ["started_at"]),
        (["log", "--at", "9999-12-31T23:59", "--json"], ["started_at"]),
        (["log", "--relief", "flying", "--json"], ["relief"]),
        (["night", "--water-glasses", "9" * 30, "--json"], ["water_glasses"]),
        (["night", "--factor", "pickles=" + "9" * 30, "--json"], ["pickles"]),
        (["night", "--date", "0001-01-01", "--json"], ["date"]),
        (["history", "--until", "0001-01-03", "--json"], ["until"]),
        (["token", "list", "nobody", "--json"], ["nobody"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) and len(" ".join(v)) < 60 else None,
)
def test_bad_values_exit_1_naming_the_field_without_a_traceback(
    home: Path, command: list[str], words: list[str]
) -> None:
    run(home, *command).assert_clean_failure(1, *words)


def test_a_refused_value_stores_nothing(home: Path) -> None:
    run(home, "night", "--date", "2026-01-20", "--water-glasses", "9" * 30).assert_clean_failure(1)
    history = run(home, "history", "--since", "2026-01-20", "--until", "2026-01-20", "--json")
    assert history.json()["nights"][0]["logged"] is False  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "stdin"),
    [
        ("has space", "calf-night-2026\n"),
        ("ctl\x01char", "calf-night-2026\n"),
        ("ok", b"\xff\xfe\n"),
    ],
)
def test_user_add_refuses_bad_names_and_non_utf8_passwords(
    home: Path, name: str, stdin: bytes | str
) -> None:
    result = run(home, "user", "add", name, "--password-stdin", "--json", stdin=stdin)
    result.assert_clean_failure(1)
    assert "name" in result.err or "password" in result.err


def test_report_json_prints_what_it_wrote(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "report.pdf"
    result = run(home, "report", "--out", str(out), "--html", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert isinstance(document, dict)
    assert document["out"] == str(out) and document["format"] == "html"
    assert document["bytes"] == out.stat().st_size > 0


def test_report_into_a_directory_exits_1_without_a_traceback(home: Path, tmp_path: Path) -> None:
    run(home, "report", "--out", str(tmp_path)).assert_clean_failure(1, str(tmp_path))


# ---- triage answers files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.json", ["empty.json"]),
        ("not_utf8.json", ["not_utf8.json"]),
        ("list.json", ["list.json"]),
        ("deep.json", ["deep.json"]),
        ("huge_int.json", ["huge_int.json", "age"]),
        ("huge_float.json", ["huge_float.json", "age"]),
        ("nan.json", ["nan.json", "typical_duration_min"]),
        ("bool_for_int.json", ["age"]),
        ("string_for_bool.json", ["chest_pain"]),
        ("a_directory", ["a_directory"]),
        ("missing.json", ["missing.json"]),
    ],
)
def test_an_invalid_answers_file_exits_1_naming_it(
    files: Path, tmp_path: Path, name: str, words: list[str]
) -> None:
    result = run(tmp_path, "triage", "--answers", str(files / name), "--json")
    result.assert_clean_failure(1, *words)


def test_null_and_unknown_keys_still_answer_with_a_warning_on_stderr(
    files: Path, tmp_path: Path
) -> None:
    result = run(tmp_path, "triage", "--answers", str(files / "null_and_unknown.json"), "--json")
    assert result.code == 0, result.err
    assert "shoe_size" in result.err and "Traceback" not in result.err
    empty = run(tmp_path, "triage", "--answers", str(files / "empty_object.json"), "--json")
    assert result.json() == empty.json()


def test_an_answers_file_saved_with_a_byte_order_mark_is_read(files: Path, tmp_path: Path) -> None:
    result = run(tmp_path, "triage", "--answers", str(files / "bom.json"), "--json")
    assert result.code == 0, result.err
    assert result.json()["disposition"] == "emergency"  # type: ignore[index]


# ---- medication check --------------------------------------------------------------------------


def test_meds_check_lists_unknown_names_and_never_guesses(tmp_path: Path) -> None:
    result = run(
        tmp_path, "meds", "check", "LASIX", "atorvastatn", "zzqqxx", "", "x" * 5000, "--json"
    )
    assert result.code == 0, result.err
    document = result.json()
    assert isinstance(document, dict) and set(document) == {"medications", "unknown"}
    assert [m["generic"] for m in document["medications"]] == ["furosemide", "atorvastatin"]
    assert document["unknown"] == ["zzqqxx", "", "x" * 5000]


def test_a_reader_that_closes_early_is_not_a_traceback(tmp_path: Path) -> None:
    with subprocess.Popen(
        [str(SCRIPT), "learn", "causes", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.wait(timeout=TIMEOUT)
    assert "Traceback" not in err
