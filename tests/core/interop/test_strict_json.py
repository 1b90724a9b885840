"""JSON read strictly: keys given twice and numbers too long to read are named by their place."""

from __future__ import annotations

import pytest

from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.strict_json import decode_json


def _problems(text: str) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        decode_json(text, "f.json", what="profile")
    return [str(e) for e in caught.value.errors]


def test_a_plain_document_is_read_as_json() -> None:
    assert decode_json('{"a": [1, 2.5, true, null]}', "f.json", what="profile") == {
        "a": [1, 2.5, True, None]
    }


def test_each_key_given_twice_is_named_with_its_place() -> None:
    assert _problems('{"a": 1, "a": 2, "b": [{"c": 1, "c": 1}]}') == [
        "f.json:a: appears more than once in the same object; keep one",
        "f.json:b[0].c: appears more than once in the same object; keep one",
    ]


def test_a_number_too_long_to_read_is_named_with_its_place() -> None:
    (problem,) = _problems('{"x": [0, ' + "9" * 5000 + "]}")
    assert (
        problem
        == "f.json:x[1]: is a number with thousands of digits; no profile value is that long"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{oops", "f.json: is not valid JSON (line 1"),
        ("[" * 100_000 + "]" * 100_000, "f.json: is nested too deeply to be a profile"),
    ],
)
def test_text_that_cannot_be_read_names_the_file(text: str, reason: str) -> None:
    (problem,) = _problems(text)
    assert problem.startswith(reason)
