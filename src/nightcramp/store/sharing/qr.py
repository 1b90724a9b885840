"""QR codes of share links (segno): inline SVG for the screen, a data URI for the PDF."""

from __future__ import annotations

import segno

__all__ = ["qr_data_uri", "qr_svg", "qr_terminal"]


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, scale: int = 5) -> str:
    """An `<svg>` element that draws `url` as a QR code, to put straight into a page."""
    return str(_code(url).svg_inline(scale=scale, title="QR code of the share link"))


def qr_data_uri(url: str) -> str:
    """`url` as a QR code in an SVG `data:` URI (for an `<img>` in the PDF)."""
    return str(_code(url).svg_data_uri(scale=4))


def qr_terminal(url: str) -> str:
    """`url` as a QR code drawn with block characters, for a terminal."""
    import io

    out = io.StringIO()
    _code(url).terminal(out=out, compact=True)
    return out.getvalue()
