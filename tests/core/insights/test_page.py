"""The Insights page model: one chart per finding, a short count instead of repeated findings,
what is worth a closer look, names and not ids, JSON values only."""

from __future__ import annotations

import json

import pytest

from nightcramp.core.diary import FactorKind
from nightcramp.core.insights.analyze import ExperimentOffer, analyze
from nightcramp.core.insights.page import (
    CLOSER_LOOK,
    SupplementChange,
    build_page,
    offers_to_withhold,
    verdict_words,
    withhold_offers,
)
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary
from nightcramp.core.knowledge.grades import Grade


def _page(**kwargs: object) -> dict[str, object]:
    truth = (TrueEffect("alcohol_drinks", 2.5, unit=2), TrueEffect("bedtime_stretch", 0.4))
    sim = simulate_diary(4, 365, truth=truth, base_rate=0.4)
    offer = ExperimentOffer("warm_bath", "A warm bath before bed", 112)
    return build_page(analyze(sim.nights, sim.episodes, experiments={"warm_bath": offer}))


def test_each_finding_has_one_chart_and_the_rest_none() -> None:
    page = _page()
    found = page["found"]
    assert isinstance(found, list) and found
    assert all(str(row["chart"]).startswith("<svg ") for row in found)
    for rows in ("closer", "others"):
        assert all(row["chart"] is None for row in page[rows])  # type: ignore[attr-defined]


def test_the_summary_counts_the_findings_instead_of_repeating_them() -> None:
    page = _page()
    found = page["found"]
    assert isinstance(found, list)
    assert page["summary"] == [f"{len(found)} things stand out in your diary."]
    assert page["found_note"]


def test_closer_look_is_short_unsettled_and_carries_nights_or_an_offer() -> None:
    page = _page()
    closer = page["closer"]
    assert isinstance(closer, list) and len(closer) <= CLOSER_LOOK
    for row in closer:
        assert row["verdict"] == "no_clear_effect"
        assert row["nights_left"] or row["offer"]


def test_the_page_is_json_and_uses_names() -> None:
    page = _page()
    json.dumps(page)
    names = [row["name"] for rows in ("found", "closer", "others") for row in page[rows]]  # type: ignore[attr-defined]
    assert "alcohol" in names and "alcohol_drinks" not in names
    assert verdict_words("no_clear_effect") == "No clear link"


def _offered_page() -> dict[str, object]:
    truth = (TrueEffect("magnesium_mg", 0.5, unit=300), TrueEffect("warm_bath", 0.5))
    sim = simulate_diary(4, 365, truth=truth, base_rate=0.4)
    # Schedules shorter than the nights the diary still needs (an experiment is offered only
    # when it answers sooner than logging on would).
    offers = {
        "magnesium_mg": ExperimentOffer("magnesium_supplement", "A magnesium tablet", 56),
        "warm_bath": ExperimentOffer("warm_bath", "A warm bath before bed", 56),
    }
    analysis = analyze(sim.nights, sim.episodes, suspects=("magnesium_mg", "warm_bath"),
                       experiments=offers)  # fmt: skip
    return build_page(analysis)


def _offers(page: dict[str, object]) -> set[str]:
    rows = [row for key in ("found", "closer", "others") for row in page[key]]  # type: ignore[attr-defined]
    return {str(row["experiment"]) for row in rows if row["offer"]}


def test_a_supplement_graded_x_is_never_offered() -> None:
    supplements = [SupplementChange("magnesium_supplement", "A magnesium tablet", Grade.X)]
    withheld = offers_to_withhold(supplements, medicines=())
    assert withheld == {"magnesium_supplement"}
    page = withhold_offers(_offered_page(), withheld)
    assert _offers(page) == {"warm_bath"}


@pytest.mark.parametrize("taken", ["Magnesium 300 mg", "magnesium oxide", "magnesium"])
def test_a_supplement_already_taken_is_not_offered_matched_by_generic(taken: str) -> None:
    supplements = [
        SupplementChange("magnesium_supplement", "A magnesium tablet", Grade.B),
        SupplementChange("vitamin_k2", "A vitamin K2 tablet", Grade.B),
    ]
    assert offers_to_withhold(supplements, medicines=(taken,)) == {"magnesium_supplement"}


def test_a_name_that_only_looks_like_the_supplement_does_not_withhold_it() -> None:
    supplements = [SupplementChange("magnesium_supplement", "A magnesium tablet", Grade.B)]
    assert offers_to_withhold(supplements, medicines=("my magnesium-free diet",)) == set()
    assert offers_to_withhold(supplements, medicines=()) == set()


def test_withholding_nothing_keeps_every_offer() -> None:
    page = _offered_page()
    assert withhold_offers(page, frozenset()) == page
    assert _offers(page) == {"magnesium_supplement", "warm_bath"}


def test_an_experiment_longer_than_the_nights_still_needed_is_not_offered() -> None:
    from nightcramp.core.insights.page import _row
    from nightcramp.core.insights.results import FactorResult, Verdict

    def factor(nights_needed: int) -> FactorResult:
        return FactorResult(
            factor="warm_bath", lag_days=0, kind=FactorKind.BOOL,
            verdict=Verdict.NO_CLEAR_EFFECT, rate_ratio=0.8, ci_low=0.5, ci_high=1.3,
            p_value=0.2, adjusted_p=0.6, family="exploratory", contrast="true vs false",
            nights_with=30, nights_recorded=90, nights_needed=nights_needed, explanation="",
            experiment=ExperimentOffer("warm_bath", "A warm bath before bed", 112),
        )  # fmt: skip

    assert _row(factor(13), chart=False)["offer"] is None  # 13 more nights beat 16 weeks
    assert _row(factor(400), chart=False)["offer"]
    assert _row(factor(0), chart=False)["offer"]  # no estimate of nights: the offer stands
