"""Setting up the data directory and database: messages never leak a database password."""

from __future__ import annotations

import pytest

from nightcramp.cli.setup import redact_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://nc:s3cret@db.example:5432/nc", "postgresql://nc:***@db.example:5432/nc"),
        ("postgresql://nc@db.example/nc", "postgresql://nc@db.example/nc"),
        ("sqlite:////var/lib/nc.db", "sqlite:////var/lib/nc.db"),
    ],
)
def test_a_password_in_the_database_url_is_hidden(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_a_url_that_cannot_be_read_is_not_echoed() -> None:
    assert "s3cret" not in redact_url("postgresql://nc:s3cret@[broken/x")
