from __future__ import annotations

import base64

from nightcramp.store.sharing.qr import qr_data_uri, qr_svg, qr_terminal

URL = "https://cramps.example.org/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde/"


def test_the_svg_is_an_inline_element_with_no_script_or_style() -> None:
    svg = qr_svg(URL)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<script" not in svg and "style=" not in svg and "http://" not in svg.split(">")[0]


def test_different_addresses_draw_different_codes() -> None:
    assert qr_svg(URL) != qr_svg(URL.replace("AbC", "XyZ"))


def test_the_data_uri_holds_an_svg_image() -> None:
    uri = qr_data_uri(URL)
    assert uri.startswith("data:image/svg+xml")
    payload = uri.split(",", 1)[1]
    if ";base64" in uri.split(",", 1)[0]:
        payload = base64.b64decode(payload).decode()
    assert "svg" in payload


def test_the_terminal_drawing_is_a_square_of_lines() -> None:
    lines = qr_terminal(URL).splitlines()
    assert len(lines) > 10
    assert len({len(line) for line in lines if line}) == 1
