"""`{% load ratios %}{{ value|ratio }}`: a rate ratio as every screen and the report show it
(core.insights.wording.ratio_text); an empty value shows as a dash."""

from __future__ import annotations

from django import template

from nightcramp.core.ratios import ratio_text

register = template.Library()


@register.filter
def ratio(value: object) -> str:
    """The rate ratio `value` for reading; "—" when there is none."""
    if value is None or value == "":
        return "—"
    return ratio_text(float(str(value)))
