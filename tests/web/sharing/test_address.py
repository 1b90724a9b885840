"""Whether a share link can leave this computer, and a QR code that CSS can scale."""

from __future__ import annotations

import pytest

from nightcramp.web.sharing.address import loopback_start, scalable_svg

PATH = "/s/abc123/"


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("http://127.0.0.1:8765/s/abc123/", "http://127.0.0.1:8765"),
        ("http://localhost:8000/s/abc123/", "http://localhost:8000"),
        ("http://[::1]:8000/s/abc123/", "http://[::1]:8000"),
        ("https://cramps.example.org/s/abc123/", None),
        ("http://192.168.1.20:8000/s/abc123/", None),
    ],
)
def test_only_an_address_of_this_computer_is_flagged(url: str, start: str | None) -> None:
    assert loopback_start(url, PATH) == start


def test_a_qr_code_sized_in_pixels_gets_a_view_box() -> None:
    svg = '<svg width="174" height="174" class="segno"><path d="M4 4h1"/></svg>'
    scaled = scalable_svg(svg)
    assert scaled.startswith('<svg viewBox="0 0 174 174" width="174" height="174"')
    assert scalable_svg(scaled) == scaled  # once is enough
