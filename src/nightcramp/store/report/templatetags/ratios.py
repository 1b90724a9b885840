"""`{% load ratios %}{{ value|ratio }}`: a rate ratio as every screen and the report show it
(core.insights.wording.ratio_text); an empty value shows as a dash."""

from __future__ import annotations

from django import template

from nightcramp.core.experiments.estimate import range_known
from nightcramp.core.ratios import ratio_text

register = template.Library()


@register.filter
def ratio(value: object) -> str:
    """The rate ratio `value` for reading; "—" when there is none."""
    if value is None or value == "":
        return "—"
    return ratio_text(float(str(value)))


@register.filter
def known_range(low: object, high: object) -> bool:
    """`{% if low|known_range:high %}`: False when the likely range reaches the limits shown
    (1/1000 to 1000), which say only that the ratio is not known yet."""
    if low is None or high is None or low == "" or high == "":
        return False
    return range_known(float(str(low)), float(str(high)))
