"""Which planned experiment tests which diary factor: the offer shown beside a suspicion in the
trigger analysis ("You could test this: …, about N weeks").
"""

from __future__ import annotations

from collections.abc import Iterable

from nightcramp.core.experiments.content import ChangeSpec, load_experiment_content
from nightcramp.core.experiments.eligibility import Eligibility, MayRun
from nightcramp.core.insights.results import ExperimentOffer

__all__ = ["experiment_offers"]


def experiment_offers(eligible: Iterable[Eligibility] | None = None) -> dict[str, ExperimentOffer]:
    """Diary factor -> the first change (content order) whose `diary_factor` it is.

    With `eligible` (a person's `list_changes`), a change they may not run is never offered;
    without it every change is (the experiment checks the person when it is planned).
    """
    changes: Iterable[ChangeSpec] = load_experiment_content().changes.values()
    if eligible is not None:
        allowed = {e.change.id for e in eligible if e.may_run is not MayRun.NO}
        changes = [c for c in changes if c.id in allowed]
    offers: dict[str, ExperimentOffer] = {}
    for change in changes:
        if change.diary_factor and change.diary_factor not in offers:
            nights = 2 * change.pairs * change.period_nights
            offers[change.diary_factor] = ExperimentOffer(change.id, change.name, nights)
    return offers
