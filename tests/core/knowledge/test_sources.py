"""The shipped bibliography keeps every reference id of EVIDENCE.md §8 that content cites."""

from __future__ import annotations

from pathlib import Path

import pytest

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge import load_sources

# EVIDENCE.md §8, in order: reference n has id EVIDENCE_IDS[n - 1].
EVIDENCE_IDS = [
    "cochrane_quinine_2015",
    "mhra_quinine_2010",
    "nice_cks_leg_cramps",
    "aafp_allen_2012",
    "cochrane_magnesium_2020",
    "cochrane_nondrug_2021",
    "hallegraeff_stretching_2012",
    "coppin_stretching_2005",
    "aan_cramps_2010",
    "garrison_drugs_2012",
    "garrison_season_2015",
    "oboler_veterans_1991",
    "nhs_leg_cramps",
    "hallegraeff_criteria_2017",
    "naylor_survey_1994",
    "rabbitt_review_2016",
    "butler_review_2002",
    "aafp_fpin_2017",
    "sebo_magnesium_2014",
    "frusso_magnesium_1999",
    "miller_pickle_2010",
    "nhs_dvt",
    "limb_ischaemia_6ps",
    "cochrane_pregnancy_2020",
    "young_pregnancy_2002",
    "delacour_alcohol_2018",
    "delacour_activity_2020",
    "grandner_nhanes_2017",
    "blyton_survey_2012",
    "ods_magnesium",
    "ods_magnesium_ul",
    "grober_transdermal_2017",
    "chandrasekaran_skin_2016",
    "iom_dri_1997",
    "fda_quinine_2006",
    "fda_quinine_2010",
    "mhra_quinine_2017",
    "fardet_quinine_2017",
    "chan_vitamin_b_1998",
    "voon_diltiazem_2001",
    "khajehdehi_vitamin_e_2001",
    "serrao_gabapentin_2000",
    "oskarsson_mexiletine_2018",
    "weiss_mexiletine_2016",
    "tan_vitamin_k2_2024",
    "nhs_cauda_equina",
    "irlssg_rls_2014",
    "mahoney_mnd_2022",
    "nasem_potassium_2019",
    "dga_potassium_foods",
    "ods_potassium",
    "uk_smpc_magnesium",
    "levothyroxine_interactions",
    "fpnotebook_cramps",
    "myositis_rhabdo",
    "mnd_association_gp",
]


def test_there_are_56_evidence_ids() -> None:
    assert len(EVIDENCE_IDS) == len(set(EVIDENCE_IDS)) == 56


def test_every_evidence_reference_is_in_the_bibliography() -> None:
    sources = load_sources()
    assert set(EVIDENCE_IDS) <= set(sources)


@pytest.mark.parametrize(
    ("source_id", "fragment"),
    [
        ("cochrane_magnesium_2020", "CD009402"),
        ("hallegraeff_stretching_2012", "J Physiother 2012"),
        ("tan_vitamin_k2_2024", "Vitamin K2"),
        ("fda_quinine_2006", "93 deaths"),
    ],
)
def test_references_carry_their_citation(source_id: str, fragment: str) -> None:
    assert fragment in load_sources()[source_id].citation


def test_notes_for_editors_are_comments_not_notes_shown_to_readers() -> None:
    sources = load_sources()
    for source_id in ("sebo_magnesium_2014", "voon_diltiazem_2001", "nice_cks_leg_cramps"):
        note = (sources[source_id].note or "").lower()
        assert "unverified" not in note, source_id
        assert "before release" not in note, source_id


def test_fardet_is_cited_with_its_checked_issue_and_doi() -> None:
    fardet = load_sources()["fardet_quinine_2017"]
    assert "317(18):1907-1909" in fardet.citation
    assert fardet.doi == "10.1001/jama.2017.2332"


def test_every_reference_has_a_doi_or_url_or_a_full_citation() -> None:
    for source in load_sources().values():
        assert source.doi or source.url or len(source.citation) > 40, source.id


def test_bad_source_names_the_file_and_entry(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "mine.yaml").write_text("- id: x_2020\n  citation: short\n  kind: trial\n")
    with pytest.raises(
        ContentError, match=r'^content/sources/mine\.yaml: entry "x_2020", field "citation": '
    ):
        load_sources(tmp_path)


def test_a_source_id_used_in_two_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    entry = "- id: x_2020\n  citation: A citation long enough.\n  kind: trial\n"
    (folder / "a.yaml").write_text(entry)
    (folder / "b.yaml").write_text(entry)
    with pytest.raises(
        ContentError,
        match=r'^content/sources/b\.yaml: entry "x_2020", field "id": '
        r"duplicate source id \(also in content/sources/a\.yaml\)$",
    ):
        load_sources(tmp_path)


# ---- citations in one line -----------------------------------------------------------------


def test_citations_in_one_line_never_show_a_full_stop_before_a_semicolon() -> None:
    from nightcramp.core.knowledge import join_citations

    line = join_citations(
        ["Garrison SR. Arch Intern Med 2012;172(2):120-126.", "NICE CKS. Leg cramps."]
    )
    assert line == "Garrison SR. Arch Intern Med 2012;172(2):120-126; NICE CKS. Leg cramps."
    assert ".;" not in line and ".." not in line


def test_citations_in_one_line_end_with_one_full_stop() -> None:
    from nightcramp.core.knowledge import join_citations

    assert join_citations(["No stop at the end"]) == "No stop at the end."
    assert join_citations(["Ends in a stop.  "]) == "Ends in a stop."
    assert join_citations(["Myth or reality?"]) == "Myth or reality?"
    assert join_citations(["Myth or reality?", "B."]) == "Myth or reality?; B."
    assert join_citations([]) == ""


def test_no_shipped_citation_reads_double_punctuation_when_joined() -> None:
    from nightcramp.core.knowledge import join_citations

    line = join_citations(s.citation for s in load_sources().values())
    assert ".;" not in line and ".." not in line
