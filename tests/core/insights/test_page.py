"""The Insights page model: one chart per finding, a short count instead of repeated findings,
what is worth a closer look, names and not ids, JSON values only."""

from __future__ import annotations

import json

from nightcramp.core.insights.analyze import ExperimentOffer, analyze
from nightcramp.core.insights.page import CLOSER_LOOK, build_page, verdict_words
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary


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
