"""The looks of an experiment as an inline SVG: the rate ratio at each look with its interval,
on a log scale around 1 (no difference); the look that gave the answer is ringed, and looks
after it are hollow, beyond a dotted line. Only geometry here; the template draws it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["LooksChart", "looks_chart"]

WIDTH = 340
HEIGHT = 270
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 12, 30, 64
_MAX_DOUBLINGS = 5
"""The scale reaches at most 2**5 = 32 times more or fewer cramps; beyond, marks are clipped."""


@dataclass(frozen=True)
class Mark:
    """One look: x, the estimate's y, and the interval's ends (y), with its label; `answer`
    for the first final look (the one that gave the answer), `after` for any look after it."""

    x: float
    y: float | None
    low: float | None
    high: float | None
    label: str
    answer: bool
    after: bool


@dataclass(frozen=True)
class LooksChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    marks: list[Mark]
    ticks: list[tuple[float, str]]
    one: float
    divider: float | None = None
    """x of the line between the look that gave the answer and the looks after it, if any."""

    @property
    def looks_y(self) -> float:
        return self.bottom + 26

    @property
    def fewer_y(self) -> float:
        return self.height - 6


def _doublings(looks: Sequence[Mapping[str, object]]) -> int:
    """How many doublings either side of 1 the scale shows: enough for every value, 2 at
    least, `_MAX_DOUBLINGS` at most."""
    values = [
        abs(math.log2(float(v)))
        for look in looks
        for v in (look.get("rate_ratio"), look.get("ci_low"), look.get("ci_high"))
        if isinstance(v, float | int) and v > 0
    ]
    return min(_MAX_DOUBLINGS, max(2, math.ceil(max(values, default=0.0) - 1e-9)))


def _scale(doublings: int) -> Callable[[float], float]:
    """y of a rate ratio: 2**-doublings at the bottom, 2**doublings at the top, clipped."""
    plot = HEIGHT - _TOP - _BOTTOM

    def y(ratio: float) -> float:
        value = math.log2(ratio) if ratio > 0 else -doublings
        value = max(-doublings, min(doublings, value))
        return round(_TOP + plot * (1 - (value + doublings) / (2 * doublings)), 1)

    return y


def _number(value: object, y: Callable[[float], float]) -> float | None:
    return y(float(value)) if isinstance(value, float | int) else None


def _label(power: int) -> str:
    return f"{2**power:g}" if power >= 0 else f"1/{2**-power}"


def looks_chart(looks: Sequence[Mapping[str, object]], pairs: int) -> LooksChart:
    """The geometry of the chart of `looks` (the result document's), with a slot for every one
    of the `pairs` planned looks."""
    doublings = _doublings(looks)
    y = _scale(doublings)
    step = (WIDTH - _LEFT - _RIGHT) / max(pairs, 1)
    marks = [
        Mark(
            x=round(_LEFT + step * (int(str(look["pair"])) - 0.5), 1),
            y=_number(look.get("rate_ratio"), y),
            low=_number(look.get("ci_low"), y),
            high=_number(look.get("ci_high"), y),
            label=str(look["pair"]),
            answer=bool(look.get("final")) and not look.get("after_answer"),
            after=bool(look.get("after_answer")),
        )
        for look in looks
    ]
    answer = next((m for m in marks if m.answer), None)
    divider = (
        round(answer.x + step / 2, 1)
        if answer is not None and any(m.after for m in marks)
        else None
    )
    every = 1 if doublings <= 3 else 2
    powers = [p for p in range(-doublings, doublings + 1) if p % every == 0]
    return LooksChart(
        width=WIDTH,
        height=HEIGHT,
        left=_LEFT,
        right=WIDTH - _RIGHT,
        top=_TOP,
        bottom=HEIGHT - _BOTTOM,
        marks=marks,
        ticks=[(y(2.0**p), _label(p)) for p in powers],
        one=y(1.0),
        divider=divider,
    )
