"""NIGHTCRAMP_BASE_URL: the address people open, checked at start-up."""

from __future__ import annotations

import pytest

from nightcramp.config import ConfigError, load_config


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("https://cramps.home.arpa/", "https://cramps.home.arpa"),
        ("HTTPS://nas.local:8443", "https://nas.local:8443"),
        ("http://192.168.1.20:8000/nightcramp/", "http://192.168.1.20:8000/nightcramp"),
        ("https://[fd00::5]:8443", "https://[fd00::5]:8443"),
    ],
)
def test_a_good_address_is_kept_without_its_trailing_slash(raw: str, kept: str) -> None:
    assert load_config({"NIGHTCRAMP_BASE_URL": raw}).base_url == kept


def test_unset_or_empty_means_the_address_of_each_request() -> None:
    assert load_config({}).base_url is None
    assert load_config({"NIGHTCRAMP_BASE_URL": "  "}).base_url is None


@pytest.mark.parametrize(
    "raw",
    [
        "cramps.home.arpa",
        "ftp://cramps.home.arpa",
        "https://",
        "https://*",
        "https://.example.org",
        "https://nas.local:99999",
        "https://nas.local:",
        "https://nas.local?x=1",
        "https://nas.local/a#b",
        "https://a b",
    ],
)
def test_a_bad_address_stops_start_up_naming_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError, match="NIGHTCRAMP_BASE_URL must be"):
        load_config({"NIGHTCRAMP_BASE_URL": raw})
