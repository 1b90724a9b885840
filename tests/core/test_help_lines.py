"""The help lines table: one emergency number and one health line per country, with sources."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.help_lines import SERVICES_FILE, dial, help_lines_for, read_table

DEFAULT = read_table()["default"]
COUNTRIES = read_table()["countries"]


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """A private copy of the shipped table (no cache), to edit in a test."""
    path = tmp_path / "triage" / "services.toml"
    path.parent.mkdir()
    shutil.copy(SERVICES_FILE, path)
    return path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("country", "number"),
    [("GB", "999"), ("US", "911"), ("CA", "911"), ("AU", "000"), ("NZ", "111")],
)
def test_the_contracts_countries_have_their_own_emergency_number(country: str, number: str) -> None:
    assert help_lines_for(country).emergency_number == number


@pytest.mark.parametrize("country", [None, "", "FR", "DE", "ZZ"])
def test_an_unknown_or_unlisted_country_dials_112(country: str | None) -> None:
    assert help_lines_for(country).emergency_number == "112"


def test_the_persons_number_wins_over_the_table() -> None:
    lines = help_lines_for("GB", "+44 20 7946 0000")
    assert lines.emergency_number == "+44 20 7946 0000"
    assert lines.urgent_service == COUNTRIES["GB"]["urgent_service"]


def test_the_country_is_read_in_any_case_and_kept_in_capitals() -> None:
    assert help_lines_for(" gb ").country == "GB"
    assert help_lines_for(" gb ").emergency_number == help_lines_for("GB").emergency_number
    assert help_lines_for(None).country == ""


def test_nhs_111_is_named_only_in_the_uk() -> None:
    assert help_lines_for("GB").urgent_service == "NHS 111"
    assert help_lines_for("GB").urgent_service_number == "111"
    others = [code for code in COUNTRIES if code != "GB"] + ["", "FR"]
    assert all("NHS" not in help_lines_for(code).urgent_service for code in others)


def test_a_country_without_its_own_line_gets_the_generic_wording_and_no_number() -> None:
    plain = [code for code, entry in COUNTRIES.items() if "urgent_service" not in entry]
    assert plain, "the table lists countries with no line of their own"
    for code in [*plain, "", "FR"]:
        lines = help_lines_for(code)
        assert lines.urgent_service == DEFAULT["urgent_service"]
        assert lines.urgent_service_number is None


def test_every_health_line_names_its_number_and_has_a_source() -> None:
    lines = {code: e for code, e in COUNTRIES.items() if "urgent_service" in e}
    assert lines
    for code, entry in lines.items():
        number = entry["urgent_service_number"]
        assert number in entry["urgent_service"], code  # the whole name can be the link
        assert entry["urgent_service_source"].startswith("http"), code


def test_every_emergency_number_has_a_source_address() -> None:
    for entry in [DEFAULT, *COUNTRIES.values()]:
        assert entry["emergency_source"].startswith(("https://", "http://"))


@pytest.mark.parametrize(
    ("number", "tel"),
    [("999", "999"), ("1800 022 222", "1800022222"), ("+44 20 7946", "+44207946"), ("000", "000")],
)
def test_dial_keeps_digits_and_a_leading_plus(number: str, tel: str) -> None:
    assert dial(number) == tel


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('emergency_number = "999"', 'emergency_number = "nine"', "phone number"),
        ('emergency_number = "999"', 'emergency_number = "1"', "phone number"),
        ('emergency_source = "https://www.london', 'emergency_source = "www.london', "address"),
        ('urgent_service_source = "https://www.nwas', 'urgent_service_source = "nwas', "address"),
        ('urgent_service_number = "111"\n', "", "urgent_service_number"),
        ('name = "United Kingdom"', 'colour = "red"', "unknown keys"),
        ("[countries.GB]", "[countries.GBR]", "two-letter"),
        ("\n[default]\n", "\n[countries.XX]\n", "default: missing"),
        ('reviewed = "', 'colour = "red"\nreviewed = "', "unknown keys: colour"),
        ('urgent_service = "your doctor', 'urgent_service_number = "112"\nx = "', "unknown"),
        ('reviewed = "', 'reviewed = = "', "services.toml"),
    ],
)
def test_a_damaged_table_names_the_file_and_the_problem(
    table: Path, old: str, new: str, says: str
) -> None:
    _edit(table, old, new)
    with pytest.raises(ContentError) as raised:
        read_table(str(table))
    assert says in str(raised.value)
    assert "services.toml" in str(raised.value)


def test_the_default_names_no_number_of_its_own(table: Path) -> None:
    _edit(
        table,
        'urgent_service = "your doctor',
        'urgent_service_number = "999"\nurgent_service_source = "https://x.org"\n'
        'urgent_service = "your doctor',
    )
    with pytest.raises(ContentError, match="wording only"):
        read_table(str(table))


def test_a_changed_file_is_read_again_despite_its_cached_copy(table: Path) -> None:
    assert help_lines_for("GB", path=str(table)).emergency_number == "999"
    assert list((table.parent / "__pycache__").glob("services.*.marshal"))
    _edit(table, 'emergency_number = "999"', 'emergency_number = "9999"')
    os.utime(table, ns=(1, 1))  # a new stamp even on a coarse clock
    assert help_lines_for("GB", path=str(table)).emergency_number == "9999"


def test_a_read_only_folder_still_answers(table: Path) -> None:
    (table.parent / "__pycache__").write_text("not a folder", encoding="utf-8")
    assert help_lines_for("AU", path=str(table)).emergency_number == "000"


def test_reading_the_cached_table_imports_no_parser_and_no_dataclasses() -> None:
    read_table()  # the shipped table's cached copy exists
    code = (
        "import sys; from nightcramp.core.help_lines import help_lines_for; "
        "help_lines_for('GB'); "
        "print(sorted(m for m in ('tomllib', 'dataclasses', 're', 'typing', 'pathlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
