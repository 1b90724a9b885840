"""Rate ratios read and stored on the same side of 1 as computed, whatever the value."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from nightcramp.core.ratios import ratio_text, ratio_value

ratios = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)


def _side(x: float) -> int:
    return (x > 1) - (x < 1)


@given(ratios)
def test_a_stored_ratio_stays_on_its_side_of_1_and_is_never_0(value: float) -> None:
    shown = ratio_value(value)
    assert shown is not None
    assert _side(shown) == _side(value)
    assert shown > 0
    assert math.isclose(shown, value, rel_tol=1e-2)


@given(st.floats(min_value=0.001, max_value=99.4, allow_nan=False))
def test_a_ratio_in_words_stays_on_its_side_of_1(value: float) -> None:
    assert _side(float(ratio_text(value))) == _side(value)


def test_the_end_of_a_helps_interval_never_reads_as_1() -> None:
    assert ratio_value(0.99981) == 0.9998
    assert ratio_text(0.99981) == "0.9998"
    assert ratio_value(1.0004) == 1.0004 and ratio_text(1.0004) == "1.0004"
    assert ratio_value(1.0) == 1.0 and ratio_text(1.0) == "1"
    assert ratio_value(0.456789) == 0.457 and ratio_text(0.456789) == "0.46"
    assert ratio_value(0.00012345) == 0.000123  # never 0
    assert ratio_value(float("inf")) is None and ratio_value(None) is None


def test_a_fall_in_percent_never_reads_as_stopping() -> None:
    from nightcramp.core.ratios import percent_fewer

    assert percent_fewer(0.0004) == 99 and percent_fewer(0.0) == 100
    assert percent_fewer(0.456) == 54 and percent_fewer(1.3) == 0


@given(st.floats(min_value=0.001, max_value=99.4, allow_nan=False))
def test_a_document_never_holds_fewer_figures_than_the_words(value: float) -> None:
    words = ratio_text(value)
    shown = ratio_value(value)
    assert shown is not None
    assert len(words.replace(".", "").lstrip("0")) <= len(repr(shown).replace(".", "").lstrip("0"))
    assert abs(shown - value) <= abs(float(words) - value) + 1e-12


def test_a_ratio_just_above_1_keeps_its_figures_in_the_document() -> None:
    assert ratio_text(1.046) == "1.046"
    assert ratio_value(1.046) == 1.046
    assert ratio_value(4.147) == 4.15
