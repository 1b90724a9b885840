"""Profile and medicines pages: every answer optional, every field checked, timing pointed out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import add_episode, as_alice, as_bob, text

from nightcramp.store.diary.models import Medication, Profile
from nightcramp.web.diary.views.medicines import TimingNote, started_before_first_cramp

__all__ = ["as_alice", "as_bob"]

D = dt.date


# ---- profile ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_saves_answers_and_keeps_blanks_unknown(as_alice: Client, alice: User) -> None:
    response = as_alice.post(
        "/profile",
        {
            "birth_year": "1950",
            "sex": "female",
            "pregnant": "",
            "conditions": ["diabetes", "heart_failure"],
            "smoker": "no",
        },
    )
    assert response.status_code == 302
    row = Profile.objects.get(user=alice)
    assert (row.birth_year, row.sex, row.pregnant, row.smoker) == (1950, "female", None, False)
    assert row.conditions == ["diabetes", "heart_failure"]
    assert row.due_date is None
    page = text(as_alice.get("/profile"))
    assert 'value="1950"' in page
    assert 'name="smoker" value="no" id="id_smoker_1" checked' in page


@pytest.mark.django_db
def test_profile_pregnancy_details_are_saved(as_alice: Client, alice: User) -> None:
    as_alice.post(
        "/profile", {"pregnant": "yes", "due_date": "2027-02-01", "pregnancy_weeks": "28"}
    )
    row = Profile.objects.get(user=alice)
    assert (row.pregnant, row.due_date, row.pregnancy_weeks) == (True, D(2027, 2, 1), 28)


BAD_PROFILE = [
    ({"birth_year": "1899"}, "birth_year"),
    ({"birth_year": "2999"}, "birth_year"),
    ({"birth_year": "nineteen"}, "birth_year"),
    ({"sex": "unknown"}, "sex"),
    ({"pregnant": "maybe"}, "pregnant"),
    ({"due_date": "2027-02-30"}, "due_date"),
    ({"pregnant": "yes", "due_date": "0207-02-01"}, "due_date"),  # before 1900, as import says
    ({"pregnancy_weeks": "46"}, "pregnancy_weeks"),
    ({"pregnancy_weeks": "-1"}, "pregnancy_weeks"),
    ({"conditions": ["gout"]}, "conditions"),
    ({"smoker": "sometimes"}, "smoker"),
    ({"pregnant": "no", "pregnancy_weeks": "20"}, "pregnant"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("form", "field"), BAD_PROFILE)
def test_profile_refuses_a_bad_answer_naming_the_field(
    as_alice: Client, alice: User, form: dict[str, Any], field: str
) -> None:
    response = as_alice.post("/profile", form)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Profile.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_profiles_are_per_person(as_bob: Client, alice: User) -> None:
    Profile.objects.create(user=alice, birth_year=1944)
    assert 'value="1944"' not in text(as_bob.get("/profile"))


# ---- medicines -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_medicines_can_be_added_changed_and_removed(as_alice: Client, alice: User) -> None:
    response = as_alice.post(
        "/medicines", {"name": " Furosemide ", "dose": "40 mg", "started_on": "2026-09-01"}
    )
    assert response.status_code == 302
    row = Medication.objects.get(user=alice)
    assert (row.name, row.dose, row.started_on, row.stopped_on) == (
        "Furosemide",
        "40 mg",
        D(2026, 9, 1),
        None,
    )
    assert "Furosemide" in text(as_alice.get("/medicines"))
    as_alice.post(f"/medicines/{row.pk}/edit", {"name": "Furosemide", "stopped_on": "2026-10-01"})
    row.refresh_from_db()
    assert row.stopped_on == D(2026, 10, 1)
    assert row.started_on is None
    as_alice.post(f"/medicines/{row.pk}/delete")
    assert not Medication.objects.exists()


BAD_MEDICINE = [
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": "Aspirin", "started_on": "2026-02-30"}, "started_on"),
    ({"name": "Aspirin", "started_on": "2999-01-01"}, "started_on"),
    ({"name": "Aspirin", "started_on": "2026-05-02", "stopped_on": "2026-05-01"}, "stopped_on"),
    ({"name": "Aspirin", "dose": "d" * 201}, "dose"),
    ({"name": "Aspirin", "started_on": "0202-03-01"}, "started_on"),  # before 1900
    ({"name": "Aspirin", "stopped_on": "1899-12-31"}, "stopped_on"),
]


@pytest.mark.django_db
def test_a_medicine_past_the_most_a_list_holds_is_refused_in_words(
    as_alice: Client, alice: User
) -> None:
    Medication.objects.bulk_create(Medication(user=alice, name=f"med{i}") for i in range(200))
    response = as_alice.post("/medicines", {"name": "Lasix"})
    assert response.status_code == 400
    assert "already holds 200 medicines" in response.content.decode()
    assert Medication.objects.filter(user=alice).count() == 200


@pytest.mark.parametrize(("form", "field"), BAD_MEDICINE)
def test_medicines_refuse_a_bad_value_naming_the_field(
    as_alice: Client, form: dict[str, str], field: str
) -> None:
    response = as_alice.post("/medicines", form)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Medication.objects.exists()


@pytest.mark.django_db
def test_someone_elses_medicine_is_not_found(as_bob: Client, alice: User) -> None:
    row = Medication.objects.create(user=alice, name="Atorvastatin")
    assert as_bob.get(f"/medicines/{row.pk}/edit").status_code == 404
    assert as_bob.post(f"/medicines/{row.pk}/delete").status_code == 404
    assert "Atorvastatin" not in text(as_bob.get("/medicines"))
    assert Medication.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_a_medicine_started_weeks_before_the_first_cramp_is_pointed_out(
    as_alice: Client, alice: User
) -> None:
    Medication.objects.create(user=alice, name="Atorvastatin", started_on=D(2026, 10, 1))
    Medication.objects.create(user=alice, name="Ramipril", started_on=D(2025, 1, 1))
    add_episode(alice, "2026-11-05T23:00:00+00:00")
    page = text(as_alice.get("/medicines"))
    assert "You started <strong>Atorvastatin</strong>" in page
    assert "5 weeks before your first logged cramp" in page
    assert "You started <strong>Ramipril</strong>" not in page
    assert "Talk to your prescriber before changing anything" in page


@pytest.mark.django_db
def test_a_medicine_with_no_link_to_cramps_is_not_pointed_out(
    as_alice: Client, alice: User
) -> None:
    Medication.objects.create(user=alice, name="Magnesium citrate", started_on=D(2026, 10, 1))
    Medication.objects.create(user=alice, name="paracetamol", started_on=D(2026, 10, 1))
    Medication.objects.create(user=alice, name="Zylotrex", started_on=D(2026, 10, 1))  # unknown
    add_episode(alice, "2026-11-05T23:00:00+00:00")
    page = text(as_alice.get("/medicines"))
    assert "You started <strong>Magnesium citrate</strong>" not in page
    assert "You started <strong>paracetamol</strong>" not in page
    assert "You started <strong>Zylotrex</strong>" in page  # not known: never ruled out


def test_timing_window_is_the_12_weeks_up_to_the_first_cramp() -> None:
    first = D(2026, 11, 5)
    medicines = [
        ("on the day", first),
        ("12 weeks", first - dt.timedelta(weeks=12)),
        ("a day too early", first - dt.timedelta(weeks=12, days=1)),
        ("after", first + dt.timedelta(days=1)),
        ("no date", None),
    ]
    assert started_before_first_cramp(medicines, first) == [
        TimingNote("on the day", first, 0),
        TimingNote("12 weeks", first - dt.timedelta(weeks=12), 12),
    ]
    assert started_before_first_cramp(medicines, None) == []


@pytest.mark.django_db
def test_a_medicine_linked_to_cramps_shows_what_is_known_how_sure_and_where_from(
    as_alice: Client, alice: User
) -> None:
    Medication.objects.create(user=alice, name="Lasix")
    Medication.objects.create(user=alice, name="Paracetamol")
    page = text(as_alice.get("/medicines"))
    assert "(furosemide)" in page
    assert page.count('class="note med-link"') == 1
    assert 'class="grade grade-' in page
    assert "Source" in page
    assert "Talk to your prescriber before changing anything" in page


@pytest.mark.django_db
def test_a_medicine_with_no_known_link_says_so_once(as_alice: Client, alice: User) -> None:
    Medication.objects.create(user=alice, name="Warfarin")
    page = text(as_alice.get("/medicines"))
    assert "No known link to cramps</strong>." in page
    assert "no known link." not in page.lower().replace("no known link to cramps", "")


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        ({}, True),  # age and sex unknown: asked
        ({"birth_year": 1949, "sex": "female"}, False),  # 77: the check would not ask either
        ({"birth_year": 1990, "sex": "male"}, False),
        ({"birth_year": 1990, "sex": "female"}, True),
        ({"birth_year": 1990, "sex": "other"}, True),
        ({"birth_year": 1949, "sex": "female", "pregnant": False}, True),  # an answer is kept
        ({"birth_year": 1900, "sex": "female"}, True),  # an age the check cannot take: asked
    ],
)
def test_the_pregnancy_questions_are_asked_as_the_symptom_check_asks_them(
    as_alice: Client, alice: User, stored: dict[str, object], asked: bool
) -> None:
    Profile.objects.create(user=alice, **stored)
    html = as_alice.get("/profile").content.decode()
    assert ("Are you pregnant?" in html) is asked
