"""`nightcramp serve`: which addresses are this machine, and the address it gives for a phone."""

from __future__ import annotations

from nightcramp.cli.serve import lan_address, phone_lines
from nightcramp.config import is_loopback


def test_the_base_url_is_the_address_a_phone_should_open() -> None:
    lines = phone_lines("https://cramps.home.arpa", "127.0.0.1", 8000, None)
    assert lines == ["On a phone, open: https://cramps.home.arpa/"]


def test_on_all_addresses_the_phone_gets_the_home_network_address_and_the_https_advice() -> None:
    lines = phone_lines(None, "0.0.0.0", 8000, "192.168.1.20")
    assert lines[0] == "On a phone on the same network: http://192.168.1.20:8000/"
    assert "docs/phone.md" in " ".join(lines)
    assert "NIGHTCRAMP_BASE_URL" in " ".join(lines)


def test_an_ipv6_address_is_bracketed() -> None:
    assert phone_lines(None, "fd00::5", 8443, None)[0].endswith("http://[fd00::5]:8443/")


def test_on_loopback_it_says_a_phone_cannot_reach_it() -> None:
    text = " ".join(phone_lines(None, "127.0.0.1", 8000, None))
    assert "cannot reach" in text
    assert "http://" not in text


def test_with_no_known_address_it_points_to_the_guide() -> None:
    assert phone_lines(None, "::", 8000, None) == [
        "To use nightcramp on a phone, see docs/phone.md."
    ]


def test_the_home_network_address_is_never_loopback() -> None:
    address = lan_address()
    assert address is None or not is_loopback(address)
