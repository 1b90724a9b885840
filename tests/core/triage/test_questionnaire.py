"""The questionnaire's flow: follow-ups after their answer, no question that cannot matter,
an emergency ends it, unanswered safety questions are asked once more."""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest

from nightcramp.core.triage import Disposition, assess, load_vocabulary
from nightcramp.core.triage.questionnaire import Progress, Step, should_ask
from nightcramp.core.triage.vocabulary import AnswerValue, QuestionType

CORE = load_vocabulary().core_safety_screen


def _reply(person: Mapping[str, AnswerValue], step: Step) -> AnswerValue | None:
    if not step.together:
        return person.get(step.keys[0])
    values = [person.get(k) for k in step.keys]
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


def _run(
    person: Mapping[str, AnswerValue], known: Mapping[str, AnswerValue] | None = None
) -> Progress:
    progress = Progress(known=known or {})
    for _ in range(200):
        step = progress.next_step()
        if step is None:
            return progress
        progress = progress.answer(step, _reply(person, step))
    raise AssertionError("the questionnaire never ended")


def _asked(progress: Progress) -> list[str]:
    """Keys in the order they were first asked (alone or with others)."""
    seen: dict[str, None] = {}
    for step, _reply in progress.log:
        seen.update(dict.fromkeys(step.keys))
    return list(seen)


def _all_no(**changes: AnswerValue) -> dict[str, AnswerValue]:
    person: dict[str, AnswerValue] = {}
    for key, question in load_vocabulary().questions.items():
        if question.type is QuestionType.BOOL:
            person[key] = False
    person.update(age=50, sex="female", nights_sleep_disrupted_per_week=1)
    person.update(typical_duration_min=2, cramps_per_week=2, typical_severity=5, medications=())
    person.pop("pregnancy_weeks", None)
    person.update(changes)
    return {k: v for k, v in person.items() if should_ask(k, person)}


def _covered(progress: Progress) -> set[str]:
    return {k for s, _ in progress.log for k in s.keys}


def test_a_no_to_every_sign_ends_in_self_care_after_every_safety_question() -> None:
    progress = _run(_all_no())
    assert assess(progress.answers).disposition is Disposition.SELF_CARE
    assert all(progress.answers.get(k) is False for k in CORE)
    assert progress.asked < len(_covered(progress))  # some questions were asked together


def test_a_no_to_questions_asked_together_answers_each_of_them_no() -> None:
    progress = Progress()
    step = progress.next_step()
    assert step is not None and step.together
    after = progress.answer(step, False)
    assert all(after.answers[k] is False for k in step.keys)
    assert all(k not in progress.answer(step, None).answers for k in step.keys)


def test_a_yes_to_questions_asked_together_asks_them_one_by_one() -> None:
    progress = Progress()
    step = progress.next_step()
    assert step is not None and step.together
    following = progress.answer(step, True).next_step()
    assert following is not None and following.keys == step.keys[:1]


def test_a_yes_to_emergency_signs_together_offers_the_call_on_each_of_them() -> None:
    progress = Progress()
    step = progress.next_step()
    assert step is not None and step.together
    assert not progress.opened_emergency_signs(step)
    for reply in (True, None):
        opened = progress.answer(step, reply)
        following = opened.next_step()
        assert following is not None and opened.opened_emergency_signs(following)
    later = progress.answer(step, False)
    following = later.next_step()
    assert following is not None and not later.opened_emergency_signs(following)


def test_the_call_is_offered_only_while_an_emergency_sign_of_the_topic_is_unanswered() -> None:
    progress = Progress()
    seen: list[tuple[str, bool]] = []
    for _ in range(8):
        step = progress.next_step()
        assert step is not None
        seen.append((step.keys[0], progress.opened_emergency_signs(step)))
        opens = "leg_cold_or_pale" in step.keys and step.together
        progress = progress.answer(step, opens)
    shown = dict(seen)
    assert shown["leg_cold_or_pale"] and shown["leg_numb_and_weak_suddenly"]
    # Both answered no: a cramp that will not ease is urgent, not an emergency.
    assert shown["cramp_now_over_10_min_not_easing"] is False


def test_an_emergency_answer_ends_the_questions_at_once() -> None:
    person = _all_no(short_of_breath=True)
    progress = _run(person)
    assert progress.asked <= 2
    assert assess(progress.answers).disposition is Disposition.EMERGENCY
    assert progress.answers["short_of_breath"] is True


def test_bladder_trouble_asks_the_nerve_questions_before_settling_on_a_result() -> None:
    person = _all_no(bladder_or_bowel_change=True)
    progress = _run(person)
    assert assess(progress.answers).disposition is assess(person).disposition
    assert "back_pain_with_leg_symptoms" in progress.answers


@pytest.mark.parametrize(
    ("parent", "follow_up"),
    [
        ("pregnant", "pregnancy_weeks"),
        ("kidney_disease", "on_dialysis"),
        ("leg_warm", "recent_surgery_or_immobility"),
        ("severe_headache_or_vision_change", "headache_sudden_or_stroke_signs"),
    ],
)
def test_a_follow_up_comes_after_the_yes_that_makes_it_apply(parent: str, follow_up: str) -> None:
    person = _all_no(**{parent: True})
    person.setdefault(follow_up, False)
    if follow_up == "pregnancy_weeks":
        person[follow_up] = 30
    asked = _asked(_run(person))
    assert follow_up in asked
    assert asked.index(parent) < asked.index(follow_up)
    assert follow_up not in _covered(_run(_all_no(**{parent: False})))


def test_men_are_not_asked_the_pregnancy_questions() -> None:
    progress = _run(_all_no(sex="male"))
    assert progress.answers.get("sex") == "male" or "sex" not in _covered(progress)
    assert not {"pregnant", "gave_birth_last_6_weeks"} & _covered(progress)


def test_an_unanswered_safety_question_is_asked_once_more_and_only_once() -> None:
    person = _all_no()
    del person["leg_warm"]
    progress = _run(person)
    again = [s for s, _ in progress.log if s.again]
    assert [s.keys for s in again] == [("leg_warm",)]
    assert assess(progress.answers).disposition is Disposition.ROUTINE


def test_answers_from_the_records_are_never_asked() -> None:
    person = _all_no()
    known: dict[str, AnswerValue] = {"age": 50, "sex": "female", "diabetes": False}
    progress = _run(person, known)
    assert not set(known) & _covered(progress)
    assert progress.answers["diabetes"] is False


def test_people_get_the_result_of_all_their_answers(seed: int = 7) -> None:
    rng = random.Random(seed)
    questions = load_vocabulary().questions
    for _ in range(25):
        yes = rng.uniform(0.0, 0.15)
        person: dict[str, AnswerValue] = {}
        for key, question in questions.items():
            if question.type is QuestionType.BOOL:
                person[key] = rng.random() < yes
            elif question.type is QuestionType.ENUM:
                person[key] = rng.choice(question.choices)
            elif question.type is QuestionType.LIST:
                person[key] = rng.choice([(), ("indapamide",), ("lithium", "ramipril")])
            elif rng.random() < 0.9:
                high = question.maximum if question.maximum is not None else 20
                person[key] = rng.randint(1, int(high))
        person = {k: v for k, v in person.items() if should_ask(k, person)}
        progress = _run(person)
        full = assess(person).disposition
        assert assess(progress.answers).disposition is full


def test_going_back_forgets_the_later_answers() -> None:
    progress = _run(_all_no())
    earlier = progress.back_to(2)
    assert earlier.log == progress.log[:1]
    assert earlier.next_step() == progress.log[1][0]


def test_progress_survives_a_round_trip_through_json() -> None:
    person = _all_no(medications=("indapamide",))
    progress = _run(person, {"age": 50})
    again = Progress.from_json(progress.to_json())
    assert again == progress
    assert again.answers == progress.answers
