"""The one evidence scale: each grade in the product's words (PRODUCT.md, Voice)."""

from __future__ import annotations

from nightcramp.core.knowledge.grades import Grade


def test_each_grade_is_said_in_the_products_words() -> None:
    assert [g.words for g in Grade] == [
        "Good evidence",
        "Some evidence",
        "Commonly advised, not proven",
        "Untested",
        "Does not work or is unsafe",
    ]


def test_every_grade_has_its_own_words() -> None:
    assert len({g.words for g in Grade}) == len(Grade)
    assert all(g.words[:1].isupper() for g in Grade)
