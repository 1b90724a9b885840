"""The condition language of the triage rules: answers, numbers and medicines."""

from __future__ import annotations

import pytest

from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.meds import MedClass
from nightcramp.core.meds.interactions import InteractionKind
from nightcramp.core.triage.conditions import (
    ConditionPlace,
    Facts,
    Medicines,
    medicines_of,
    parse_condition,
)

WHERE = ConditionPlace("triage/rules.yaml", "a_rule", "when")


def _holds(spec: object, answers: dict[str, object], medicines: Medicines | None = None) -> bool:
    return parse_condition(spec, WHERE, set())(Facts(answers=answers, medicines=medicines))  # type: ignore[arg-type]


def test_yes_and_no_hold_only_for_an_answer_never_for_a_missing_one() -> None:
    assert _holds({"yes_to": "fever"}, {"fever": True})
    assert not _holds({"yes_to": "fever"}, {})
    assert _holds({"no_to": "fever"}, {"fever": False})
    assert not _holds({"no_to": "fever"}, {})
    assert _holds({"not": {"no_to": "fever"}}, {})


def test_numbers_compare_only_when_answered() -> None:
    assert _holds({"less_than": {"age": 16}}, {"age": 15})
    assert not _holds({"less_than": {"age": 16}}, {"age": 16})
    assert not _holds({"less_than": {"age": 16}}, {})
    assert _holds({"at_least": {"age": 16}}, {"age": 16})
    assert _holds({"more_than": {"typical_duration_min": 10}}, {"typical_duration_min": 10.5})
    assert not _holds({"more_than": {"typical_duration_min": 10}}, {"typical_duration_min": True})
    assert _holds({"is": {"sex": "male"}}, {"sex": "male"})


def test_medicines_resolve_from_the_answers_when_a_condition_asks() -> None:
    assert _holds({"medicine": ["statin"]}, {"medications": ("Lipitor",)})
    assert not _holds({"medicine": ["statin"]}, {"medications": ("metformin",)})
    assert not _holds({"medicine": ["statin"]}, {})
    assert _holds({"linked_medicine": True}, {"medications": ["indapamide"]})
    assert _holds({"unknown_medicine": True}, {"medications": ["zzqxv"]})


def test_a_generic_is_found_by_its_brand_and_an_unrecognised_name_by_itself() -> None:
    assert _holds({"generic": ["apixaban"]}, {"medications": ("Eliquis",)})
    resolved = medicines_of(("Eliquis 5mg", "zzqxv"))
    assert "apixaban" in resolved.generics and "zzqxv" in resolved.generics
    assert resolved.unknown == ("zzqxv",)
    assert MedClass.NONE in resolved.classes


def test_takes_none_of_needs_a_known_list_with_every_name_recognised() -> None:
    spec = {"takes_none_of": ["warfarin", "apixaban"]}
    assert _holds(spec, {"medications": ("metformin",)})
    assert _holds(spec, {"medications": ()})
    assert not _holds(spec, {"medications": ("Coumadin",)})
    assert not _holds(spec, {"medications": ("zzqxv",)})
    assert not _holds(spec, {})
    assert not _holds(spec, {}, Medicines(everything=True))


def test_a_statin_interaction_is_found_among_the_medicines() -> None:
    spec = {"interaction": "statin_muscle"}
    assert _holds(spec, {"medications": ("simvastatin", "clarithromycin")})
    assert not _holds(spec, {"medications": ("simvastatin", "metformin")})
    kinds = medicines_of(("simvastatin", "clarithromycin")).interactions
    assert InteractionKind.STATIN_MUSCLE in kinds


@pytest.mark.parametrize(
    ("names", "interacts"),
    [
        (("statin", "clarithromycin"), True),  # "statin" may be simvastatin
        (("simvastatin", "antibiotics"), True),  # "antibiotics" may be clarithromycin
        (("cholesterol tablets", "gemfibrozil"), True),
        (("statin", "water tablet"), False),
        (("statin",), False),  # two statins one word may mean are not a pair
        (("simvastatin 10 mg", "amlodipine"), False),  # within the dose limit
        (("simvastatin 40 mg", "amlodipine"), True),
        (("simvastatin", "amlodipine"), True),  # dose not written
    ],
)
def test_an_everyday_word_or_an_unwritten_dose_never_hides_a_statin_interaction(
    names: tuple[str, ...], interacts: bool
) -> None:
    kinds = medicines_of(names).interactions
    assert (InteractionKind.STATIN_MUSCLE in kinds) is interacts


def test_the_safety_screen_is_incomplete_until_every_core_key_is_no() -> None:
    spec = {"safety_screen": "incomplete"}
    core = ("leg_red", "fever")
    keys: set[str] = set()
    test = parse_condition(spec, WHERE, keys, core=core)
    assert keys == set(core)
    assert test(Facts(answers={"leg_red": False}))
    assert test(Facts(answers={"leg_red": False, "fever": True}))
    assert not test(Facts(answers={"leg_red": False, "fever": False}))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"maybe": "fever"}, 'unknown condition operator "maybe"'),
        ({"yes_to": "fevr"}, 'yes_to: "fevr" is not a vocabulary key'),
        ({"less_than": {"age": "young"}}, 'less_than: expected a number, not "young"'),
        ({"less_than": ["age"]}, "less_than: expected {key: value}"),
        ({"all": []}, "all: expected a list of conditions"),
        ({"medicine": "statin"}, "medicine: expected a list of medication classes"),
        ({"medicine": ["statins"]}, "medicine: not a medication class"),
        ({"generic": "warfarin"}, "generic: expected a list of medicine names"),
        ({"takes_none_of": []}, "takes_none_of: expected a list of medicine names"),
        ({"generic": {"group": "statins"}}, 'generic: "statins" is not a medicine group'),
        ({"interaction": "grapefruit"}, 'interaction: "grapefruit" is not a kind'),
        ({"safety_screen": "complete"}, 'safety_screen: expected incomplete, not "complete"'),
        ({"yes_to": "fever", "no_to": "fever"}, "a condition is a mapping with one operator"),
        ({1: "fever"}, 'unknown condition operator "1"'),
    ],
)
def test_a_bad_condition_names_its_place_and_the_problem(spec: object, message: str) -> None:
    with pytest.raises(ContentFileError) as caught:
        parse_condition(spec, WHERE, set())
    text = str(caught.value)
    assert 'entry "a_rule", field "when"' in text
    assert message in text
