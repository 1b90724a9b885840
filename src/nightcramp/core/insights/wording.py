"""Plain-language explanations of factor results: counts and uncertainty, never causation."""

from __future__ import annotations

from nightcramp.core.diary import FactorKind

__all__ = ["describe", "label", "relief_label"]

_LABELS = {
    "water_glasses": "water",
    "alcohol_drinks": "alcohol",
    "caffeine_drinks": "coffee, tea or cola",
    "exercise_minutes": "exercise",
    "new_or_harder_exercise": "new or harder exercise",
    "standing_hours": "hours standing",
    "sitting_hours": "hours sitting",
    "heavy_sweating": "heavy sweating",
    "bedtime_stretch": "the bedtime stretch",
    "magnesium_mg": "magnesium",
    "potassium_servings": "potassium-rich food",
    "tight_bedding": "tight bedding",
    "feet_pointed": "sleeping with feet pointed",
    "warm_bath": "a warm bath before bed",
    "cold_room": "a cold room",
}

_RELIEF_LABELS = {
    "stretch": "Stretch",
    "massage": "Massage",
    "heat": "Heat",
    "walk": "Walk about",
    "stand_on_toes": "Stand on your toes",
    "lunge_stretch": "Lunge stretch",
    "other": "Something else",
}

_REASONS = {
    "no_nights": "You have not logged any nights yet.",
    "few_cramp_nights": (
        "You have {cramp_nights} nights with cramps so far. We need about 10 before we look for "
        "patterns."
    ),
    "only_cramp_nights": (
        "Nearly every night you logged had a cramp, so there are too few quiet nights to compare "
        "with."
    ),
    "too_few_recorded": "You recorded this on {recorded} nights. We need at least 10.",
    "constant": "You gave the same answer every night, so there is nothing to compare.",
    "too_little_variation": (
        "This was different on fewer than 5 nights. We need at least 5 nights at each level."
    ),
    "too_many_factors": "There are too many factors for the number of nights logged so far.",
}


def relief_label(relief: str) -> str:
    """The everyday name of a relief method."""
    return _RELIEF_LABELS.get(relief, relief.replace("_", " "))


def label(name: str, lag_days: int = 0) -> str:
    """The everyday name of a factor (the column name for custom factors)."""
    base = _LABELS.get(name, name.replace("_", " "))
    return f"{base} the day before" if lag_days else base


def _when(name: str, kind: FactorKind, contrast: str, lag_days: int) -> str:
    what = label(name, lag_days)
    if kind == FactorKind.BOOL:
        return f"On nights with {what}"
    step = contrast.removeprefix("per IQR (").removeprefix("per ").split(")")[0].split(" (")[0]
    return f"With each extra {step} of {what}"


def describe(
    *,
    name: str,
    kind: FactorKind,
    lag_days: int,
    verdict: str,
    contrast: str,
    rate_ratio: float | None,
    ci: tuple[float, float] | None,
    nights_recorded: int,
    nights_needed: int | None,
    reason: str | None,
    cramp_nights: int,
    partner: str | None,
) -> str:
    """Return the plain-language explanation of one factor's result."""
    if verdict == "not_enough_data":
        if reason == "collinear" and partner:
            text = (
                f"This almost always went together with {label(partner)}, so we cannot tell "
                "the two apart."
            )
        else:
            text = _REASONS.get(reason or "", "There is not enough data yet.").format(
                cramp_nights=cramp_nights, recorded=nights_recorded
            )
        if nights_needed:
            text += f" About {nights_needed} more logged nights would help."
        return text
    assert rate_ratio is not None and ci is not None
    when = _when(name, kind, contrast, lag_days)
    rr, (lo, hi) = rate_ratio, ci
    size = (
        f"about {rr:.1f} times as many cramps"
        if rr >= 1
        else f"about {round(100 * (1 - rr))}% fewer cramps"
    )
    span = f"(likely range {lo:.2g} to {hi:.2g} times, from {nights_recorded} nights)"
    if verdict == "likely_trigger":
        return (
            f"{when} you had {size} {span}. This held up after allowing for the other "
            "factors, the season and the many things checked at once. It is a pattern worth "
            "discussing, not proof that it causes your cramps."
        )
    if verdict == "likely_protective":
        return (
            f"{when} you had {size} {span}. This held up after allowing for the other "
            "factors, the season and the many things checked at once. It is a pattern, not "
            "proof that it prevents cramps."
        )
    text = (
        f"No clear link so far. {when} you had {size} {span}. This does not prove there is no link."
    )
    if nights_needed:
        text += f" About {nights_needed} more logged nights could show a doubling, if there is one."
    return text
