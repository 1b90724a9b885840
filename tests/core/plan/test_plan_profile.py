"""The profile file: every key optional, wrong values named by key."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.errors import InputError
from nightcramp.core.plan import parse_profile, parse_profile_text


def test_an_empty_profile_is_valid_and_knows_nothing() -> None:
    profile = parse_profile({})
    assert profile.age(dt.date(2026, 1, 1)) is None
    assert profile.pregnant is None
    assert not profile.is_pregnant


def test_null_means_the_same_as_a_missing_key() -> None:
    assert parse_profile({"sex": None, "pregnant": None}) == parse_profile({})


def test_a_full_profile_round_trips_to_json() -> None:
    data = {
        "birth_year": 1950,
        "sex": "female",
        "pregnant": False,
        "pregnancy_weeks": 0,
        "conditions": ["kidney_disease"],
        "medications": ["Lasix"],
        "answers": {"leg_red": False},
    }
    assert parse_profile(data).to_json() == data


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"birth_year": "1950"}, "birth_year"),
        ({"birth_year": True}, "birth_year"),
        ({"birth_year": 1700}, "birth_year"),
        ({"sex": "f"}, "sex"),
        ({"pregnant": "yes"}, "pregnant"),
        ({"pregnancy_weeks": 50}, "pregnancy_weeks"),
        ({"conditions": "kidney_disease"}, "conditions"),
        ({"conditions": ["gout"]}, "conditions"),
        ({"medications": [1, 2]}, "medications"),
        ({"answers": []}, "answers"),
    ],
)
def test_a_wrong_value_names_the_file_and_the_key(data: dict[str, object], key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_profile(data, file="me.json")
    assert caught.value.field == key
    assert str(caught.value).startswith(f"me.json:{key}: ")


def test_a_profile_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InputError, match="JSON object"):
        parse_profile([1, 2], file="me.json")


def test_text_that_is_not_json_names_the_file_and_line() -> None:
    with pytest.raises(InputError, match=r"^me.json: is not valid JSON \(line 1"):
        parse_profile_text("{oops", file="me.json")


def test_unknown_keys_are_ignored_with_a_warning() -> None:
    profile = parse_profile({"shoe_size": 9}, file="me.json")
    assert profile.warnings == ("me.json: ignored unknown key 'shoe_size'",)


def test_age_comes_from_the_birth_year_and_today() -> None:
    assert parse_profile({"birth_year": 1950}).age(dt.date(2026, 11, 22)) == 76


def test_answers_that_contradict_each_other_are_warned_about() -> None:
    male = parse_profile({"sex": "male", "pregnant": True}, file="p.json")
    assert male.is_pregnant  # the safer reading: the pregnancy advice is kept
    assert any("'sex' is male but 'pregnant' is true" in w for w in male.warnings)
    weeks = parse_profile({"pregnant": False, "pregnancy_weeks": 30})
    assert not weeks.is_pregnant
    assert any("'pregnancy_weeks' is 30" in w for w in weeks.warnings)
    assert parse_profile({"sex": "female", "pregnant": True, "pregnancy_weeks": 30}).warnings == ()


def test_answers_are_checked_as_triage_checks_them_naming_the_file_and_key() -> None:
    with pytest.raises(InputError) as raised:
        parse_profile({"answers": {"chest_pain": "yes"}}, file="p.json")
    assert str(raised.value) == "p.json:answers.chest_pain: expected true or false"


def test_a_misspelt_answer_key_is_reported_never_dropped_in_silence() -> None:
    profile = parse_profile({"answers": {"chest_pian": True}}, file="p.json")
    assert profile.warnings == ("p.json: answers.chest_pian: not a triage key; ignored",)


def test_a_birth_year_still_to_come_is_refused() -> None:
    next_year = dt.date.today().year + 1
    with pytest.raises(InputError, match="birth_year"):
        parse_profile({"birth_year": next_year})
    assert parse_profile({"birth_year": next_year - 1}).birth_year == next_year - 1


def test_a_list_of_thousands_of_medicines_is_refused_at_once() -> None:
    from nightcramp.core.meds import MAX_NAMES

    with pytest.raises(InputError, match=f"at most {MAX_NAMES}"):
        parse_profile({"medications": [f"m{i}" for i in range(MAX_NAMES + 1)]}, file="p.json")
    with pytest.raises(InputError) as raised:
        parse_profile({"medications": ["ok", "x" * 1000]}, file="p.json")
    assert raised.value.field == "medications[1]"
