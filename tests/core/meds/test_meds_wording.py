"""The medication check's own sentences live in content/meds/wording.yaml, with sources."""

from __future__ import annotations

from nightcramp.core.meds import check_names, load_meds_wording, prescriber_sentence


def test_the_prescriber_sentence_is_the_one_in_content() -> None:
    assert prescriber_sentence() == "Talk to your prescriber before changing anything."


def test_a_medicine_linked_outside_its_class_gets_the_prescriber_sentence() -> None:
    (gabapentin,) = check_names(["gabapentin"]).medications
    assert gabapentin.advice == prescriber_sentence()


def test_the_potassium_supplement_caution_ends_with_the_prescriber_sentence() -> None:
    cautions = load_meds_wording().combined
    assert cautions.potassium_supplement.endswith(prescriber_sentence())
    assert "{" not in cautions.potassium_supplement


def test_a_combination_product_says_which_part_carries_the_link() -> None:
    (med,) = check_names(["co-amilofruse"]).medications
    assert med.evidence.startswith("It contains amiloride, a potassium-sparing water tablet")
