"""Malformed JSON diary files and FHIR bundles: every problem is refused with a plain reason
naming the file and the place in it, never an exception other than InputErrors, and never a
value the store cannot keep.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightcramp.core.errors import InputErrors
from nightcramp.core.interop.json_diary import parse_document, read_document

FRAME = '{"format": "nightcramp-diary", "version": 1, '


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "diary.json"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of_file(path: Path) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        read_document(path)
    return [str(e) for e in caught.value.errors]


def problems(**parts: object) -> list[str]:
    raw = {"format": "nightcramp-diary", "version": 1, **parts}
    with pytest.raises(InputErrors) as caught:
        parse_document(raw, label="d.json")
    return [str(e) for e in caught.value.errors]


def test_a_number_too_long_to_read_is_refused_naming_its_place(tmp_path: Path) -> None:
    path = write(
        tmp_path, FRAME + '"nights": [{"date": "2026-01-01", "mood": ' + "9" * 5000 + "}]}"
    )
    (problem,) = problems_of_file(path)
    assert problem.startswith("diary.json:nights[0].mood: ")
    assert "digits" in problem and "sys." not in problem


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (FRAME + '"nights": [], "nights": [{"date": "2026-01-01"}]}', "nights"),
        (FRAME + '"nights": [{"date": "2026-01-01", "date": "2026-01-02"}]}', "nights[0].date"),
        (
            FRAME + '"episodes": [{"started_at": "2026-01-01T02:00", "notes": "a", "notes": ""}]}',
            "episodes[0].notes",
        ),
        (FRAME + '"profile": {"sex": "male", "sex": "female"}}', "profile.sex"),
    ],
)
def test_a_key_given_twice_in_one_object_is_refused_naming_it(
    tmp_path: Path, text: str, field: str
) -> None:
    assert problems_of_file(write(tmp_path, text)) == [
        f"diary.json:{field}: appears more than once in the same object; keep one"
    ]


def test_text_with_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    text = FRAME + r'"episodes": [{"started_at": "2026-01-01T02:00", "notes": "\ud800"}]}'
    assert problems_of_file(write(tmp_path, text)) == [
        "diary.json:episodes[0].notes: must be valid Unicode text"
    ]


@pytest.mark.parametrize(
    ("episode", "field", "reason"),
    [
        ({"notes": "a\x00b"}, "notes", "must not contain NUL characters"),
        ({"notes": "x" * 10_001}, "notes", "can be at most 10,000 characters"),
        (
            {"started_at": "2026-01-01T02:00-19:00"},
            "started_at",
            "has a time-zone offset beyond ±18:00",
        ),
    ],
)
def test_episode_text_the_store_cannot_keep_is_refused(
    episode: dict[str, object], field: str, reason: str
) -> None:
    item = {"started_at": "2026-01-01T02:00", **episode}
    assert problems(episodes=[item]) == [f"d.json:episodes[0].{field}: {reason}"]


def test_notes_of_10000_characters_are_kept() -> None:
    raw = {
        "format": "nightcramp-diary",
        "version": 1,
        "episodes": [{"started_at": "2026-01-01T02:00", "notes": "x" * 10_000}],
    }
    (episode,) = parse_document(raw).episodes
    assert len(episode.notes) == 10_000


@pytest.mark.parametrize("value", [10**16, -(10**16), 1e300, 10**400])
def test_a_custom_value_too_large_to_keep_is_refused(value: object) -> None:
    assert problems(nights=[{"date": "2026-01-01", "mood": value}]) == [
        "d.json:nights[0].mood: is too large (at most 1,000,000,000,000,000)"
    ]


@pytest.mark.parametrize(
    ("med", "field", "reason"),
    [
        ({"name": "asp\x00irin"}, "name", "must not contain NUL characters"),
        ({"name": "aspirin", "dose": "\ud800"}, "dose", "must be valid Unicode text"),
    ],
)
def test_medicine_text_the_store_cannot_keep_is_refused(
    med: dict[str, object], field: str, reason: str
) -> None:
    assert problems(medications=[med]) == [f"d.json:medications[0].{field}: {reason}"]


def test_a_very_long_value_is_not_repeated_whole_in_the_reason() -> None:
    (problem,) = problems(episodes=[{"started_at": "2" * 100_000}])
    assert problem.startswith("d.json:episodes[0].started_at: ")
    assert "100,000 characters" in problem and len(problem) < 300


def test_a_fhir_resource_that_is_not_a_bundle_is_refused_in_one_plain_problem(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, json.dumps({"resourceType": "Patient", "id": "me"}))
    (problem,) = problems_of_file(path)
    assert problem.startswith("diary.json:resourceType: ")
    assert "Patient" in problem and "Bundle" in problem


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["", "2026-01-01", "2026-01-01T02:00", "calf", "stretch", "\x00", "\ud800", "x" * 20_000]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["date", "notes", "name", "x"]), inner, max_size=3)
    ),
    max_leaves=8,
)
_KEYS = {
    "nights": ["date", "water_glasses", "standing_hours", "bedtime_stretch", "mood", ""],
    "episodes": ["started_at", "muscle", "side", "duration_min", "severity", "relief", "notes"],
    "medications": ["name", "dose", "started_on", "stopped_on"],
}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    part=st.sampled_from(sorted(_KEYS)),
    items=st.lists(st.dictionaries(st.sampled_from(["date", "x"]), _VALUES), max_size=2),
    data=st.data(),
    profile=_VALUES,
)
def test_any_decoded_document_is_read_or_refused_naming_the_file(
    part: str, items: list[dict[str, Any]], data: st.DataObject, profile: object
) -> None:
    for item in items:
        key = data.draw(st.sampled_from(_KEYS[part]))
        item[key] = data.draw(_VALUES)
    raw = {"format": "nightcramp-diary", "version": 1, part: items, "profile": profile}
    try:
        parse_document(raw, label="d.json")
    except InputErrors as errors:
        assert all(e.file == "d.json" for e in errors.errors)


def test_a_bundle_with_keys_of_its_own_is_still_read_as_a_bundle(tmp_path: Path) -> None:
    bundle = {"resourceType": "Bundle", "type": "collection", "format": "x", "entry": []}
    document = read_document(write(tmp_path, json.dumps(bundle)))
    assert (document.nights, document.episodes) == ([], [])
