"""Malformed FHIR bundles: each part nightcramp reads that has the wrong shape is refused with
a plain reason naming the file, the entry and the field, never a Python error message.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightcramp.core.diary import Episode, Muscle, Night, Side
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.fhir import FhirExport, build_bundle
from nightcramp.core.interop.fhir_codes import CRAMP_CODE, FACTOR_SYSTEM, UCUM
from nightcramp.core.interop.fhir_reader import read_bundle
from nightcramp.core.interop.json_diary import read_document

_START = "2026-07-02T02:30:00+01:00"


def _bundle(*resources: object, **entry: object) -> dict[str, Any]:
    return {"resourceType": "Bundle", "entry": [{"resource": r, **entry} for r in resources]}


def _cramp(**fields: Any) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "code": {"coding": [CRAMP_CODE]},
        "effectiveDateTime": _START,
        **fields,
    }


def _factor(name: object, day: object = "2026-07-01", **value: Any) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "code": {"coding": [{"system": FACTOR_SYSTEM, "code": name}]},
        "effectiveDateTime": day,
        **value,
    }


def _problems(bundle: dict[str, Any]) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        read_bundle(bundle, file="b.json")
    return [str(e) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("bundle", "problem"),
    [
        ({"resourceType": "Bundle", "entry": {"resource": {}}}, "entry: must be a list"),
        ({"resourceType": "Bundle", "entry": "x"}, "entry: must be a list"),
        ({"resourceType": "Bundle", "entry": ["x"]}, "entry[0]: must be an object"),
        ({"resourceType": "Bundle", "entry": [None]}, "entry[0]: must be an object"),
        ({"resourceType": "Bundle", "entry": [{}]}, "entry[0].resource: is required"),
        (_bundle("x"), "entry[0].resource: must be an object"),
        (_bundle([1]), "entry[0].resource: must be an object"),
        (_bundle({"resourceType": "Observation", "code": "x"}), "entry[0].code: must be an object"),
        (
            _bundle({"resourceType": "Observation", "code": {"coding": {"system": "x"}}}),
            "entry[0].code.coding: must be a list",
        ),
        (
            _bundle({"resourceType": "Observation", "code": {"coding": [None]}}),
            "entry[0].code.coding[0]: must be an object",
        ),
        (_bundle(_cramp(bodySite="calf")), "entry[0].bodySite: must be an object"),
        (_bundle(_cramp(valueQuantity="2 min")), "entry[0].valueQuantity: must be an object"),
        (_bundle(_cramp(valueQuantity=[2])), "entry[0].valueQuantity: must be an object"),
        (_bundle(_cramp(component="x")), "entry[0].component: must be a list"),
        (_bundle(_cramp(component=["x"])), "entry[0].component[0]: must be an object"),
        (
            _bundle(_cramp(component=[{"code": "x"}])),
            "entry[0].component[0].code: must be an object",
        ),
        (_bundle(_cramp(note="hi")), "entry[0].note: must be a list"),
        (_bundle(_cramp(note=["hi"])), "entry[0].note[0]: must be an object"),
        (
            _bundle(_factor("water_glasses", valueQuantity=3)),
            "entry[0].valueQuantity: must be an object",
        ),
    ],
)
def test_a_part_of_the_wrong_shape_is_refused_naming_the_entry(
    bundle: dict[str, Any], problem: str
) -> None:
    found = _problems(bundle)
    assert len(found) == 1
    assert found[0].startswith(f"b.json:{problem}")
    assert "object has no attribute" not in found[0] and "not iterable" not in found[0]


@pytest.mark.parametrize("code", [5, [1], {"a": 1}, None, True])
def test_a_factor_code_that_is_not_text_is_refused_naming_the_entry(code: object) -> None:
    bundle = _bundle(_factor("water_glasses", valueInteger=3), _factor(code, valueInteger=3))
    if code is None:  # no code: not a nightcramp factor, left out
        assert read_bundle(bundle)[0] == [Night(dt.date(2026, 7, 1), {"water_glasses": 3})]
        return
    assert _problems(bundle) == ["b.json:entry[1].code: a factor's code must be its name, as text"]


def test_a_factor_named_date_is_refused_and_the_night_keeps_its_date() -> None:
    bundle = _bundle(_factor("water_glasses", valueInteger=3), _factor("date", valueInteger=3))
    assert _problems(bundle) == [
        "b.json:entry[1].code: 'date' is a standard column, not a custom factor"
    ]


def test_the_same_factor_twice_for_one_night_is_refused() -> None:
    bundle = _bundle(
        _factor("water_glasses", valueInteger=3), _factor("water_glasses", valueInteger=4)
    )
    assert _problems(bundle) == [
        "b.json:entry[1].water_glasses: is given twice for the night of 2026-07-01 "
        "(first in entry[0]); keep one"
    ]


def test_a_factor_with_a_value_of_another_type_is_refused() -> None:
    assert _problems(_bundle(_factor("water_glasses", valueString="3"))) == [
        "b.json:entry[0].water_glasses: must be a number or true/false "
        "(valueBoolean, valueInteger or valueQuantity), not valueString"
    ]


def test_a_factor_without_a_value_is_not_recorded() -> None:
    nights, _ = read_bundle(_bundle(_factor("water_glasses")))
    assert nights == [Night(dt.date(2026, 7, 1), {})]


@pytest.mark.parametrize("day", ["2026-07-01T22:00:00+01:00", "2026-07-01"])
def test_a_factor_dated_by_a_date_or_a_date_and_time_is_that_evening(day: str) -> None:
    nights, _ = read_bundle(_bundle(_factor("water_glasses", day, valueInteger=3)))
    assert nights == [Night(dt.date(2026, 7, 1), {"water_glasses": 3})]


def test_a_factor_date_with_trailing_text_is_refused_whole() -> None:
    assert _problems(_bundle(_factor("water_glasses", "2026-07-01junk", valueInteger=3))) == [
        "b.json:entry[0].date: must be a date written YYYY-MM-DD, not '2026-07-01junk'"
    ]


def test_a_duration_in_another_unit_is_refused() -> None:
    quantity = {"value": 2, "unit": "h", "system": UCUM, "code": "h"}
    assert _problems(_bundle(_cramp(valueQuantity=quantity))) == [
        "b.json:entry[0].duration_min: must be given in minutes (unit min), not 'h'"
    ]


def test_a_duration_in_minutes_is_read() -> None:
    quantity = {"value": 2, "unit": "min", "system": UCUM, "code": "min"}
    _, (episode,) = read_bundle(_bundle(_cramp(valueQuantity=quantity)))
    assert episode.duration_min == 2.0


def test_a_cramp_with_more_than_one_note_is_refused() -> None:
    assert _problems(_bundle(_cramp(note=[{"text": "a"}, {"text": "b"}]))) == [
        "b.json:entry[0].note: has 2 notes; nightcramp keeps one note per cramp"
    ]


def test_a_problem_in_a_bundle_file_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(_bundle(_cramp(component="x"))), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        read_document(path)
    assert [str(e) for e in caught.value.errors] == [
        "bundle.json:entry[0].component: must be a list"
    ]


@functools.cache
def _export() -> dict[str, Any]:
    tz = ZoneInfo("Europe/London")
    return build_bundle(
        FhirExport(
            nights=[Night(dt.date(2026, 7, 1), {"water_glasses": 3, "mood": 2.5})],
            episodes=[
                Episode(
                    started_at=dt.datetime(2026, 7, 2, 2, 30),
                    muscle=Muscle.CALF,
                    side=Side.LEFT,
                    duration_min=3.0,
                    severity=7,
                    notes="note",
                )
            ],
            tz=tz,
            generated_at=dt.datetime(2026, 8, 1, 9, 0, tzinfo=tz),
        )
    )


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just([None]),
    st.just({"coding": "x"}),
    st.just({"coding": [{"system": FACTOR_SYSTEM, "code": 5}]}),
)


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_change_to_an_exported_bundle_is_read_or_refused_naming_the_file(
    data: st.DataObject,
) -> None:
    bundle = copy.deepcopy(_export())
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(bundle) if p]
        path = data.draw(st.sampled_from(paths))
        parent: Any = bundle
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = copy.deepcopy(data.draw(_JUNK))
    try:
        read_bundle(bundle, file="b.json")
    except InputErrors as errors:
        assert all(e.file == "b.json" for e in errors.errors)
        assert all("object has no attribute" not in str(e) for e in errors.errors)
    except InputError as error:  # not a Bundle any more
        assert str(error) == "b.json:resourceType: not a FHIR Bundle"


def test_a_bad_factor_value_names_the_entry_that_holds_it(tmp_path: Path) -> None:
    # The night is first met in entry[0]; the bad value is in entry[2].
    bundle = _bundle(
        _factor("water_glasses", valueInteger=3),
        _factor("cold_room", valueBoolean=False),
        _factor("alcohol_drinks", valueInteger=1000),
    )
    path = tmp_path / "b.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        read_document(path)
    (problem,) = [str(e) for e in caught.value.errors]
    assert problem.startswith("b.json:entry[2].alcohol_drinks: must be a whole number")
