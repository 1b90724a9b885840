"""Whether a share link's address can leave this computer, and a QR code the page can size."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from nightcramp.config import is_loopback

__all__ = ["loopback_start", "scalable_svg"]

_SIZED_SVG = re.compile(r'^<svg width="(\d+)" height="(\d+)"')


def loopback_start(url: str, path: str) -> str | None:
    """The start of `url` (all before `path`) when it names only this computer (127.0.0.0/8,
    ::1 or localhost), so nobody else can open it; None when another device may reach it."""
    return url.removesuffix(path) if is_loopback(urlsplit(url).hostname or "") else None


def scalable_svg(svg: str) -> str:
    """`svg` (segno's, sized in pixels) with a viewBox, so CSS can scale it without cropping."""
    return _SIZED_SVG.sub(r'<svg viewBox="0 0 \1 \2" width="\1" height="\2"', svg, count=1)
