"""The console script. `nightcramp now` takes a fast path that imports almost nothing."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` (default: the process arguments) and return the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["now"] and not {"--help", "-h"} & set(args):
        from nightcramp.cli.now_fast import run

        return run(args[1:])
    from nightcramp.cli.app import run_app

    return run_app(args)
