"""The diary API's input schemas: the diary's own field rules, no `true` as 1, no number as a
date, no text the databases cannot store; nights take custom factors as extra keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from nightcramp.core.diary import STANDARD_FACTORS, Muscle, Relief
from nightcramp.core.errors import InputError
from nightcramp.web.diary.schemas import (
    EpisodeIn,
    MedicationIn,
    NightIn,
    ProfileIn,
    clean_text,
    parse_iso_date,
)


def _refusal(schema: type[BaseModel], data: dict[str, Any]) -> tuple[str, str]:
    """The one refused field's name and its reason."""
    with pytest.raises(ValidationError) as error:
        schema.model_validate(data)
    (item,) = error.value.errors()
    return ".".join(str(p) for p in item["loc"]), item["msg"].removeprefix("Value error, ")


def test_the_input_schema_has_exactly_the_contracts_factor_columns() -> None:
    assert set(NightIn.model_fields) - {"date"} == set(STANDARD_FACTORS)


def test_text_with_a_nul_or_a_lone_surrogate_is_refused() -> None:
    assert clean_text("crampe à 2 h") == "crampe à 2 h"
    assert clean_text(3) == 3
    with pytest.raises(ValueError, match="NUL"):
        clean_text("a\x00b")
    with pytest.raises(ValueError, match="valid Unicode"):
        clean_text("a\udc80b")


def test_a_bad_date_in_a_path_names_its_field() -> None:
    assert parse_iso_date("2026-03-09", "since") == dt.date(2026, 3, 9)
    with pytest.raises(InputError) as error:
        parse_iso_date("09/03/2026", "since")
    assert error.value.field == "since"


def test_an_episode_needs_only_its_start() -> None:
    episode = EpisodeIn.model_validate({"started_at": "2026-03-04T02:30"})
    assert episode.started_at == dt.datetime(2026, 3, 4, 2, 30)
    assert (episode.muscle, episode.side, episode.relief, episode.notes) == (
        Muscle.CALF,
        None,
        [],
        "",
    )


def test_a_relief_listed_twice_is_kept_once_in_order() -> None:
    episode = EpisodeIn.model_validate(
        {"started_at": "2026-03-04T02:30", "relief": ["walk", "stretch", "walk"]}
    )
    assert episode.relief == [Relief.WALK, Relief.STRETCH]


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        ({"severity": True}, "severity", "must be a whole number from 0 to 10"),
        ({"muscle": 3}, "muscle", "must be text: one of the listed ids"),
        ({"notes": "a\x00b"}, "notes", "must not contain NUL characters"),
        ({"mood": "low"}, "mood", "Extra inputs are not permitted"),
    ],
)
def test_an_episode_field_is_refused_with_its_reason(
    data: dict[str, Any], field: str, reason: str
) -> None:
    assert _refusal(EpisodeIn, {"started_at": "2026-03-04T02:30", **data}) == (field, reason)


def test_a_started_at_offset_beyond_18_hours_is_refused() -> None:
    assert EpisodeIn.model_validate({"started_at": "2026-03-04T02:30+14:00"}).started_at.utcoffset()
    _, why = _refusal(EpisodeIn, {"started_at": "2026-03-04T02:30-18:30"})
    assert "beyond ±18:00" in why


def test_a_nights_extra_keys_are_custom_factors_and_null_is_unknown() -> None:
    night = NightIn.model_validate({"water_glasses": 5, "cold_room": None, "leg_day": True})
    assert night.factors() == {"water_glasses": 5, "leg_day": True}
    assert night.given() == {"cold_room": None, "leg_day": True, "water_glasses": 5}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"leg day ": 1}, "leg day : a custom factor needs a name without spaces at either end"),
        ({"leg_day": "yes"}, "leg_day: must be a number or true/false"),
        ({"date": 20260309}, "must be a date written YYYY-MM-DD"),
    ],
)
def test_a_bad_custom_factor_or_date_is_refused(data: dict[str, Any], reason: str) -> None:
    assert _refusal(NightIn, data)[1] == reason


def test_a_whole_number_may_be_written_with_a_point_zero() -> None:
    assert ProfileIn.model_validate({"birth_year": 1950.0}).birth_year == 1950


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        ({"birth_year": 1950.5}, "birth_year", "must be a whole number"),
        ({"birth_year": True}, "birth_year", "must be a whole number"),
        ({"conditions": ["diabetes", "diabetes"]}, "conditions", "an id is listed twice"),
        ({"conditions": ["gout"]}, "conditions", "'gout' is not a known condition id"),
    ],
)
def test_a_bad_profile_answer_is_refused_with_its_reason(
    data: dict[str, Any], field: str, reason: str
) -> None:
    assert _refusal(ProfileIn, data) == (field, reason)


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        ({"name": "  "}, "name", "must not be blank"),
        (
            {"name": "quinine", "started_on": "2026-03-01", "stopped_on": "2026-02-01"},
            "stopped_on",
            "must not be before started_on",
        ),
    ],
)
def test_a_bad_medicine_is_refused_with_its_reason(
    data: dict[str, Any], field: str, reason: str
) -> None:
    assert _refusal(MedicationIn, data) == (field, reason)
