"""When a background fact is unanswered (an operation, cancer, a medicine), the advice says
what to do if it is true: the person knows it, even if the questionnaire did not ask."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

import pytest

from nightcramp.core.meds.names import compact, load_dictionary
from nightcramp.core.triage import Disposition, assess, label_of, load_rules, load_vocabulary
from nightcramp.core.triage.conditions import Facts
from nightcramp.core.triage.rules import Rule

_NECK = "If you have had an operation on your neck"
_CANCER = "If you have cancer, or have had chemotherapy or any other cancer treatment"
_FEVER_NET = (
    "If you have or get a fever (38 °C or more), or feel hot and shivery, call your 24-hour"
)
_LITHIUM = "If you take lithium (Priadel, Camcolit, Liskonum), see a doctor today"
_SPINE = "call your acute oncology number now about the back pain"
_SICK_DAY = "If you take a water tablet, a blood pressure tablet"
_QUININE = "since taking quinine, see a doctor today"
_SALTS = "If you take a water tablet, lithium or quinine, see a doctor today"


def _screen_no() -> dict[str, object]:
    """The core safety screen answered "no": without "if" sentences this is self-care."""
    return {key: False for key in load_vocabulary().core_safety_screen}


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ({"tingling_around_lips": True}, [_NECK]),
        ({"fever": True}, [_CANCER]),
        ({"fever": True, "medications": ["paracetamol"]}, [_CANCER]),
        ({"cancer_active": True}, [_FEVER_NET]),
        ({"recent_vomiting_or_diarrhoea": True}, [_LITHIUM, _SICK_DAY]),
        # A name that is not recognised may be lithium or a water tablet.
        ({"recent_vomiting_or_diarrhoea": True, "medications": ["mood stabiliser"]}, [_LITHIUM]),
        ({"recent_vomiting_or_diarrhoea": True, "medications": ["Zqqtab"]}, [_SICK_DAY]),
        ({"back_pain_with_leg_symptoms": True}, [_SPINE]),
        ({"medications": ["quinine"]}, [_QUININE]),
        ({"palpitations_or_faintness_new": True}, [_SALTS]),
    ],
)
def test_the_advice_says_what_to_do_if_the_unanswered_fact_is_true(
    answers: Mapping[str, object], says: list[str]
) -> None:
    advice = assess(answers).advice
    for words in says:
        assert words in advice, advice


@pytest.mark.parametrize(
    ("answers", "never"),
    [
        ({"tingling_around_lips": True, "recent_neck_surgery": False}, _NECK),
        ({"tingling_around_lips": False}, _NECK),
        ({"fever": True, "cancer_active": False}, _CANCER),
        ({"fever": True, "cancer_active": False}, "If you are having chemotherapy"),
        ({"fever": False}, _CANCER),
        ({"cancer_active": True, "fever": False}, _FEVER_NET),
        ({"recent_vomiting_or_diarrhoea": True, "medications": ["ramipril"]}, _LITHIUM),
        ({"recent_vomiting_or_diarrhoea": True, "medications": ["paracetamol"]}, _SICK_DAY),
        ({"back_pain_with_leg_symptoms": True, "cancer_active": False}, _SPINE),
        ({"medications": ["quinine"], "quinine_side_effects": False}, _QUININE),
        ({"medications": ["paracetamol"]}, _QUININE),
        # Once the answer is yes, the rule itself speaks; the "if" sentence is not added.
        ({"tingling_around_lips": True, "recent_neck_surgery": True}, _NECK),
        ({"fever": True, "cancer_active": True}, _CANCER),
    ],
)
def test_no_if_sentence_once_the_fact_is_answered(
    answers: Mapping[str, object], never: str
) -> None:
    assert never not in assess(answers).advice


def test_the_if_sentence_never_changes_the_disposition() -> None:
    assert assess({"tingling_around_lips": True}).disposition is Disposition.URGENT
    assert assess({"fever": True}).disposition is Disposition.ROUTINE


def test_self_care_with_an_if_sentence_leads_with_it_not_with_manage_at_home() -> None:
    result = assess({**_screen_no(), "fever": True, "age": 70})
    assert result.disposition is Disposition.SELF_CARE  # VOCABULARY decides the disposition
    assert result.label != load_rules().labels[Disposition.SELF_CARE]
    assert result.headline.startswith(load_rules().unless_headline)
    assert _CANCER in result.headline  # the box a frightened person reads says it
    assert result.advice.count(_CANCER) == 1
    assert label_of(result.to_json()) == result.label
    plain = assess(_screen_no())
    assert plain.label == load_rules().labels[Disposition.SELF_CARE]


def test_each_if_sentence_names_a_key_its_rule_reads() -> None:
    for rule in load_rules().rules:
        for key, text in rule.if_unknown:
            assert key in rule.keys
            assert text.startswith("If ")


@pytest.mark.parametrize("none", [["none"], ["n/a"], ["No medication"]])
def test_a_medicine_list_that_says_none_adds_no_medicine_sentence(none: list[str]) -> None:
    advice = assess({"recent_vomiting_or_diarrhoea": True, "medications": none}).advice
    assert _LITHIUM not in advice and _SICK_DAY not in advice


def test_the_colour_of_check_one_thing_first_is_not_the_all_clear_one() -> None:
    from nightcramp.core.triage import tone_of

    result = assess({**_screen_no(), "fever": True})
    assert tone_of(result.disposition, result.label) is Disposition.SOON
    plain = assess(_screen_no())
    assert tone_of(plain.disposition, plain.label) is Disposition.SELF_CARE


def test_a_saved_label_is_read_back_as_it_was_saved() -> None:
    saved = {**assess({"fever": True}).to_json(), "label": "A label from an older version"}
    assert label_of(saved) == "A label from an older version"


def _names_in(sentence: str) -> dict[str, tuple[str, ...]]:
    """Each medicine a sentence names, exactly as the medicine tables spell a name or an
    everyday word ("water tablet"), with the generics it stands for."""
    data = load_dictionary()
    words = [w.strip(".,:;()") for w in sentence.split()]
    found: dict[str, tuple[str, ...]] = {}
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            key = compact(phrase)
            if key in data.names:
                found[phrase] = (data.names[key],)
            elif key in data.everyday:
                found[phrase] = data.everyday[key].may_mean
    return found


def _bracketed(sentence: str) -> list[str]:
    """The names listed in brackets ("lithium (Priadel, Camcolit or Liskonum)")."""
    found: list[str] = []
    for inside in re.findall(r"\(([^)]*)\)", sentence):
        found += [n.strip() for n in re.split(r",|\bor\b|\band\b", inside) if n.strip()]
    return found


def _fires(rule: Rule, answers: Mapping[str, object], medicines: tuple[str, ...]) -> bool:
    return rule.when(Facts({**answers, "medications": list(medicines)}))  # type: ignore[dict-item]


def _matters(rule: Rule, medicine: str, partners: tuple[str, ...]) -> bool:
    """Whether taking `medicine` (alone or with one of `partners`) makes the rule apply for
    some yes/no answers to the other keys it reads, where without it the rule would not."""
    others = sorted(rule.keys - {"medications"})
    for values in itertools.product((True, False), repeat=len(others)):
        answers = dict(zip(others, values, strict=True))
        for partner in ((), *((p,) for p in partners)):
            if _fires(rule, answers, (medicine, *partner)) and not _fires(rule, answers, partner):
                return True
    return False


def test_every_medicine_an_if_sentence_names_is_one_its_rule_acts_on() -> None:
    """The "If you take lithium (Priadel …)" sentences name medicines the medicine tables also
    hold: each name must resolve to a medicine that makes its rule apply, so the text and the
    tables cannot drift apart (a brand of something else, a misspelt name)."""
    checked = 0
    for rule in load_rules().rules:
        sentence = dict(rule.if_unknown).get("medications")
        if sentence is None:
            continue
        named = _names_in(sentence)
        assert named, f"{rule.id}: its medicines sentence names no medicine the tables know"
        for listed in _bracketed(sentence):  # "(Priadel, Camcolit, Liskonum)": each one known
            assert listed in named, f"{rule.id}: {listed!r} is not a name the tables know"
        generics = tuple(g for gs in named.values() for g in gs)
        for phrase, means in named.items():
            assert any(_matters(rule, g, generics) for g in means), (
                f"{rule.id}: {phrase!r} ({', '.join(means)}) does not make the rule apply"
            )
            checked += 1
    assert checked >= 10
