"""`services_for`: the triage rules' view of the help lines table, as a frozen value."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.help_lines import SERVICES_FILE, help_lines_for, read_table
from nightcramp.core.triage.services import Services, load_services, services_for

COUNTRIES = [*read_table()["countries"], "", "FR"]


@pytest.mark.parametrize("country", COUNTRIES)
def test_services_are_the_help_lines_of_the_country(country: str) -> None:
    services = services_for(country)
    lines = help_lines_for(country)
    assert services.country == lines.country
    assert services.emergency_number == lines.emergency_number
    assert services.urgent_service == lines.urgent_service
    assert services.urgent_service_number == lines.urgent_service_number


def test_an_unknown_country_gets_112_and_the_generic_wording() -> None:
    services = services_for(None)
    assert services == Services(
        country="",
        emergency_number="112",
        urgent_service=read_table()["default"]["urgent_service"],
        urgent_service_number=None,
    )
    assert services.urgent_service_tel is None


def test_the_setting_replaces_the_emergency_number_only() -> None:
    services = services_for("AU", "+61 2 9999 0000")
    assert services.emergency_number == "+61 2 9999 0000"
    assert services.emergency_tel == "+61299990000"
    assert services.urgent_service == services_for("AU").urgent_service


def test_tel_forms_hold_only_digits_and_a_leading_plus() -> None:
    for country in COUNTRIES:
        services = services_for(country)
        for tel in (services.emergency_tel, services.urgent_service_tel):
            if tel is not None:
                assert tel.lstrip("+").isdigit()


def test_services_are_read_only() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        services_for("GB").emergency_number = "1"  # type: ignore[misc]


def test_load_services_reads_the_table_of_a_content_folder(tmp_path: Path) -> None:
    (tmp_path / "triage").mkdir()
    shutil.copy(SERVICES_FILE, tmp_path / "triage" / "services.toml")
    assert load_services(tmp_path) == load_services()
    (tmp_path / "triage" / "services.toml").write_text("[countries]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="default"):
        load_services(tmp_path)
