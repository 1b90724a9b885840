from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from nightcramp.store.report.templatetags.ratios import ratio


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.5, "0.5"),
        (0.4567, "0.46"),
        (Decimal("0.001"), "0.001"),
        (0.0004, "under 0.001"),
        (1000.0, "1000"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_a_ratio_reads_as_the_insights_words_show_it(value: object, shown: str) -> None:
    assert ratio(value) == shown


def test_templates_load_it_by_name() -> None:
    page = Template("{% load ratios %}{{ low|ratio }}–{{ high|ratio }}")
    assert page.render(Context({"low": 0.0009, "high": 1000.0})) == "under 0.001–1000"


@pytest.mark.parametrize(
    ("low", "high", "known"),
    [(0.2, 1.4, True), (0.001, 14.0, False), (0.038, 1000.0, False), (None, 2.0, False)],
)
def test_a_range_at_the_shown_limits_is_not_known_yet(
    low: object, high: object, known: bool
) -> None:
    page = Template("{% load ratios %}{% if low|known_range:high %}known{% else %}not{% endif %}")
    assert page.render(Context({"low": low, "high": high})) == ("known" if known else "not")
