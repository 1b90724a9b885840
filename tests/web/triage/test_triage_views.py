"""The web questionnaire, saved results and the triage API."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nightcramp.core.triage import assess, load_vocabulary
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.models import TriageRecord

pytestmark = pytest.mark.django_db


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_start_page_offers_the_questions(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.get("/triage/")
    assert response.status_code == 200
    assert "Start the questions" in response.content.decode()


def test_bob_cannot_see_alices_result(client: Client, alice: User, bob: User) -> None:
    record = save_assessment(alice, {"leg_warm": True})
    client.force_login(bob)
    assert client.get(f"/triage/result/{record.pk}/").status_code == 404
    client.force_login(alice)
    assert client.get(f"/triage/result/{record.pk}/").status_code == 200


def test_api_post_saves_and_latest_returns_it(client: Client, alice_token: str) -> None:
    response = client.post(
        "/api/v1/triage",
        {"leg_warm": True},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 201
    assert response.json()["disposition"] == "urgent"
    latest = client.get("/api/v1/triage/latest", headers=_auth(alice_token))
    assert latest.json()["id"] == response.json()["id"]


def test_api_invalid_answer_names_the_key(client: Client, alice_token: str) -> None:
    response = client.post(
        "/api/v1/triage",
        {"age": "old"},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert response.status_code == 422
    assert "age" in str(response.json())


def test_api_latest_is_private(client: Client, alice_token: str, bob_token: str) -> None:
    client.post(
        "/api/v1/triage",
        {"leg_warm": True},
        content_type="application/json",
        headers=_auth(alice_token),
    )
    assert client.get("/api/v1/triage/latest", headers=_auth(bob_token)).status_code == 404
    assert client.get("/api/v1/triage/latest").status_code == 401


def test_result_points_out_a_medicine_started_before_the_cramps(
    client: Client, alice: User
) -> None:
    import datetime as dt

    from nightcramp.store.diary.models import Episode, Medication

    Medication.objects.create(user=alice, name="indapamide", started_on=dt.date(2026, 5, 1))
    Medication.objects.create(user=alice, name="metformin", started_on=dt.date(2019, 5, 1))
    Episode.objects.create(
        user=alice,
        started_at=dt.datetime(2026, 6, 1, 23, 0, tzinfo=dt.UTC),
        night=dt.date(2026, 6, 1),
    )
    record = save_assessment(alice, {"leg_warm": True})
    client.force_login(alice)
    page = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert "You started indapamide in the 12 weeks" in page
    assert "metformin" not in page


def test_the_result_names_only_medicines_that_could_play_a_part_and_not_in_an_emergency(
    client: Client, alice: User
) -> None:
    import datetime as dt

    from nightcramp.store.diary.models import Episode, Medication

    Medication.objects.create(user=alice, name="Magnesium", started_on=dt.date(2026, 5, 1))
    Medication.objects.create(
        user=alice, name="bendroflumethiazide", started_on=dt.date(2026, 5, 2)
    )
    Episode.objects.create(
        user=alice,
        started_at=dt.datetime(2026, 6, 1, 23, 0, tzinfo=dt.UTC),
        night=dt.date(2026, 6, 1),
    )
    client.force_login(alice)
    urgent = save_assessment(alice, {"leg_warm": True})
    page = client.get(f"/triage/result/{urgent.pk}/").content.decode()
    assert "You started bendroflumethiazide in the 12 weeks" in page
    assert "Magnesium" not in page
    emergency = save_assessment(alice, {"short_of_breath": True})
    page = client.get(f"/triage/result/{emergency.pk}/").content.decode()
    assert "data-new-medicines" not in page


# ---- triage history: open results, "I have been seen", the home page and the plan -----------

URGENT: dict[str, object] = {
    "pregnant": True,
    "one_leg_swollen": True,
}  # pregnant, swollen calf: get help now (the maternity unit)
ALL_CLEAR: dict[str, object] = {"cramps_per_week": 1}


def _aged(record: TriageRecord, days: float) -> TriageRecord:
    import datetime as dt

    from django.utils import timezone

    record.created_at = timezone.now() - dt.timedelta(days=days)
    record.save(update_fields=["created_at"])
    return record


def test_an_open_result_offers_i_have_been_seen_and_the_button_closes_it(
    client: Client, alice: User
) -> None:
    record = save_assessment(alice, URGENT)
    client.force_login(alice)
    page = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert "I have been seen" in page and f"/triage/result/{record.pk}/seen/" in page
    response = client.post(f"/triage/result/{record.pk}/seen/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.resolved_at is not None
    after = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert "I have been seen" not in after and "Seen to on" in after


def test_i_have_been_seen_needs_a_post_with_the_csrf_token(alice: User) -> None:
    record = save_assessment(alice, URGENT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(f"/triage/result/{record.pk}/seen/").status_code == 405
    assert client.post(f"/triage/result/{record.pk}/seen/").status_code == 403
    record.refresh_from_db()
    assert record.resolved_at is None


def test_bob_cannot_mark_alices_result_seen(client: Client, alice: User, bob: User) -> None:
    record = save_assessment(alice, URGENT)
    client.force_login(bob)
    assert client.post(f"/triage/result/{record.pk}/seen/").status_code == 404
    record.refresh_from_db()
    assert record.resolved_at is None


def test_a_self_care_result_offers_no_seen_button(client: Client, alice: User) -> None:
    record = save_assessment(alice, ALL_CLEAR)
    client.force_login(alice)
    assert "I have been seen" not in client.get(f"/triage/result/{record.pk}/").content.decode()


def test_the_emergency_call_button_dials_exactly_the_configured_number(
    client: Client, alice: User, settings: Any
) -> None:
    settings.NIGHTCRAMP_EMERGENCY_NUMBER = "000"
    record = save_assessment(alice, {"short_of_breath": True})
    client.force_login(alice)
    page = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert 'href="tel:000"' in page
    home = client.get("/").content.decode()
    assert 'href="tel:000"' in home


def test_the_home_page_leads_with_the_open_urgent_result_not_a_later_all_clear(
    client: Client, alice: User
) -> None:
    urgent = save_assessment(alice, URGENT)
    save_assessment(alice, ALL_CLEAR)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert f'data-open-result="{urgent.pk}"' in page
    assert page.index("data-open-result") < page.index("btn-now")
    assert assess(URGENT).label in page  # the result's own label, as its page shows it
    # ... and the signs that make it an emergency (VOCABULARY rule 5), before Cramp now
    signs = page.index("data-emergency-signs")
    assert page.index("data-open-result") < signs < page.index("btn-now")
    assert "short of breath" in page[signs : page.index("btn-now")]


def test_the_home_page_shows_the_most_urgent_open_result(client: Client, alice: User) -> None:
    emergency = save_assessment(alice, {"short_of_breath": True})
    save_assessment(alice, URGENT)
    client.force_login(alice)
    assert f'data-open-result="{emergency.pk}"' in client.get("/").content.decode()


def test_seen_from_the_home_page_thanks_and_the_reminder_goes(client: Client, alice: User) -> None:
    urgent = save_assessment(alice, URGENT)
    client.force_login(alice)
    response = client.post(f"/triage/result/{urgent.pk}/seen/", {"back": "home"})
    assert response.status_code == 302 and response["Location"] == f"/?seen={urgent.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "data-seen-done" in page and "data-open-result" not in page


def test_an_open_result_older_than_14_days_leaves_the_home_page(
    client: Client, alice: User
) -> None:
    _aged(save_assessment(alice, URGENT), 15)
    client.force_login(alice)
    assert "data-open-result" not in client.get("/").content.decode()


def test_household_members_never_see_each_others_results(
    client: Client, alice: User, bob: User
) -> None:
    record = save_assessment(alice, URGENT)
    client.force_login(bob)
    assert "data-open-result" not in client.get("/").content.decode()
    assert f'data-result="{record.pk}"' not in client.get("/triage/history/").content.decode()
    assert f"?seen={record.pk}" not in client.get(f"/?seen={record.pk}").content.decode()
    resolved = save_assessment(alice, URGENT)
    TriageRecord.objects.filter(pk=resolved.pk).update(resolved_at="2026-01-01T00:00:00Z")
    assert "data-seen-done" not in client.get(f"/?seen={resolved.pk}").content.decode()


def test_the_history_page_says_which_results_were_seen_to(client: Client, alice: User) -> None:
    open_one = save_assessment(alice, URGENT)
    seen = save_assessment(alice, URGENT)
    client.force_login(alice)
    client.post(f"/triage/result/{seen.pk}/seen/")
    page = client.get("/triage/history/").content.decode()
    assert f'data-result="{open_one.pk}" data-open' in page
    assert f'data-result="{seen.pk}">' in page and "Seen to on" in page
    assert "Not seen yet" in client.get("/triage/").content.decode()


def test_the_plan_page_leads_with_the_open_result_and_can_close_it(
    client: Client, alice: User
) -> None:
    urgent = save_assessment(alice, URGENT)
    save_assessment(alice, ALL_CLEAR)
    client.force_login(alice)
    page = client.get("/plan/").content.decode()
    assert 'data-triage="urgent"' in page and "I have been seen" in page
    response = client.post(f"/triage/result/{urgent.pk}/seen/", {"back": "plan"})
    assert response["Location"] == "/plan/"
    assert 'data-triage="urgent"' not in client.get("/plan/").content.decode()


def test_a_booking_is_on_the_home_page_for_two_weeks_until_seen_to(
    client: Client, alice: User
) -> None:
    booking = save_assessment(alice, {"nights_sleep_disrupted_per_week": 4})
    assert booking.disposition == "soon"
    client.force_login(alice)
    home = client.get("/").content.decode()
    assert f'data-booked-result="{booking.pk}"' in home and "I have been seen" in home
    _aged(booking, 15)
    assert "data-booked-result" not in client.get("/").content.decode()
    _aged(booking, 1)
    client.post(f"/triage/result/{booking.pk}/seen/", {"back": "home"})
    assert "data-booked-result" not in client.get("/").content.decode()


def test_a_later_result_takes_the_bookings_place_on_the_home_page(
    client: Client, alice: User
) -> None:
    save_assessment(alice, {"nights_sleep_disrupted_per_week": 4})
    save_assessment(alice, ALL_CLEAR)
    client.force_login(alice)
    assert "data-booked-result" not in client.get("/").content.decode()


def test_the_report_lists_the_urgent_results_and_leads_with_the_open_one(
    client: Client, alice: User
) -> None:
    save_assessment(alice, URGENT)
    save_assessment(alice, ALL_CLEAR)
    client.force_login(alice)
    html = client.get("/report/print").content.decode()
    assert "Urgent symptom checks in this period" in html
    assert "URGENT: see a doctor today" in html and "not seen yet" in html
    assert "ROUTINE" not in html and "SELF-CARE" not in html


# ---- the API -------------------------------------------------------------------------------


def test_api_history_lists_saved_results_newest_first(client: Client, alice_token: str) -> None:
    for answers in (URGENT, ALL_CLEAR):
        client.post(
            "/api/v1/triage", answers, content_type="application/json", headers=_auth(alice_token)
        )
    response = client.get("/api/v1/triage", headers=_auth(alice_token))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["next"] is None
    assert [i["disposition"] for i in body["items"]][1] == "urgent"
    assert body["items"][1]["open"] is True and body["items"][1]["resolved"] is False
    assert body["items"][1]["source"] == "api"
    page = client.get("/api/v1/triage?limit=1", headers=_auth(alice_token)).json()
    assert len(page["items"]) == 1 and "offset=1" in page["next"]


def test_api_resolve_closes_a_result_and_the_plan_follows(client: Client, alice_token: str) -> None:
    urgent = client.post(
        "/api/v1/triage", URGENT, content_type="application/json", headers=_auth(alice_token)
    ).json()
    client.post(
        "/api/v1/triage", ALL_CLEAR, content_type="application/json", headers=_auth(alice_token)
    )
    plan = client.get("/api/v1/plan", headers=_auth(alice_token)).json()
    assert plan["triage"]["disposition"] == "urgent" and plan["triage"]["id"] == urgent["id"]
    assert "at" in plan["triage"]
    response = client.post(f"/api/v1/triage/{urgent['id']}/resolve", headers=_auth(alice_token))
    assert response.status_code == 200
    assert response.json()["resolved"] is True and response.json()["open"] is False
    after = client.get("/api/v1/plan", headers=_auth(alice_token)).json()
    assert after.get("triage", {}).get("disposition") != "urgent"


def test_api_results_of_others_are_404_and_no_token_is_401(
    client: Client, alice_token: str, bob_token: str
) -> None:
    urgent = client.post(
        "/api/v1/triage", URGENT, content_type="application/json", headers=_auth(alice_token)
    ).json()
    path = f"/api/v1/triage/{urgent['id']}"
    assert client.post(f"{path}/resolve", headers=_auth(bob_token)).status_code == 404
    assert client.get(path, headers=_auth(bob_token)).status_code == 404
    assert client.get("/api/v1/triage", headers=_auth(bob_token)).json()["count"] == 0
    assert client.get(path, headers=_auth(alice_token)).json()["disposition"] == "urgent"
    assert client.post(f"{path}/resolve").status_code == 401
    assert client.get("/api/v1/triage").status_code == 401
    assert client.post("/api/v1/triage/0/resolve", headers=_auth(alice_token)).status_code == 422


def test_the_saved_headline_is_shown_as_it_was_given(client: Client, alice: User) -> None:
    # A result may carry its own headline (e.g. a maternity unit for a clot in pregnancy):
    # the result page and the home page show the one saved with it.
    record = save_assessment(alice, URGENT)
    headline = "Contact your maternity unit or midwife now."
    TriageRecord.objects.filter(pk=record.pk).update(headline=headline)
    client.force_login(alice)
    assert headline in client.get(f"/triage/result/{record.pk}/").content.decode()
    assert headline in client.get("/").content.decode()


def test_an_incomplete_safety_screen_never_reads_mention_it_at_your_next_check_up(
    client: Client, alice: User
) -> None:
    # Vocabulary rule 7: unanswered safety questions have their own label and headline.
    record = save_assessment(alice, {"cramps_per_week": 2})
    assert record.disposition == "routine"
    client.force_login(alice)
    html = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert "next check-up" not in html.lower()
    assert "safety questions" in html.lower()


def test_the_signs_to_act_on_link_the_emergency_number(client: Client, alice: User) -> None:
    record = save_assessment(alice, URGENT)
    client.force_login(alice)
    html = client.get(f"/triage/result/{record.pk}/").content.decode()
    signs = html[html.index("data-emergency-signs") :]
    signs = signs[: signs.index("</div>")]
    assert 'href="tel:112"' in signs


SLEEP_BROKEN = {"nights_sleep_disrupted_per_week": 3}  # "soon", every safety question unanswered


def _result(client: Client, alice: User, answers: dict[str, Any]) -> tuple[TriageRecord, str]:
    record = save_assessment(alice, answers)
    client.force_login(alice)
    return record, client.get(f"/triage/result/{record.pk}/").content.decode()


def test_the_start_page_has_a_full_width_call_button_in_its_safety_box(
    client: Client, alice: User, settings: Any
) -> None:
    settings.NIGHTCRAMP_EMERGENCY_NUMBER = "000"
    client.force_login(alice)
    html = client.get("/triage/").content.decode()
    box = html[html.index('class="alert') :]
    box = box[: box.index("</div>")]
    assert '<a class="btn btn-big btn-danger" href="tel:000" data-emergency>' in box
    assert "Emergency: call 000</a>" in box


def test_the_signs_box_of_a_result_has_a_full_width_call_button(
    client: Client, alice: User
) -> None:
    _record, html = _result(client, alice, URGENT)
    signs = html[html.index("data-emergency-signs") :]
    signs = signs[: signs.index("</div>")]
    assert '<a class="btn btn-big btn-danger" href="tel:112" data-emergency>' in signs


def test_a_routine_result_gives_the_signs_to_watch_for_calmly(client: Client, alice: User) -> None:
    # Nothing needs help now: no red box and big call button above the reasons (no fear).
    screened = dict.fromkeys(load_vocabulary().core_safety_screen, False)
    answers = {**screened, "medications": ["simvastatin"], "age": 70, "sex": "male"}
    record, html = _result(client, alice, answers)
    assert record.disposition == "routine"
    signs = html[html.index("data-emergency-signs") - 40 :]
    signs = signs[: signs.index("</div>")]
    assert 'class="note"' in signs and 'href="tel:112"' in signs
    assert "btn-danger" not in signs


def test_in_pregnancy_the_signs_box_holds_the_pregnancy_words_and_not_the_advice(
    client: Client, alice: User
) -> None:
    answers = {**URGENT, "pregnant": True, "pregnancy_weeks": 30, "age": 30, "sex": "female"}
    _record, html = _result(client, alice, answers)
    signs = html[html.index("data-emergency-signs") :]
    signs = signs[: signs.index("</div>")]
    assert "more short of breath than is usual for your pregnancy" in signs
    advice = html[html.index("data-advice") :]
    advice = advice[: advice.index("</p>")]
    assert "short of breath" not in advice  # said once, in the box


def test_a_result_whose_headline_names_the_number_has_the_call_button_too(
    client: Client, alice: User
) -> None:
    # Unanswered safety questions: the headline itself says when to call.
    _record, html = _result(client, alice, {"cramps_per_week": 2})
    verdict = html[html.index("data-disposition") :]
    verdict = verdict[: verdict.index("</section>")]
    assert '<a class="btn btn-big btn-danger" href="tel:112" data-emergency>' in verdict


@pytest.mark.parametrize("answers", [SLEEP_BROKEN, {"cramps_per_week": 2}], ids=["soon", "routine"])
def test_unanswered_safety_questions_are_one_line_a_button_and_a_folded_list(
    client: Client, alice: User, answers: dict[str, Any]
) -> None:
    record, html = _result(client, alice, answers)
    not_ruled_out = [r for r in record.result["reasons"] if r.startswith("We could not rule out")]
    asked = len({q for r in not_ruled_out for q in re.findall("“([^”]*)”", r)})
    assert not_ruled_out and asked >= 2
    line = (
        f"{asked} questions that could change this result are not answered yet, so we cannot "
        "rule some things out."
    )
    assert line in html
    # The result and what to do come first; then the line, its button, the folded list.
    order = [
        html.index("data-disposition"),
        html.index("What to do now"),
        html.index(line),
        html.index('<a class="btn btn-big" href="/triage/" data-answer-safety>'),
        html.index('<details class="tq-not-ruled-out"'),
    ]
    assert order == sorted(order)
    folded = html[order[-1] : html.index("</details>", order[-1])]
    for reason in not_ruled_out:
        assert html.count(reason[:40]) == 1 and reason[:40] in folded


def test_the_urgency_colour_of_a_result_is_set_in_one_place() -> None:
    # triage/verdict.css maps each disposition to its colours, for every page that shows one.
    from django.contrib.staticfiles import finders

    from nightcramp.core.triage import Disposition

    web = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "web"
    sheets = {p.relative_to(web).as_posix(): p.read_text() for p in web.glob("**/static/**/*.css")}
    for disposition in Disposition:
        rule = f".verdict-{disposition.value} "
        holders = [name for name, text in sheets.items() if rule in text]
        assert holders == ["triage/static/triage/verdict.css"], (disposition, holders)
    assert finders.find("triage/verdict.css")


def test_the_result_page_takes_its_colours_from_verdict_css(client: Client, alice: User) -> None:
    _record, html = _result(client, alice, SLEEP_BROKEN)
    assert '<link rel="stylesheet" href="/static/triage/verdict.css">' in html
    assert 'class="verdict verdict-soon"' in html


@pytest.mark.parametrize("page", ["/", "/plan/"])
def test_home_and_plan_show_an_open_result_in_the_colour_of_its_result_page(
    client: Client, alice: User, page: str
) -> None:
    record, result_html = _result(client, alice, URGENT)
    assert 'class="verdict verdict-urgent"' in result_html
    html = client.get(page).content.decode()
    assert '<link rel="stylesheet" href="/static/triage/verdict.css">' in html
    assert 'class="verdict verdict-urgent ' in html
    assert f"/triage/result/{record.pk}/" in html


def _safe(**more: object) -> dict[str, object]:
    from nightcramp.core.triage import load_vocabulary

    return {**dict.fromkeys(load_vocabulary().core_safety_screen, False), **more}


def test_a_result_whose_headline_repeats_its_label_says_it_once(
    client: Client, alice: User
) -> None:
    record = save_assessment(alice, _safe(diabetes=True))
    assert record.disposition == "routine"
    assert record.headline == "Mention this at your next check-up."  # the rules' own words
    client.force_login(alice)
    html = client.get(f"/triage/result/{record.pk}/").content.decode()
    assert "<h1>Mention it at your next check-up</h1>" in html
    assert record.headline not in html


def test_a_headline_that_adds_to_its_label_is_still_shown(client: Client, alice: User) -> None:
    record = save_assessment(alice, _safe(new_medication_last_weeks=True))
    assert record.disposition == "soon"
    client.force_login(alice)
    html = client.get(f"/triage/result/{record.pk}/").content.decode()
    from nightcramp.store.triage.history import entry_of

    assert f"<h1>{entry_of(record).label}</h1>" in html
    assert record.headline in html


def test_check_one_thing_first_is_not_shown_in_the_all_clear_colour(
    client: Client, alice: User
) -> None:
    from nightcramp.core.triage import load_vocabulary

    screen_no = {key: False for key in load_vocabulary().core_safety_screen}
    _record, html = _result(client, alice, {**screen_no, "fever": True, "age": 70})
    assert 'data-disposition="self_care"' in html  # the disposition stays VOCABULARY's
    assert 'class="verdict verdict-soon"' in html
    assert "Check one thing first" in html and "chemotherapy helpline" in html
    _record, plain = _result(client, alice, screen_no)
    assert 'class="verdict verdict-self_care"' in plain
