"""JSON files read strictly, for every file a person gives the app (diaries, profiles, triage
answers): a key written twice in one object is refused (which of the two is meant cannot be
known, and dropping one could drop a "yes"), and so are numbers of thousands of digits and
nesting past Python's limit, each with a message naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.problems import MAX_ERRORS, ProblemList

__all__ = ["decode_json"]


class _Repeated(dict[str, object]):
    """A JSON object in which a key was written more than once; `keys_given_twice` names them."""

    keys_given_twice: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    repeated = _Repeated(obj)
    counts: dict[str, int] = {}
    for key, _ in pairs:
        counts[key] = counts.get(key, 0) + 1
    repeated.keys_given_twice = tuple(k for k, n in counts.items() if n > 1)
    return repeated


class _Huge(int):
    """An integer written with more digits than Python converts (its place is named)."""


def _integer(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:  # over 4,300 digits
        return _Huge(0)


def decode_json(text: str, name: str, *, what: str) -> object:
    """Return the JSON value of `text` (the file `name`, a `what` such as "diary"); raise
    InputErrors naming the file, and the place of each key that an object gives twice and of
    each number with thousands of digits."""
    try:
        raw = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise InputErrors(
            [InputError(f"is not valid JSON (line {error.lineno}: {error.msg})", file=name)]
        ) from None
    except RecursionError:
        reason = f"is nested too deeply to be a {what}"
        raise InputErrors([InputError(reason, file=name)]) from None
    except ValueError:  # an integer too long to convert (over 4,300 digits)
        reason = f"has a number with thousands of digits; no {what} value is that long"
        raise InputErrors([InputError(reason, file=name)]) from None
    problems = ProblemList(name, MAX_ERRORS)
    huge = f"is a number with thousands of digits; no {what} value is that long"
    for where, problem in _problems(raw):
        problems.add(huge if problem == "huge" else _TWICE, field=where)
    problems.raise_if_any()
    return raw


_TWICE = "appears more than once in the same object; keep one"


def _problems(raw: object) -> Iterator[tuple[str, str]]:
    """Yield the place (`nights[0].date`) of each key that an object of `raw` gives twice
    ("twice") and of each number too long to read ("huge"), in file order."""
    stack: list[tuple[str, object]] = [("", raw)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, _Huge):
            yield where, "huge"
        elif isinstance(value, dict):
            prefix = f"{where}." if where else ""
            for key in getattr(value, "keys_given_twice", ()):
                yield prefix + key, "twice"
            stack.extend((prefix + str(k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(value))))
