"""Guided relief for a cramp happening now: steps per muscle, the safety line, timers.

`guide` is the stdlib-only reader used on the fast path; `content` validates the same files.
Import from those modules: this package imports nothing, to keep `nightcramp now` fast.
"""

__all__: list[str] = []
