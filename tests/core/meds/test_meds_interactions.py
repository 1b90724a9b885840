"""Interaction cautions: exactly the pairs of VOCABULARY.md, each in words from content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.meds import (
    InteractionKind,
    check_names,
    find_interactions,
    load_meds_wording,
    prescriber_sentence,
)
from nightcramp.core.meds.interactions import load_interaction_rules

CONTENT = Path(__file__).resolve().parents[3] / "src" / "nightcramp" / "content"

STATIN_PAIRS = (
    [
        (inhibitor, statin)
        for inhibitor in (
            "clarithromycin",
            "itraconazole",
            "ketoconazole",
            "erythromycin",
            "ritonavir",
            "cobicistat",
        )
        for statin in ("simvastatin", "atorvastatin", "lovastatin")
    ]
    + [
        (other, statin)
        for other in ("ciclosporin", "gemfibrozil", "fusidic acid", "colchicine")
        for statin in (
            "atorvastatin",
            "simvastatin",
            "rosuvastatin",
            "pravastatin",
            "fluvastatin",
            "pitavastatin",
            "lovastatin",
        )
    ]
    + [(other, "simvastatin") for other in ("amiodarone", "amlodipine", "diltiazem", "verapamil")]
)

LITHIUM_PARTNERS = [
    "bendroflumethiazide",
    "indapamide",
    "hydrochlorothiazide",
    "ramipril",
    "lisinopril",
    "losartan",
    "candesartan",
    "naproxen",
    "ibuprofen",
    "diclofenac",
]


@pytest.mark.parametrize(("other", "statin"), STATIN_PAIRS)
def test_each_statin_pair_of_the_vocabulary_is_a_muscle_caution(other: str, statin: str) -> None:
    (found,) = find_interactions([statin, other])
    assert found.kind is InteractionKind.STATIN_MUSCLE
    assert found.medicines == tuple(sorted((other, statin)))
    assert prescriber_sentence() in found.text
    assert found.sources and found.grade.value == "C"


@pytest.mark.parametrize("partner", LITHIUM_PARTNERS)
def test_lithium_with_a_thiazide_ace_inhibitor_arb_or_nsaid_is_a_toxicity_caution(
    partner: str,
) -> None:
    (found,) = find_interactions(["lithium", partner])
    assert found.kind is InteractionKind.LITHIUM_TOXICITY
    assert partner in found.text.lower()


@pytest.mark.parametrize(
    "pair",
    [
        ("clarithromycin", "pravastatin"),  # not a CYP3A4-dependent statin
        ("clarithromycin", "rosuvastatin"),
        ("amlodipine", "atorvastatin"),  # the dose limit is simvastatin's
        ("lithium", "furosemide"),  # a loop diuretic is not on the list
        ("lithium", "paracetamol"),
        ("simvastatin", "paracetamol"),
        ("simvastatin", "simvastatin"),
    ],
)
def test_pairs_outside_the_vocabulary_are_not_cautioned(pair: tuple[str, str]) -> None:
    assert find_interactions(pair) == ()


@pytest.mark.parametrize(
    ("names", "cautioned"),
    [
        (["simvastatin 10 mg", "amlodipine 5 mg"], False),  # within the MHRA 20 mg limit
        (["simvastatin 20mg", "amiodarone"], False),  # at the limit, not above it
        (["Zocor 40 mg", "amlodipine"], True),
        (["simvastatin 80 mg", "verapamil"], True),
        (["simvastatin 20 mg", "verapamil"], False),  # MHRA: 20 mg with verapamil too
        (["simvastatin 40 mg", "verapamil"], True),
        (["simvastatin 20mg twice a day", "amlodipine 5mg"], True),  # 40 mg a day
        (["simvastatin 20 mg bd", "amlodipine"], True),
        (["simvastatin 10mg two tablets", "diltiazem"], True),  # the day's dose is not known
        (["simvastatin 20 mg at night", "amlodipine"], False),  # once a day: 20 mg
        (["simvastatin", "diltiazem"], True),  # dose not written: it may be above
        (["Inegy 10/40", "amlodipine"], True),  # a combination's dose is not read
    ],
)
def test_the_simvastatin_dose_limit_counts_only_a_dose_above_it(
    names: list[str], cautioned: bool
) -> None:
    found = check_names(names).interactions
    assert bool(found) is cautioned, found


def test_a_low_simvastatin_dose_does_not_hide_other_interactions() -> None:
    (found,) = check_names(["simvastatin 10 mg", "clarithromycin"]).interactions
    assert found.kind is InteractionKind.STATIN_MUSCLE


def test_ciclosporin_with_rosuvastatin_says_they_are_not_taken_together_once() -> None:
    (found,) = find_interactions(["rosuvastatin", "ciclosporin"])
    assert found.rule == "ciclosporin_rosuvastatin"
    assert "should not be taken together" in found.text
    (other,) = find_interactions(["pravastatin", "ciclosporin"])
    assert "should not be taken together" not in other.text


def test_a_combination_product_is_checked_by_its_parts() -> None:
    (found,) = find_interactions(["ezetimibe/simvastatin", "clarithromycin"])
    assert found.medicines == ("clarithromycin", "ezetimibe/simvastatin")
    assert "simvastatin" in found.text and "ezetimibe" not in found.text
    (lithium,) = find_interactions(["Lithium", "hydrochlorothiazide/lisinopril"])
    assert "hydrochlorothiazide and lisinopril" in lithium.text.lower()


def test_paxlovid_with_simvastatin_names_its_ritonavir() -> None:
    (found,) = find_interactions(["nirmatrelvir/ritonavir", "simvastatin"])
    assert found.kind is InteractionKind.STATIN_MUSCLE
    assert found.text.startswith("Ritonavir can raise the level of simvastatin")


def test_parts_of_one_product_are_not_paired_with_each_other() -> None:
    assert find_interactions(["amlodipine/simvastatin"]) == ()


def test_meds_check_lists_interactions_in_json_with_their_sources() -> None:
    result = check_names(["Zocor", "Klacid", "Priadel", "Zestoretic", "Lasix"])
    items = [i.to_json() for i in result.interactions]
    assert sorted(str(i["kind"]) for i in items) == ["lithium_toxicity", "statin_muscle"]
    assert result.to_json()["interactions"] == items
    assert "interactions" not in check_names(["Zocor", "Lasix"]).to_json()
    for item in items:
        assert set(item) == {"kind", "medicines", "text", "grade", "sources"}


def test_no_interaction_text_tells_anyone_to_stop() -> None:
    for rule in load_interaction_rules():
        assert "stop" not in rule.text.lower()
        assert "{prescriber}" in rule.text


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("meds", "sources"):
        shutil.copytree(CONTENT / folder, tmp_path / folder)
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("first: {generics: [ciclosporin]}", "first: {generics: [cyclosporinn]}", "cyclosporinn"),
        ("kind: lithium_toxicity", "kind: kidney", "kind"),
        ("sources: [bnf_lithium_interactions", "sources: [nobody_2099", "nobody_2099"),
        ("second: {generics: [rosuvastatin]}", "second: {}", "no generic and no class"),
        (
            "the same day.\n    grade: C\n    sources: [statin_interactions_labels]\n  - id: "
            "strong",
            "the same day {prescribr}.\n    grade: C\n    sources: "
            "[statin_interactions_labels]\n  - id: strong",
            "prescribr",
        ),
        ("  - id: strong_cyp3a4_statin", "  - id: ciclosporin_rosuvastatin", "duplicate"),
        ("{prescriber} Shaking", "Shaking", "prescriber"),
    ],
)
def test_invalid_interaction_content_names_the_rule_and_field(
    content: Path, old: str, new: str, message: str
) -> None:
    path = content / "meds" / "interactions.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ContentError) as error:
        load_interaction_rules(content)
    assert "interactions.yaml" in str(error.value)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (["Nizoral cream", "simvastatin"], "statin_muscle"),
        (["Fucidin cream", "atorvastatin"], "statin_muscle"),
        (["Voltarol gel", "lithium"], "lithium_toxicity"),
    ],
)
def test_a_cream_or_gel_raises_no_interaction_that_tablets_would(
    names: list[str], kind: str
) -> None:
    assert not check_names(names).interactions
    tablets = [name.replace(" cream", "").replace(" gel", "") for name in names]
    assert kind in {i.kind.value for i in check_names(tablets).interactions}


@pytest.mark.parametrize("name", ["ibuprofen gel caps", "ibuprofen oral gel", "Nurofen softgels"])
def test_a_gel_that_is_swallowed_keeps_its_interactions(name: str) -> None:
    kinds = {i.kind.value for i in check_names(["lithium", name]).interactions}
    assert "lithium_toxicity" in kinds


def test_a_gel_takes_no_part_in_the_cautions_for_medicines_taken_together() -> None:
    gel, water_tablet = check_names(["Voltarol gel", "furosemide"]).medications
    tablets = check_names(["diclofenac", "furosemide"]).medications
    kidney = load_meds_wording().combined.nsaid_kidney
    assert kidney in tablets[0].cautions and kidney in tablets[1].cautions
    assert kidney not in gel.cautions and kidney not in water_tablet.cautions
