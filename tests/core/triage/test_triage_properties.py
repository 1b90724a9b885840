"""Safety properties of triage, over many generated answer sets.

- turning a red-flag answer from false to true never lowers the disposition;
- removing an answer that is `false` (unknown instead of no) never lowers it;
- the advice never depends on sex alone (beyond rule 6: pregnancy questions not asked of men).
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from nightcramp.core.triage import Disposition, assess, load_rules, load_vocabulary
from nightcramp.core.triage.vocabulary import QuestionType

VOCABULARY = load_vocabulary()
CORE = list(VOCABULARY.core_safety_screen)
SAFE: dict[str, object] = dict.fromkeys(CORE, False)
BOOL_KEYS = sorted(k for k, q in VOCABULARY.questions.items() if q.type is QuestionType.BOOL)
MEDICINES = [
    "atorvastatin",
    "simvastatin",
    "clarithromycin",
    "furosemide",
    "indapamide",
    "ramipril",
    "lithium",
    "quinine",
    "cisplatin",
    "apixaban",
    "metformin",
    "Symbicort",
    "notarealmedicine",
]


@cache
def _red_flags() -> tuple[str, ...]:
    """Every yes/no key whose yes, on a safe screen, needs a doctor today or sooner."""
    return tuple(
        k
        for k in BOOL_KEYS
        if assess({**SAFE, k: True}).disposition.urgency >= Disposition.URGENT.urgency
    )


def _answers() -> st.SearchStrategy[dict[str, object]]:
    flags = st.dictionaries(
        st.sampled_from(BOOL_KEYS), st.sampled_from([False, False, False, True, None]), max_size=25
    )
    numbers = st.fixed_dictionaries(
        {},
        optional={
            "age": st.integers(0, 100),
            "sex": st.sampled_from(["female", "male", "other"]),
            "pregnancy_weeks": st.integers(0, 45),
            "nights_sleep_disrupted_per_week": st.integers(0, 7),
            "typical_duration_min": st.sampled_from([0.5, 2, 10, 11, 30]),
            "medications": st.lists(st.sampled_from(MEDICINES), max_size=3, unique=True),
        },
    )
    base = st.sampled_from([{}, SAFE])
    return st.tuples(base, flags, numbers).map(lambda t: {**t[0], **t[1], **t[2]})


def test_there_are_red_flags_and_the_core_screen_is_among_them() -> None:
    flags = set(_red_flags())
    assert set(CORE) <= flags
    assert {
        "cramp_now_over_10_min_not_easing",
        "tingling_around_lips",
        "quinine_side_effects",
    } <= flags
    assert "smoker" not in flags


@settings(max_examples=250, deadline=None)
@given(answers=_answers(), data=st.data())
def test_turning_a_red_flag_from_false_to_true_never_lowers_the_disposition(
    answers: dict[str, object], data: st.DataObject
) -> None:
    flag = data.draw(st.sampled_from(_red_flags()))
    before = assess({**answers, flag: False}).disposition
    after = assess({**answers, flag: True}).disposition
    assert after.urgency >= before.urgency
    assert after.urgency >= Disposition.URGENT.urgency


@settings(max_examples=250, deadline=None)
@given(answers=_answers(), data=st.data())
def test_turning_any_answer_from_false_to_true_never_lowers_below_urgent_care(
    answers: dict[str, object], data: st.DataObject
) -> None:
    key = data.draw(st.sampled_from(BOOL_KEYS))
    before = assess({**answers, key: False}).disposition
    after = assess({**answers, key: True}).disposition
    if before.urgency >= Disposition.URGENT.urgency:
        assert after.urgency >= before.urgency


@settings(max_examples=250, deadline=None)
@given(answers=_answers(), data=st.data())
def test_removing_a_no_answer_never_lowers_the_disposition(
    answers: dict[str, object], data: st.DataObject
) -> None:
    noes = sorted(k for k, v in answers.items() if v is False or v == [])
    if not noes:
        return
    removed = data.draw(st.lists(st.sampled_from(noes), min_size=1, unique=True))
    reduced = {k: v for k, v in answers.items() if k not in removed}
    assert assess(reduced).disposition.urgency >= assess(answers).disposition.urgency


MATERNITY_IF = next(r.advice for r in load_rules().rules if r.id == "maternity_if_pregnant")


def _without(text: str, sentence: str) -> str:
    return " ".join(text.replace(sentence, "").split())


def _pregnancy_unknown(answers: dict[str, object]) -> bool:
    """Pregnancy answers missing (or not both no) for someone who may be of child-bearing age."""
    age = answers.get("age")
    if isinstance(age, int) and not 12 <= age <= 55:
        return False
    pregnant, birth = answers.get("pregnant"), answers.get("gave_birth_last_6_weeks")
    weeks = answers.get("pregnancy_weeks")
    if pregnant is True or birth is True or (isinstance(weeks, int) and weeks >= 1):
        return False
    return not (pregnant is False and birth is False)


@settings(max_examples=200, deadline=None)
@given(
    answers=_answers(),
    sexes=st.lists(st.sampled_from(["female", "male", "other", None]), min_size=2, max_size=2),
)
def test_the_advice_never_depends_on_sex_alone(
    answers: dict[str, object], sexes: list[str | None]
) -> None:
    first, second = ({**answers, "sex": s} for s in sexes)
    one, other = assess(first), assess(second)
    assert one.disposition is other.disposition
    assert one.headline == other.headline
    if "male" in sexes and sexes[0] != sexes[1] and _pregnancy_unknown(answers):
        # Rule 6: the pregnancy questions are not asked of someone who answered male, so
        # their missing answers count only for others aged 12-55 (or of unknown age): the
        # line for "if you are pregnant" is all that may differ.
        assert _without(one.advice, MATERNITY_IF) == _without(other.advice, MATERNITY_IF)
    else:
        assert one.advice == other.advice


@settings(max_examples=100, deadline=None)
@given(answers=_answers(), key=st.sampled_from(BOOL_KEYS))
def test_null_means_the_same_as_a_missing_key(answers: dict[str, object], key: str) -> None:
    without = {k: v for k, v in answers.items() if k != key}
    assert assess({**without, key: None}).to_json() == assess(without).to_json()


@settings(max_examples=100, deadline=None)
@given(answers=_answers())
def test_self_care_only_with_the_whole_core_screen_answered_no(answers: dict[str, object]) -> None:
    if assess(answers).disposition is Disposition.SELF_CARE:
        assert all(answers.get(k) is False for k in CORE)
