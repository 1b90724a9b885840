"""The plan page: triage first, every item with its grade in words and a source."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.core.knowledge.grades import Grade
from nightcramp.store.account.local import local_user
from nightcramp.store.diary import models

pytestmark = pytest.mark.django_db


def _local() -> User:
    user = local_user()
    assert isinstance(user, User)
    return user


def test_the_plan_page_shows_every_item_with_its_grade_in_words_and_a_source(
    client: Client,
) -> None:
    response = client.get("/plan/")
    assert response.status_code == 200
    html = response.content.decode()
    for item_id in ("bedtime_calf_stretch", "quinine", "magnesium_supplement", "hydration"):
        assert f'data-item="{item_id}"' in html
    assert f"{Grade.B.words} (B)" in html
    assert f"{Grade.X.words} (X)" in html
    assert 'class="sources"' in html
    assert re.search(r'data-item="quinine" data-status="not_advised"', html)


def test_without_safety_answers_the_page_puts_triage_before_the_items(client: Client) -> None:
    html = client.get("/plan/").content.decode()
    assert 'data-triage="routine"' in html
    assert html.index("data-triage") < html.index('data-item="')
    # An incomplete screen has its own label, never "mention it at your next check-up".
    assert "First: Safety questions not answered" in html
    assert "Mention it at your next check-up" not in html


def test_the_page_uses_the_stored_profile(client: Client) -> None:
    user = _local()
    models.Profile.objects.create(user=user, conditions=["heart_failure"])
    html = client.get("/plan/").content.decode()
    assert 'data-item="hydration" data-status="caution"' in html
    assert "fluid limit" in html


def test_the_page_has_no_inline_script_or_style(client: Client) -> None:
    html = client.get("/plan/").content.decode()
    assert "<script>" not in html and "style=" not in html


def test_the_latest_saved_triage_answers_drive_the_triage_block(client: Client) -> None:
    from nightcramp.store.triage.history import save_assessment

    user = _local()
    save_assessment(user, {"one_leg_swollen": True})
    html = client.get("/plan/").content.decode()
    assert 'data-triage="urgent"' in html
    assert 'data-item="bedtime_calf_stretch" data-status="not_advised"' in html


def test_while_a_leg_may_have_a_clot_no_page_offers_the_bedtime_stretch(client: Client) -> None:
    from django.utils import timezone

    from nightcramp.store.triage.history import resolve_result, save_assessment

    user = _local()
    assert "data-stretch-hold" not in client.get("/plan/").content.decode()
    urgent = save_assessment(user, {"one_leg_swollen": True, "age": 70})
    save_assessment(user, {"one_leg_swollen": False, "age": 70})  # later, milder: still held
    for url in ("/plan/", "/checkin", "/plan/routine/"):
        html = client.get(url).content.decode()
        assert "data-stretch-hold" in html, url
        assert "Do not stretch, rub or heat it" in html, url
        assert 'class="routine-link"' not in html and "coach-start" not in html, url
    now = client.get("/now").content.decode()
    assert "data-open-result" in now and "do not massage, stretch or heat that leg" in now
    # Its own emergency signs stay (the safety box names only some): coughing blood for a clot.
    block = now[now.index("data-open-result") : now.index('id="step-1"')]
    assert "cough up blood" in block
    assert now.index("data-safety") < now.index("data-open-result") < now.index('id="step-1"')
    # The steps stretch and rub: they are said to be for a cramp anywhere but that leg.
    elsewhere = now.index("data-steps-elsewhere")
    assert now.index("data-open-result") < elsewhere < now.index('id="step-1"')
    assert "<strong>Your symptom check on " in now and "See a doctor today.</strong>" in now
    resolve_result(user, urgent.pk, now=timezone.now())
    assert "data-open-result" not in client.get("/now").content.decode()
    assert "data-stretch-hold" not in client.get("/plan/").content.decode()


def test_an_open_result_that_leaves_the_legs_alone_does_not_turn_the_steps_away(
    client: Client,
) -> None:
    from nightcramp.store.triage.history import save_assessment

    save_assessment(_local(), {"heart_racing_now_and_faint": True, "age": 70})
    now = client.get("/now").content.decode()
    assert "data-open-result" in now and "data-steps-elsewhere" not in now


def test_a_refused_check_in_still_holds_the_stretch_and_never_offers_it(client: Client) -> None:
    from nightcramp.store.triage.history import save_assessment

    save_assessment(_local(), {"one_leg_swollen": True, "age": 70})
    refused = client.post("/checkin", {"standing_hours": "20", "sitting_hours": "10"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "data-stretch-hold" in html and "Do not stretch, rub or heat it" in html
    assert 'class="routine-link"' not in html and "coach-start" not in html


def test_a_self_care_result_with_something_to_check_leads_in_the_booking_colour(
    client: Client,
) -> None:
    from nightcramp.core.triage import load_vocabulary
    from nightcramp.store.triage.history import save_assessment

    screen_no = {key: False for key in load_vocabulary().core_safety_screen}
    save_assessment(_local(), {**screen_no, "recent_vomiting_or_diarrhoea": True})
    html = client.get("/plan/").content.decode()
    assert 'data-triage="self_care"' in html and "verdict-soon" in html
    assert "Check one thing first</h2>" in html
    assert html.index("If you take lithium") < html.index('data-item="')


def test_after_a_result_the_plan_offers_the_safety_questions_only_when_some_are_open(
    client: Client,
) -> None:
    from nightcramp.store.triage.history import save_assessment

    save_assessment(_local(), {"age": 70, "diabetes": True})
    assert "Answer the safety questions" in client.get("/plan/").content.decode()
    save_assessment(_local(), _complete({"age": 70, "diabetes": True}))
    html = client.get("/plan/").content.decode()
    assert "Answer the questions again" in html and "Answer the safety questions" not in html


def _complete(answers: dict[str, object]) -> dict[str, object]:
    """`answers` with every question that could change the result answered "no" (or none)."""
    from nightcramp.core.triage import assess, load_vocabulary

    questions = load_vocabulary().questions
    answers = dict(answers)
    for _ in range(20):
        open_keys = assess(answers).unanswered
        if not open_keys:
            return answers
        for key in open_keys:
            kind = questions[key].type.value
            answers[key] = {"bool": False, "list": [], "int": 1, "number": 1}.get(kind)
    raise AssertionError(f"still unanswered: {assess(answers).unanswered}")


def test_a_medicine_on_the_profile_that_makes_the_saved_answers_urgent_leads(
    client: Client,
) -> None:
    """Lithium on the profile with vomiting in the saved answers: a blood test today, never a
    softer "check one thing first" about lithium."""
    from nightcramp.core.triage import load_vocabulary
    from nightcramp.store.triage.history import save_assessment

    user = _local()
    models.Medication.objects.create(user=user, name="Priadel")
    screen_no = {key: False for key in load_vocabulary().core_safety_screen}
    save_assessment(user, {**screen_no, "recent_vomiting_or_diarrhoea": True})
    html = client.get("/plan/").content.decode()
    assert "verdict-urgent" in html and "With what your profile says" in html
    assert "lithium blood test" in html and "Check one thing first" not in html


def test_a_plain_self_care_result_adds_nothing_before_the_items(client: Client) -> None:
    from nightcramp.core.triage import load_vocabulary
    from nightcramp.store.triage.history import save_assessment

    answers = {key: False for key in load_vocabulary().core_safety_screen}
    save_assessment(_local(), {**answers, "medications": [], "cramps_per_week": 1})
    html = client.get("/plan/").content.decode()
    assert "data-triage" not in html


# ---- folded groups: "Worth a try" and "Not advised" fold, the rest stay open -----------------


def _groups(html: str) -> dict[str, str]:
    """Each plan group's HTML, by status."""
    found: dict[str, str] = {}
    for part in html.split('<section class="plan-group')[1:]:
        match = re.search(r'data-group="([a-z_]+)"', part)
        assert match is not None
        found[match.group(1)] = part.split("</section>")[0]
    return found


def _fold(group: str) -> re.Match[str] | None:
    """The group's <details> opening tag, if it is folded."""
    return re.search(r"<details class=\"plan-fold\"[^>]*>", group)


def test_worth_a_try_and_not_advised_fold_behind_their_name_and_count(client: Client) -> None:
    groups = _groups(client.get("/plan/").content.decode())
    assert set(groups) == {"recommended", "optional", "caution", "not_advised"}
    for status, label in (("optional", "Worth a try"), ("not_advised", "Not advised")):
        fold = _fold(groups[status])
        assert fold is not None, status
        assert " open" not in fold.group(0), status
        count = groups[status].count('class="card plan-item"')
        summary = re.search(r"<summary[^>]*>(.*?)</summary>", groups[status], re.S)
        assert summary is not None
        words = re.sub(r"<[^>]+>", " ", summary.group(1))
        assert label in words
        assert f"{count} items" in " ".join(words.split())


def test_recommended_and_check_first_stay_open(client: Client) -> None:
    groups = _groups(client.get("/plan/").content.decode())
    for status in ("recommended", "caution"):
        assert _fold(groups[status]) is None, status
        assert f'id="g-{status}"' in groups[status]


def test_a_folded_item_keeps_its_grade_and_sources(client: Client) -> None:
    groups = _groups(client.get("/plan/").content.decode())
    for status in ("optional", "not_advised"):
        items = groups[status].split('class="card plan-item"')[1:]
        assert items
        for item in items:
            assert 'class="grade grade-' in item
            assert 'class="sources"' in item


def test_a_group_with_an_item_you_tried_stays_open_so_the_answer_lands_on_it(
    client: Client,
) -> None:
    response = client.post("/plan/tried/loose_bedding", {"answer": "no_help"})
    assert response["Location"] == "/plan/#item-loose_bedding"
    groups = _groups(client.get("/plan/").content.decode())
    assert 'id="item-loose_bedding"' in groups["optional"]
    fold = _fold(groups["optional"])
    assert fold is not None and " open" in fold.group(0)
    not_advised = _fold(groups["not_advised"])
    assert not_advised is not None and " open" not in not_advised.group(0)
