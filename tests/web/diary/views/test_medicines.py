"""The medicines page: supplements, interactions and hints, in the check's own words."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import as_alice, text

from nightcramp.core.meds import check_names, load_meds_wording, prescriber_sentence
from nightcramp.store.diary.models import Medication

__all__ = ["as_alice"]


@pytest.mark.django_db
def test_the_page_says_the_prescriber_sentence_from_the_core(as_alice: Client) -> None:
    page = text(as_alice.get("/medicines"))
    assert prescriber_sentence() in page
    assert load_meds_wording().intro in page


@pytest.mark.django_db
def test_a_risky_pair_is_shown_as_a_caution_with_its_source(as_alice: Client, alice: User) -> None:
    Medication.objects.create(user=alice, name="Zocor")
    Medication.objects.create(user=alice, name="Klacid")
    page = text(as_alice.get("/medicines"))
    (interaction,) = check_names(["Zocor", "Klacid"]).interactions
    assert 'data-interaction="statin_muscle"' in page
    assert interaction.text.split(".")[0] in page
    assert "MHRA" in page or "Summaries of Product Characteristics" in page


@pytest.mark.django_db
def test_a_supplement_gets_its_own_advice_and_an_everyday_word_a_hint(
    as_alice: Client, alice: User
) -> None:
    Medication.objects.create(user=alice, name="Magnesium citrate")
    Medication.objects.create(user=alice, name="water tablet")
    page = text(as_alice.get("/medicines"))
    (magnesium,) = check_names(["Magnesium citrate"]).medications
    assert magnesium.advice in page
    assert "data-hint" in page and "furosemide" in page


@pytest.mark.django_db
def test_a_medicine_link_is_never_worded_as_a_remedy(as_alice: Client, alice: User) -> None:
    Medication.objects.create(user=alice, name="Lasix")
    page = text(as_alice.get("/medicines"))
    assert "Commonly advised, not proven" not in page
    words = load_meds_wording().grade_text(check_names(["Lasix"]).medications[0].grade)
    assert words[:1].upper() + words[1:] in page


@pytest.mark.django_db
def test_medicines_are_listed_alphabetically_whatever_the_capitals(
    as_alice: Client, alice: User
) -> None:
    for name in ("Lasix", "atorvastatin", "Zocor", "bisoprolol"):
        Medication.objects.create(user=alice, name=name)
    page = as_alice.get("/medicines")
    shown = [item["row"].name for item in page.context["medicines"]]
    assert shown == ["atorvastatin", "bisoprolol", "Lasix", "Zocor"]
    html = text(page)
    assert html.index(">atorvastatin") < html.index(">Lasix") < html.index(">Zocor")


def _sources_lines(html: str) -> list[str]:
    import re

    return re.findall(r'<p class="sources">(.*?)</p>', html, flags=re.S)


@pytest.mark.django_db
def test_sources_never_read_full_stop_semicolon_or_two_full_stops(
    as_alice: Client, alice: User
) -> None:
    for name in ("Lasix", "Magnesium citrate", "Zocor", "Klacid"):
        Medication.objects.create(user=alice, name=name)
    lines = _sources_lines(text(as_alice.get("/medicines")))
    assert len(lines) >= 4  # each linked medicine, the supplement and the risky pair
    for line in lines:
        assert ".;" not in line and ".." not in line, line
        assert line.rstrip().endswith(".")
    assert any("2012;172(2):120-126; " in line for line in lines)  # one citation to the next


@pytest.mark.django_db
def test_magnesium_says_not_advised_in_the_scales_words_not_an_alarm(
    as_alice: Client, alice: User
) -> None:
    from nightcramp.core.knowledge.grades import Grade

    Medication.objects.create(user=alice, name="Magnesium citrate")
    page = text(as_alice.get("/medicines"))
    (magnesium,) = check_names(["Magnesium citrate"]).medications
    assert magnesium.grade is Grade.X  # the grade stays: no benefit for idiopathic cramps
    assert Grade.X.words in page


def test_medicines_a_symptom_check_named_can_be_added_to_the_list(
    as_alice: Client, alice: User, bob: User
) -> None:
    from nightcramp.store.triage.history import save_assessment

    Medication.objects.create(user=alice, name="Lasix")
    save_assessment(alice, {"medications": ["furosemide", "atorvastatin", "lithium"]})
    save_assessment(bob, {"medications": ["ramipril"]})
    page = text(as_alice.get("/medicines"))
    assert "data-from-check" in page and "ramipril" not in page
    assert "<strong>atorvastatin</strong> and <strong>lithium</strong>" in page
    assert "<strong>furosemide</strong>" not in page  # Lasix is furosemide: on the list already
    assert as_alice.post("/medicines/from-check").status_code == 302
    names = sorted(Medication.objects.filter(user=alice).values_list("name", flat=True))
    assert names == ["Lasix", "atorvastatin", "lithium"]
    assert "data-from-check" not in text(as_alice.get("/medicines"))
    assert not Medication.objects.filter(user=bob).exists()
    assert as_alice.get("/medicines/from-check").status_code == 405


def test_adding_the_checks_medicines_to_a_nearly_full_list_is_refused_in_words(
    as_alice: Client, alice: User
) -> None:
    from nightcramp.core.meds import MAX_NAMES
    from nightcramp.store.triage.history import save_assessment

    Medication.objects.bulk_create(
        [Medication(user=alice, name=f"medicine {i}") for i in range(MAX_NAMES - 1)]
    )
    save_assessment(alice, {"medications": ["furosemide", "Zocor"]})
    answer = as_alice.post("/medicines/from-check")
    assert answer.status_code == 400
    assert "Adding these 2 would make your list longer" in text(answer)
    assert Medication.objects.filter(user=alice).count() == MAX_NAMES - 1
