"""The evening check-in: every factor on one screen, last answers offered, custom factors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import as_alice, as_bob, text

from nightcramp.core.diary import STANDARD_FACTORS, FactorKind
from nightcramp.core.diary_limits import IN_THE_FUTURE, TOO_MANY_HOURS
from nightcramp.store.diary.models import CustomFactor, Night

__all__ = ["as_alice", "as_bob"]

pytestmark = pytest.mark.django_db

DATE = "2026-11-21"


def post_checkin(client: Client, **answers: str) -> Any:
    return client.post("/checkin", {"date": DATE, **answers})


def test_checkin_shows_every_standard_factor(as_alice: Client) -> None:
    response = as_alice.get(f"/checkin?date={DATE}")
    page = text(response)
    for name in STANDARD_FACTORS:
        assert f'name="{name}"' in page
    assert response.context["date"] == dt.date(2026, 11, 21)


def test_checkin_defaults_to_the_current_night(as_alice: Client) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC), tick=False):
        response = as_alice.get("/checkin")
    assert response.context["date"] == dt.date(2026, 11, 21)


def test_checkin_offers_the_previous_nights_answers(as_alice: Client, alice: User) -> None:
    Night.objects.create(user=alice, date=dt.date(2026, 11, 19), water_glasses=6, warm_bath=True)
    page = text(as_alice.get(f"/checkin?date={DATE}"))
    assert "Filled in from Thu 19 Nov" in page
    assert 'name="water_glasses" value="6"' in page
    assert 'name="warm_bath" value="yes" id="id_warm_bath_0" checked' in page


def test_checkin_shows_a_stored_night_rather_than_an_older_one(
    as_alice: Client, alice: User
) -> None:
    Night.objects.create(user=alice, date=dt.date(2026, 11, 20), water_glasses=6)
    Night.objects.create(user=alice, date=dt.date(2026, 11, 21), water_glasses=3)
    page = text(as_alice.get(f"/checkin?date={DATE}"))
    assert "Your saved answers" in page
    assert 'name="water_glasses" value="3"' in page


def test_checkin_saves_answers_and_leaves_blanks_unrecorded(as_alice: Client, alice: User) -> None:
    response = post_checkin(
        as_alice,
        water_glasses="5",
        standing_hours="7.5",
        bedtime_stretch="no",
        cold_room="yes",
        alcohol_drinks="",
        warm_bath="",
    )
    assert response.status_code == 302
    assert response["Location"] == "/?checked=1"
    night = Night.objects.get(user=alice, date=dt.date(2026, 11, 21))
    assert (night.water_glasses, night.standing_hours) == (5, 7.5)
    assert (night.bedtime_stretch, night.cold_room) == (False, True)
    assert night.alcohol_drinks is None
    assert night.warm_bath is None


def test_an_empty_checkin_logs_the_night_with_nothing_recorded(
    as_alice: Client, alice: User
) -> None:
    assert post_checkin(as_alice).status_code == 302
    night = Night.objects.get(user=alice)
    assert all(getattr(night, name) is None for name in STANDARD_FACTORS)


def test_checkin_again_replaces_that_nights_answers(as_alice: Client, alice: User) -> None:
    post_checkin(as_alice, water_glasses="5")
    post_checkin(as_alice, water_glasses="2", caffeine_drinks="1")
    night = Night.objects.get(user=alice)
    assert (night.water_glasses, night.caffeine_drinks) == (2, 1)


def _bad_values() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    for name, kind in STANDARD_FACTORS.items():
        if kind is FactorKind.BOOL:
            cases.append((name, "maybe"))
        elif kind is FactorKind.INT:
            cases += [(name, "-1"), (name, "1.5"), (name, "lots")]
        else:
            cases += [(name, "-0.5"), (name, "25"), (name, "nan")]
    return [*cases, ("exercise_minutes", "1441")]


@pytest.mark.parametrize(("field", "value"), _bad_values())
def test_checkin_refuses_a_bad_value_naming_the_field_and_saves_nothing(
    as_alice: Client, alice: User, field: str, value: str
) -> None:
    response = post_checkin(as_alice, **{field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Night.objects.filter(user=alice).exists()


@pytest.mark.parametrize("date", ["", "2026-02-30", "21/11/2026", "2999-01-01"])
def test_checkin_refuses_a_missing_or_bad_date(as_alice: Client, alice: User, date: str) -> None:
    response = as_alice.post("/checkin", {"date": date, "water_glasses": "3"})
    assert response.status_code == 400
    assert "date" in response.context["form"].errors
    assert not Night.objects.exists()


def test_checkin_nights_are_per_person(as_alice: Client, as_bob: Client, bob: User) -> None:
    Night.objects.create(user=bob, date=dt.date(2026, 11, 21), water_glasses=9)
    page = text(as_alice.get(f"/checkin?date={DATE}"))
    assert 'value="9"' not in page


# ---- custom factors --------------------------------------------------------------------------


def test_a_custom_factor_can_be_added_and_answered(as_alice: Client, alice: User) -> None:
    response = as_alice.post(
        "/checkin/factors", {"date": DATE, "name": "Late dinner", "kind": "bool"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/checkin?date={DATE}"
    factor = CustomFactor.objects.get(user=alice)
    assert (factor.name, factor.kind) == ("late_dinner", "bool")
    assert 'name="custom__late_dinner"' in text(as_alice.get(response["Location"]))
    post_checkin(as_alice, custom__late_dinner="yes")
    assert Night.objects.get(user=alice).custom == {"late_dinner": True}


def test_a_number_custom_factor_takes_any_number(as_alice: Client, alice: User) -> None:
    CustomFactor.objects.create(user=alice, name="screen_hours", kind="number")
    post_checkin(as_alice, custom__screen_hours="2.5")
    assert Night.objects.get(user=alice).custom == {"screen_hours": 2.5}
    response = post_checkin(as_alice, custom__screen_hours="a lot")
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["water_glasses", "date", "notes", "9lives", "", "a" * 41])
def test_a_custom_factor_name_that_cannot_be_a_column_is_refused(
    as_alice: Client, alice: User, name: str
) -> None:
    response = as_alice.post("/checkin/factors", {"date": DATE, "name": name, "kind": "number"})
    assert response.status_code == 400
    assert "name" in response.context["factor_form"].errors
    assert not CustomFactor.objects.exists()


def test_a_custom_factor_kind_outside_the_list_is_refused(as_alice: Client) -> None:
    response = as_alice.post("/checkin/factors", {"date": DATE, "name": "nap", "kind": "text"})
    assert response.status_code == 400
    assert "kind" in response.context["factor_form"].errors


def test_a_custom_factor_name_can_be_used_once(as_alice: Client, alice: User) -> None:
    CustomFactor.objects.create(user=alice, name="nap", kind="bool")
    response = as_alice.post("/checkin/factors", {"date": DATE, "name": "Nap", "kind": "bool"})
    assert response.status_code == 400
    assert CustomFactor.objects.count() == 1


def test_checkin_shows_and_keeps_a_stored_custom_value(as_alice: Client, alice: User) -> None:
    Night.objects.create(user=alice, date=dt.date(2026, 11, 21), custom={"imported_col": 3})
    assert 'name="custom__imported_col" value="3"' in text(as_alice.get(f"/checkin?date={DATE}"))
    post_checkin(as_alice, water_glasses="4", custom__imported_col="3")
    night = Night.objects.get(user=alice)
    assert night.custom == {"imported_col": 3}
    assert night.water_glasses == 4


def test_clearing_an_answer_forgets_it(as_alice: Client, alice: User) -> None:
    post_checkin(as_alice, water_glasses="5", warm_bath="yes")
    post_checkin(as_alice, water_glasses="", warm_bath="")
    night = Night.objects.get(user=alice)
    assert (night.water_glasses, night.warm_bath) == (None, None)


def test_imported_custom_columns_are_offered_in_the_checkin(as_alice: Client, alice: User) -> None:
    Night.objects.create(
        user=alice, date=dt.date(2026, 11, 20), custom={"late_dinner": True, "nap_min": 20}
    )
    page = text(as_alice.get(f"/checkin?date={DATE}"))
    assert 'name="custom__late_dinner" value="yes" id="id_custom__late_dinner_0" checked' in page
    assert 'name="custom__nap_min" value="20"' in page
    post_checkin(as_alice, custom__late_dinner="no", custom__nap_min="30")
    assert Night.objects.get(date=dt.date(2026, 11, 21)).custom == {
        "late_dinner": False,
        "nap_min": 30,
    }


def test_deleting_a_checkin_makes_the_night_unlogged_and_undo_brings_it_back(
    as_alice: Client, alice: User
) -> None:
    post_checkin(as_alice, water_glasses="5", cold_room="no")
    assert "Delete this check-in" in text(as_alice.get(f"/checkin?date={DATE}"))
    response = as_alice.post(f"/nights/{DATE}/delete")
    assert response.status_code == 302
    assert not Night.objects.exists()
    page = as_alice.get(response["Location"])
    assert "Check-in deleted." in text(page)
    back = as_alice.post("/undo", {"token": page.context["undo_token"]})
    assert back.status_code == 302
    night = Night.objects.get(user=alice)
    assert (night.date, night.water_glasses, night.cold_room) == (dt.date(2026, 11, 21), 5, False)


def test_someone_elses_checkin_cannot_be_deleted(as_bob: Client, alice: User) -> None:
    Night.objects.create(user=alice, date=dt.date(2026, 11, 21))
    assert as_bob.post(f"/nights/{DATE}/delete").status_code == 404
    assert as_bob.post("/nights/not-a-date/delete").status_code == 404
    assert Night.objects.count() == 1


# ---- the diary's record rules, in the store's words ------------------------------------------


def test_checkin_refuses_a_future_night_with_the_rules_words(as_alice: Client) -> None:
    response = as_alice.post("/checkin", {"date": "2999-01-01", "water_glasses": "3"})
    assert response.status_code == 400
    assert response.context["form"].errors["date"] == [IN_THE_FUTURE]
    assert not Night.objects.exists()


def test_checkin_refuses_more_than_24_hours_next_to_sitting_hours(
    as_alice: Client, alice: User
) -> None:
    response = post_checkin(as_alice, standing_hours="14", sitting_hours="11")
    assert response.status_code == 400
    assert response.context["form"].errors["sitting_hours"] == [TOO_MANY_HOURS]
    assert "Nothing was saved yet" in text(response)
    assert not Night.objects.filter(user=alice).exists()


def test_checkin_reads_numbers_with_the_shared_rule(as_alice: Client) -> None:
    response = post_checkin(as_alice, water_glasses="1.5")
    assert response.context["form"].errors["water_glasses"] == [
        "must be a whole number from 0 to 100, not 1.5"
    ]
    # On the page each message reads as a sentence; the rule's words are the same.
    assert "Must be a whole number from 0 to 100, not 1.5." in response.content.decode()


def test_checkin_of_an_imported_whole_number_factor_offers_a_whole_number(
    as_alice: Client, alice: User
) -> None:
    Night.objects.create(user=alice, date=dt.date(2026, 11, 21), custom={"nap_min": 20})
    response = post_checkin(as_alice, custom__nap_min="2.5")
    assert response.status_code == 400
    assert "custom__nap_min" in response.context["form"].errors
    assert Night.objects.get().custom == {"nap_min": 20}


def test_a_check_in_kept_on_a_shared_phone_is_refused_for_someone_else(
    client: Client, alice: User, bob: User
) -> None:
    client.force_login(alice)
    response = client.post(
        "/checkin", {"date": "2026-01-10", "water_glasses": "4", "person": str(bob.pk)}
    )
    assert response.status_code == 400
    assert "someone else was signed in" in response.content.decode()


# ---- not sure, and the bedtime routine one tap away -----------------------------------------


def test_not_sure_is_written_out_on_every_yes_no_answer(as_alice: Client) -> None:
    page = text(as_alice.get(f"/checkin?date={DATE}"))
    yes_no = [name for name, kind in STANDARD_FACTORS.items() if kind is FactorKind.BOOL]
    assert page.count(">Not sure</span>") == len(yes_no)
    assert ">?<" not in page


def test_tonights_checkin_starts_the_bedtime_stretch_routine_in_one_tap(
    as_alice: Client,
) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.UTC), tick=False):
        page = text(as_alice.get(f"/checkin?date={DATE}"))
        earlier = text(as_alice.get("/checkin?date=2026-11-18"))
    assert 'href="/plan/routine/"' in page
    assert "Start the bedtime stretch routine" in page
    assert 'href="/plan/routine/"' not in earlier  # the routine ticks off tonight only
