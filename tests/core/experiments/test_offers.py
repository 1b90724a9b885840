"""Which experiment is offered beside a diary factor in the trigger analysis."""

from __future__ import annotations

from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.eligibility import Eligibility, MayRun
from nightcramp.core.experiments.offers import experiment_offers
from nightcramp.core.knowledge.grades import Grade


def test_every_diary_factor_with_a_change_gets_the_first_one_with_its_length() -> None:
    changes = list(load_experiment_content().changes.values())
    offers = experiment_offers()
    factors = {c.diary_factor for c in changes if c.diary_factor}
    assert set(offers) == factors
    for factor, offer in offers.items():
        first = next(c for c in changes if c.diary_factor == factor)
        assert offer.change == first.id and offer.name == first.name
        assert offer.nights == 2 * first.pairs * first.period_nights


def test_a_change_this_person_may_not_run_is_never_offered() -> None:
    changes = list(load_experiment_content().changes.values())

    def seen(change_id: str, may_run: MayRun) -> Eligibility:
        change = next(c for c in changes if c.id == change_id)
        return Eligibility(change, Grade.C, (), (), may_run, ())

    eligible = [seen("no_evening_alcohol", MayRun.YES), seen("extra_water", MayRun.NO)]
    offers = experiment_offers(eligible)
    assert "alcohol_drinks" in offers
    assert "water_glasses" not in offers
    assert "caffeine_drinks" not in offers  # not among this person's changes at all
