"""The web questionnaire: one step a screen, big buttons, follow-ups after their answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nightcramp.core.triage import load_vocabulary
from nightcramp.store.triage.models import TriageRecord

pytestmark = pytest.mark.django_db


def _start(client: Client, user: User) -> str:
    client.force_login(user)
    response = client.post("/triage/start/")
    assert response.status_code == 302
    return str(response["Location"])


def _keys(client: Client, location: str) -> list[str]:
    return list(client.get(location).context["step"].keys)


def _answer_no_to_everything(client: Client, location: str) -> tuple[str, int]:
    """Tap No (or the first choice, or type a small number) until the result; count steps."""
    for count in range(1, 80):
        page = client.get(location)
        kind = page.context["kind"]
        data: dict[str, Any] = {"answer": "no"}
        if kind == "enum":
            data = {"answer": page.context["buttons"][0][0]}
        elif kind == "number":
            question = page.context["step"].questions[0]
            data = {"answer": "next", "value": 40 if question.key == "age" else 1}
        elif kind == "list":
            data = {"answer": "none"}
        response = client.post(location, data)
        assert response.status_code == 302, page.context["form"].errors
        location = str(response["Location"])
        if "/result/" in location:
            return location, count
    raise AssertionError("the questionnaire never ended")


def test_the_first_step_asks_the_emergency_signs_together_with_big_buttons(
    client: Client, alice: User
) -> None:
    location = _start(client, alice)
    page = client.get(location)
    html = page.content.decode()
    assert page.context["step"].together
    assert "short_of_breath" in page.context["step"].keys
    for words in ("Yes", "No", "Not sure"):
        assert f">{words}</button>" in html
    assert "<fieldset" in html and "<legend>" in html


def test_an_emergency_answer_goes_straight_to_a_result_that_says_call_first(
    client: Client, alice: User
) -> None:
    location = _start(client, alice)
    response = client.post(location, {"answer": "yes"})
    location = str(response["Location"])
    assert _keys(client, location)[0] == "short_of_breath"
    response = client.post(location, {"answer": "yes"})
    assert "/result/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Call your emergency number" in page
    record = TriageRecord.objects.get(user=alice)
    assert record.disposition == "emergency"
    assert record.answers == {"short_of_breath": True}


def test_after_a_yes_to_the_emergency_signs_each_of_them_comes_with_the_call_button(
    client: Client, alice: User
) -> None:
    location = _start(client, alice)
    assert "data-emergency" not in client.get(location).content.decode()
    response = client.post(location, {"answer": "yes"})
    location = str(response["Location"])
    for _ in range(3):  # "no" to the first signs: the call stays on each page that follows
        page = client.get(location)
        html = page.content.decode()
        assert 'href="tel:' in html and "data-emergency" in html
        assert html.index("data-emergency") < html.index("<fieldset")
        location = str(client.post(location, {"answer": "no"})["Location"])


def test_no_to_everything_gives_self_care_in_fewer_steps_than_questions(
    client: Client, alice: User
) -> None:
    location, steps = _answer_no_to_everything(client, _start(client, alice))
    record = TriageRecord.objects.get(user=alice)
    assert record.disposition == "self_care"
    core = load_vocabulary().core_safety_screen
    assert all(record.answers[k] is False for k in core)
    assert steps < len(record.answers)
    assert client.get(location).status_code == 200


def test_not_sure_counts_as_unknown_and_asks_each_question(client: Client, alice: User) -> None:
    location = _start(client, alice)
    together = _keys(client, location)
    response = client.post(location, {"answer": "unsure"})
    assert _keys(client, str(response["Location"])) == together[:1]
    progress = client.session["triage_progress"]
    assert not any(k in progress["known"] for k in together)


def test_a_follow_up_is_asked_right_after_the_yes_that_makes_it_apply(
    client: Client, alice: User
) -> None:
    from nightcramp.store.diary.models import Profile

    Profile.objects.create(user=alice, sex="female", birth_year=1996)
    location = _start(client, alice)
    for _ in range(60):
        keys = _keys(client, location)
        page = client.get(location)
        if keys == ["pregnant"] or "pregnant" in keys:
            response = client.post(location, {"answer": "yes"})
            location = str(response["Location"])
            if len(keys) > 1:
                assert _keys(client, location) == ["pregnant"]
                location = str(client.post(location, {"answer": "yes"})["Location"])
            assert _keys(client, location) == ["pregnancy_weeks"]
            return
        kind = page.context["kind"]
        data = {"answer": "no"} if kind == "yes_no" else {"answer": "unsure"}
        location = str(client.post(location, data)["Location"])
    raise AssertionError("pregnancy was never asked")


def test_men_are_not_asked_about_pregnancy(client: Client, alice: User) -> None:
    from nightcramp.store.diary.models import Profile

    Profile.objects.create(user=alice, sex="male", birth_year=1970)
    location = _start(client, alice)
    seen: set[str] = set()
    for _ in range(80):
        if "/result/" in location:
            break
        page = client.get(location)
        seen |= set(page.context["step"].keys)
        kind = page.context["kind"]
        data: dict[str, Any] = {"answer": "no"} if kind == "yes_no" else {"answer": "unsure"}
        location = str(client.post(location, data)["Location"])
    assert "pregnant" not in seen and "sex" not in seen


def test_a_number_needs_a_number_or_not_sure(client: Client, alice: User) -> None:
    location = _start(client, alice)
    for _ in range(40):
        page = client.get(location)
        if page.context["kind"] == "number":
            response = client.post(location, {"answer": "next", "value": ""})
            assert response.status_code == 200
            assert "Please type a number" in response.content.decode()
            response = client.post(location, {"answer": "next", "value": "-3"})
            assert response.status_code == 200
            response = client.post(location, {"answer": "unsure"})
            assert response.status_code == 302
            return
        location = str(client.post(location, {"answer": "no"})["Location"])
    raise AssertionError("no number was asked")


def test_back_shows_the_earlier_answer_and_changing_it_forgets_the_rest(
    client: Client, alice: User
) -> None:
    first = _start(client, alice)
    second = str(client.post(first, {"answer": "no"})["Location"])
    third = str(client.post(second, {"answer": "no"})["Location"])
    page = client.get(first)
    assert page.context["chosen"] == "no"
    assert "tq-chosen" in page.content.decode()
    client.post(first, {"answer": "unsure"})
    assert len(client.session["triage_progress"]["log"]) == 1
    assert client.get(third)["Location"].endswith("/step/2/")


def test_the_review_lists_each_answer_first_in_one_word(client: Client, alice: User) -> None:
    from nightcramp.store.diary.models import Profile

    Profile.objects.create(user=alice, sex="female", birth_year=1960)
    first = _start(client, alice)
    second = str(client.post(first, {"answer": "no"})["Location"])
    html = client.get(second).content.decode()
    assert 'class="tq-word tq-word-no">No</span>' in html
    assert "(from your records)" in html


def test_answers_from_the_diary_say_which_weeks_they_count(client: Client, alice: User) -> None:
    from nightcramp.store.diary.models import Episode

    today = timezone.localdate()
    for days in (2, 9):
        night = today - dt.timedelta(days=days)
        Episode.objects.create(
            user=alice,
            night=night,
            started_at=timezone.make_aware(dt.datetime.combine(night, dt.time(23, 0))),
            woke_from_sleep=True,
        )
    first = _start(client, alice)
    second = str(client.post(first, {"answer": "no"})["Location"])
    html = client.get(second).content.decode()
    assert "(from your diary, last 4 weeks)" in html


def test_a_step_out_of_order_or_without_a_questionnaire_goes_somewhere_sensible(
    client: Client, alice: User
) -> None:
    client.force_login(alice)
    assert client.get("/triage/step/1/")["Location"] == "/triage/"
    _start(client, alice)
    assert client.get("/triage/step/9/")["Location"].endswith("/step/1/")
    session = client.session
    session["triage_progress"] = {"known": {}, "log": [{"keys": ["no_such_key"], "reply": True}]}
    session.save()
    assert client.get("/triage/step/1/")["Location"] == "/triage/"


def test_the_questionnaire_starts_from_the_profile_and_medicine_list(
    client: Client, alice: User
) -> None:
    from nightcramp.store.diary.models import Medication, Profile

    Profile.objects.create(user=alice, sex="male", birth_year=1950, conditions=["diabetes"])
    Medication.objects.create(user=alice, name="Lasix")
    Medication.objects.create(user=alice, name="Old pill", stopped_on="2020-01-01")
    _start(client, alice)
    known = client.session["triage_progress"]["known"]
    assert known["sex"] == "male" and known["diabetes"] is True
    assert known["medications"] == ["Lasix"]


# ---- a medicine started in the last 12 weeks, from the medicine list -------------------------


def _walk_to(client: Client, location: str, key: str) -> str:
    """Answer No (or Not sure) until the step that asks `key`; its address."""
    for _ in range(80):
        if "/result/" in location:
            break
        page = client.get(location)
        if key in page.context["step"].keys:
            return location
        kind = page.context["kind"]
        data: dict[str, Any] = {"answer": "no"} if kind == "yes_no" else {"answer": "unsure"}
        location = str(client.post(location, data)["Location"])
    raise AssertionError(f"{key} was never asked")


def _new_medicine_step(client: Client, location: str) -> str:
    """The step asking `new_medication_last_weeks` on its own (after a yes to its group)."""
    location = _walk_to(client, location, "new_medication_last_weeks")
    if len(_keys(client, location)) > 1:
        location = str(client.post(location, {"answer": "yes"})["Location"])
        location = _walk_to(client, location, "new_medication_last_weeks")
    assert _keys(client, location) == ["new_medication_last_weeks"]
    return location


def _note(html: str) -> str:
    """The note naming the medicines started in the last 12 weeks ("" when there is none)."""
    import re

    found = re.search(r"data-from-medicines>(.*?)</p>", html, flags=re.S)
    return found.group(1) if found else ""


def _medicine(user: User, name: str, weeks_ago: float | None) -> None:
    import datetime as dt

    from django.utils import timezone

    from nightcramp.store.diary.models import Medication

    started = None if weeks_ago is None else timezone.localdate() - dt.timedelta(weeks=weeks_ago)
    Medication.objects.create(user=user, name=name, started_on=started)


def test_a_medicine_started_in_the_last_12_weeks_is_named_and_yes_is_marked(
    client: Client, alice: User
) -> None:
    _medicine(alice, "indapamide", weeks_ago=5)
    _medicine(alice, "metformin", weeks_ago=300)
    location = _start(client, alice)
    step = _walk_to(client, location, "new_medication_last_weeks")
    page = client.get(step)
    html = page.content.decode()
    assert page.context["chosen"] == "yes"  # also for "yes to any of these"
    assert "indapamide" in _note(html) and "metformin" not in _note(html)
    location = _new_medicine_step(client, location)
    page = client.get(location)
    html = page.content.decode()
    assert page.context["chosen"] == "yes"
    assert "tq-chosen" in html
    assert "<strong>indapamide</strong> on " in _note(html) and "metformin" not in _note(html)
    assert "Yes is marked" in _note(html)
    # Marked is not answered: the records never answer it for the person.
    assert "new_medication_last_weeks" not in client.session["triage_progress"]["known"]


def test_the_marked_yes_can_be_changed_and_the_persons_answer_counts(
    client: Client, alice: User
) -> None:
    _medicine(alice, "indapamide", weeks_ago=5)
    location = _new_medicine_step(client, _start(client, alice))
    after = str(client.post(location, {"answer": "no"})["Location"])
    progress = client.session["triage_progress"]
    assert progress["log"][-1] == {
        "keys": ["new_medication_last_weeks"],
        "again": False,
        "reply": False,
    }
    assert client.get(location).context["chosen"] == "no"  # back: the person's answer wins
    assert after != location


def test_a_medicine_with_no_start_date_leaves_the_answer_to_the_person(
    client: Client, alice: User
) -> None:
    _medicine(alice, "indapamide", weeks_ago=None)
    _medicine(alice, "atorvastatin", weeks_ago=13)  # outside the 12 weeks
    location = _new_medicine_step(client, _start(client, alice))
    page = client.get(location)
    html = page.content.decode()
    assert page.context["chosen"] == ""
    assert "tq-chosen" not in html and "data-from-medicines" not in html
