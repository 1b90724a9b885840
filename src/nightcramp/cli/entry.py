"""The console script. `nightcramp now` takes a fast path that imports almost nothing.

Bad input never ends in a Python traceback: commands report it themselves, and anything
they did not foresee is caught here and reported in one line (exit 1). Set NIGHTCRAMP_DEBUG=1
to see the full traceback instead.
"""

from __future__ import annotations

import os
import sys

from nightcramp.config import ConfigError, load_config

__all__ = ["main"]

_EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` (default: the process arguments) and return the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        sys.stderr.write("\nStopped.\n")
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except ConfigError as error:  # a bad setting no command reported: one line, no traceback
        sys.stderr.write(f"nightcramp: {error}\n")
        return 1
    except Exception as error:
        if _debug():
            raise
        _report_unexpected(error)
        return 1


def _dispatch(args: list[str]) -> int:
    if args[:1] == ["now"] and not {"--help", "-h"} & set(args):
        from nightcramp.cli.now_fast import run

        return run(args[1:])
    from nightcramp.cli.app import run_app

    return run_app(args)


def _debug() -> bool:
    """NIGHTCRAMP_DEBUG, for an error no command reported. If the settings are bad as well, say
    so too (the error came before a command read them)."""
    try:
        return load_config().debug
    except ConfigError as error:
        sys.stderr.write(f"nightcramp: {error}\n")
        return False


def _report_unexpected(error: BaseException) -> None:
    text = str(error).strip()
    detail = text.splitlines()[0][:300] if text else ""
    name = type(error).__name__
    sys.stderr.write(
        f"nightcramp: could not finish: {name}{': ' + detail if detail else ''}\n"
        "Check the input and try again. Set NIGHTCRAMP_DEBUG=1 to see the details.\n"
    )


def _silence_stdout() -> None:
    """The reader went away (e.g. `| head`): send what is left nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
