"""CONTRACT.md "Diary files", "Commands" and "FHIR export", through the installed `nightcramp`
console script run as a subprocess in a fresh data directory, as a person or a script runs it:
FHIR round trips keep each cramp's night, every way in reads whole numbers and yes/no alike and
quotes what it refuses, files are written where asked, and JSON files a person gives (diary,
triage answers, profile) are read strictly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.contract.test_cli_blackbox import Run, _env
from tests.contract.test_cli_blackbox import run as _run


def run(home: Path, *args: str | Path, tz: str | None = None) -> Run:
    """The command in a fresh process with `home` as its data folder (and `TZ` when given)."""
    extra = {} if tz is None else {"TZ": tz}
    return _run(home, *(str(a) for a in args), env=_env(home, **extra))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def other_home(tmp_path: Path) -> Path:
    return tmp_path / "other-home"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---- 1. FHIR round trip moves a cramp to another night -------------------------------------


def test_fhir_round_trip_keeps_each_cramps_own_offset_and_night(
    tmp_path: Path, home: Path, other_home: Path
) -> None:
    """A cramp logged at 13:00 in Kathmandu (+05:45) belongs to the night of 2025-01-11 (the
    boundary is noon, local time). On a machine in Berlin, FHIR export writes it with its own
    offset (not 08:15+01:00, which is the night before) and import keeps that offset."""
    tz = "Europe/Berlin"
    nights = _write(tmp_path / "nights.csv", "date,water_glasses\n2025-01-10,1\n2025-01-11,2\n")
    episodes = _write(
        tmp_path / "episodes.csv", "started_at,muscle,side\n2025-01-11T13:00:00+05:45,calf,left\n"
    )
    assert run(home, "import", nights, episodes, tz=tz).code == 0
    bundle = tmp_path / "bundle.json"
    assert run(home, "export", "--format", "fhir", "--out", bundle, tz=tz).code == 0
    written = json.loads(bundle.read_text(encoding="utf-8"))
    starts = [
        entry["resource"]["effectiveDateTime"]
        for entry in written["entry"]
        if entry["resource"].get("code", {}).get("text") == "Night leg cramp"
    ]
    assert starts == ["2025-01-11T13:00:00+05:45"]
    assert run(other_home, "import", bundle, tz=tz).code == 0

    def diary(h: Path) -> dict[str, object]:
        doc = run(h, "export", "--format", "json", tz=tz).json()
        assert isinstance(doc, dict)
        return doc

    def night_of_cramp(h: Path) -> list[str]:
        hist = run(h, "history", "--since", "2025-01-09", "--until", "2025-01-12", "--json", tz=tz)
        doc = hist.json()
        assert isinstance(doc, dict)
        return [n["date"] for n in doc["nights"] if n["episodes"]]

    assert night_of_cramp(other_home) == night_of_cramp(home) == ["2025-01-11"]
    before, after = diary(home), diary(other_home)
    assert after["episodes"] == before["episodes"]
    assert after["nights"] == before["nights"]


# ---- A key written twice is refused, never read as one of the two (answers, profile) ------


def test_triage_answers_with_a_duplicated_key_never_drop_a_yes(tmp_path: Path, home: Path) -> None:
    """`{"chest_pain": true, "chest_pain": false}` must not give `routine` (the emergency answer
    dropped): triage refuses the file naming the key, or keeps the most urgent reading."""
    answers = _write(tmp_path / "answers.json", '{"chest_pain": true, "chest_pain": false}')
    result = run(home, "triage", "--answers", answers, "--json", "--no-save")
    if result.code == 1:
        assert result.out == ""
        assert "chest_pain" in result.err and "answers.json" in result.err
    else:
        assert result.code == 0, result.err
        doc = result.json()
        assert isinstance(doc, dict)
        assert doc["disposition"] == "emergency"


def test_profile_with_a_duplicated_key_never_drops_a_condition(tmp_path: Path, home: Path) -> None:
    """`{"conditions": ["heart_failure"], "conditions": []}` must not plan as if there were no
    heart failure (hydration `optional`, not `caution`)."""
    profile = _write(
        tmp_path / "profile.json", '{"conditions": ["heart_failure"], "conditions": []}'
    )
    result = run(home, "plan", "--profile", profile, "--json")
    if result.code == 1:
        assert result.out == ""
        assert "conditions" in result.err and "profile.json" in result.err
    else:
        assert result.code == 0, result.err
        doc = result.json()
        assert isinstance(doc, dict)
        status = {item["id"]: item["status"] for item in doc["items"]}
        assert status["hydration"] == "caution"


# ---- A number too long to read is refused naming the file and the key --------------------

_HUGE = "1" + "0" * 5000


def test_triage_answers_with_a_huge_number_name_the_file_and_the_key(
    tmp_path: Path, home: Path
) -> None:
    answers = _write(tmp_path / "answers.json", f'{{"age": {_HUGE}}}')
    result = run(home, "triage", "--answers", answers, "--json", "--no-save")
    assert result.code == 1, result.err
    assert result.out == ""
    assert "ValueError" not in result.err and "set_int_max_str_digits" not in result.err
    assert "answers.json" in result.err
    assert "age" in result.err


def test_profile_with_a_huge_number_names_the_file_and_the_key(tmp_path: Path, home: Path) -> None:
    profile = _write(tmp_path / "profile.json", f'{{"birth_year": {_HUGE}}}')
    result = run(home, "plan", "--profile", profile, "--json")
    assert result.code == 1, result.err
    assert result.out == ""
    assert "ValueError" not in result.err and "set_int_max_str_digits" not in result.err
    assert "profile.json" in result.err
    assert "birth_year" in result.err


# ---- A whole number takes no decimal point, in every file -----------------------------------


def test_csv_and_json_imports_both_refuse_a_whole_number_with_a_decimal_point(
    tmp_path: Path, home: Path, other_home: Path
) -> None:
    """`severity` 5.0: one rule in the core serves every way in, and a whole-number field
    takes a whole number written without a decimal point, so both files are refused alike."""
    csv_file = _write(tmp_path / "episodes.csv", "started_at,severity\n2025-01-11T02:00,5.0\n")
    json_file = tmp_path / "diary.json"
    json_file.write_text(
        json.dumps(
            {
                "format": "nightcramp-diary",
                "version": 1,
                "nights": [],
                "episodes": [{"started_at": "2025-01-11T02:00", "severity": 5.0}],
            }
        ),
        encoding="utf-8",
    )
    from_csv = run(home, "import", csv_file)
    from_json = run(other_home, "import", json_file)
    reason = "must be a whole number from 0 to 10, not 5.0 (write it as 5)"
    assert from_csv.code == from_json.code == 1, (from_csv.err, from_json.err)
    assert f"episodes.csv:2:severity: {reason}" in from_csv.err
    assert f"diary.json:episodes[0].severity: {reason}" in from_json.err


# ---- A refusal quotes the value as written -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("3.0", "not 3.0 (write it as 3)"),
        ("1e2", "not 1e2 (write it as 100)"),
        ("1.5", "not 1.5"),
        ("1e3", "not 1e3"),
    ],
)
def test_csv_integer_error_quotes_the_value_as_written(
    tmp_path: Path, home: Path, written: str, reason: str
) -> None:
    """`water_glasses` 3.0 is refused naming 3.0, not 3 (a valid value), and 1e2 naming 1e2."""
    nights = _write(tmp_path / "nights.csv", f"date,water_glasses\n2025-01-10,{written}\n")
    result = run(home, "import", nights)
    assert result.code == 1, result.err
    expected = f"nights.csv:2:water_glasses: must be a whole number from 0 to 100, {reason}\n"
    assert expected in result.err


def test_json_diary_boolean_error_does_not_offer_what_it_refuses(
    tmp_path: Path, home: Path
) -> None:
    """A JSON diary's yes/no field takes true or false; the yes/no, 1/0 spellings are a CSV
    cell's, so the refusal does not offer them."""
    diary = tmp_path / "diary.json"
    diary.write_text(
        json.dumps(
            {
                "format": "nightcramp-diary",
                "version": 1,
                "nights": [{"date": "2025-01-10", "bedtime_stretch": "yes"}],
                "episodes": [],
            }
        ),
        encoding="utf-8",
    )
    result = run(home, "import", diary)
    assert result.code == 1, result.err
    assert "diary.json:nights[0].bedtime_stretch: must be true or false\n" in result.err


def test_an_empty_json_file_is_named_an_empty_json_file(tmp_path: Path, home: Path) -> None:
    empty = _write(tmp_path / "diary.json", "")
    result = run(home, "import", empty)
    assert result.code == 1, result.err
    assert "diary.json: is an empty JSON file" in result.err
    assert "CSV" not in result.err


# ---- export --out creates the folder it writes into ----------------------------------------


@pytest.mark.parametrize("fmt", ["json", "fhir"])
def test_export_out_into_a_new_folder_creates_it(tmp_path: Path, home: Path, fmt: str) -> None:
    """`export --format json|fhir --out new/x.json` creates `new`, as `--format csv` does."""
    target = tmp_path / "new" / "x.json"
    result = run(home, "export", "--format", fmt, "--out", target)
    assert result.code == 0, result.err
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), dict)
    assert [p.name for p in target.parent.iterdir()] == ["x.json"]


def test_export_out_under_a_file_is_refused_naming_it(tmp_path: Path, home: Path) -> None:
    blocker = _write(tmp_path / "taken", "")
    result = run(home, "export", "--format", "json", "--out", blocker / "x.json")
    assert result.code == 1
    assert "cannot be written" in result.err and "Traceback" not in result.err
    assert str(blocker) in result.err


# ---- `night --unset` of an unknown name -----------------------------------------------------


def test_night_unset_of_an_unknown_name_is_refused_and_logs_nothing(home: Path) -> None:
    """A misspelt `--unset` name would forget nothing and still log the night as cramp-free:
    it is a usage error that names it and points to the factor names."""
    result = run(home, "night", "--date", "2025-01-01", "--unset", "not_a_factor")
    assert result.code == 2, result.out
    assert "'not_a_factor' is not one of your factors" in result.err
    assert "water_glasses" in result.err and "--help" in result.err
    doc = run(home, "export", "--format", "json").json()
    assert isinstance(doc, dict)
    assert doc["nights"] == []
