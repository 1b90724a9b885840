"""Placeholder: replaced by the relief guide."""

from __future__ import annotations


def run(args: list[str]) -> int:
    print("Stretch the muscle.")
    return 0
