"""`nightcramp meds check` from the terminal."""

from __future__ import annotations

from typer.testing import CliRunner

from nightcramp.cli.app import build_app


def test_meds_check_shows_a_table_and_names_the_unknown() -> None:
    result = CliRunner().invoke(build_app(), ["meds", "check", "Lasix", "xyzzy"])
    assert result.exit_code == 0
    assert "furosemide" in result.stdout
    assert "xyzzy" in result.stdout
    assert "prescriber" in result.stdout


def test_meds_check_needs_a_name() -> None:
    assert CliRunner().invoke(build_app(), ["meds", "check"]).exit_code == 2
