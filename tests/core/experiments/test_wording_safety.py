"""What an experiment says: never "cure" or "proven", never to stop a prescribed medicine, and a
supplement that helps always comes with its cautions (a change in what you do has none to add)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from nightcramp.core.diary import Episode, Night
from nightcramp.core.experiments.analysis import Verdict, analyze_experiment
from nightcramp.core.experiments.content import ChangeKind, load_experiment_content
from nightcramp.core.experiments.document import change_cautions, experiment_document
from nightcramp.core.experiments.schedule import Arm, design_schedule
from nightcramp.core.knowledge.sources import CONTENT_DIR

FORBIDDEN = re.compile(
    r"\bcur(e|es|ed|ing)\b|\bproven\b|\bproof that\b|\bstop (taking )?your (medicine|medication)",
    re.IGNORECASE,
)
SCHEDULE = design_schedule(dt.date(2027, 1, 4), 14, 4, 2)


def _document(on: int, off: int, change_id: str, upto: int | None = None) -> dict[str, object]:
    nights = list(SCHEDULE.nights)[:upto]
    episodes = [
        Episode(dt.datetime.combine(n.date, dt.time(23)) + dt.timedelta(minutes=m))
        for n in nights
        for m in range(on if n.arm is Arm.ON else off)
    ]
    result = analyze_experiment(SCHEDULE, [Night(n.date) for n in nights], episodes, washout=7)
    return experiment_document(result, load_experiment_content().changes[change_id])


def test_the_shipped_experiment_words_never_say_cure_or_proven() -> None:
    for name in ("wording.yaml", "stored.yaml", "changes.yaml"):
        text = (CONTENT_DIR / "experiments" / name).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        assert not FORBIDDEN.search("\n".join(lines)), name


@pytest.mark.parametrize(
    ("on", "off", "upto", "verdict"),
    [
        (0, 1, None, Verdict.HELPS),
        (2, 0, None, Verdict.MAKES_WORSE),
        (1, 1, None, Verdict.NO_CLEAR_EFFECT),
        (0, 0, None, Verdict.NOT_ENOUGH_DATA),
        (1, 1, 40, Verdict.CONTINUE),
    ],
)
@pytest.mark.parametrize("change_id", ["magnesium_supplement", "bedtime_stretch"])
def test_every_verdict_reads_calmly_and_a_supplement_keeps_its_cautions(
    on: int, off: int, upto: int | None, verdict: Verdict, change_id: str
) -> None:
    change = load_experiment_content().changes[change_id]
    doc = _document(on, off, change_id, upto)
    assert doc["verdict"] == verdict.value
    text = str(doc["explanation"])
    assert not FORBIDDEN.search(text), text
    assert doc["cautions"] == list(change_cautions(change))
    says_cautions = "cautions" in text
    assert says_cautions == (change.kind is ChangeKind.SUPPLEMENT and verdict is Verdict.HELPS)


def test_every_supplement_has_cautions_to_carry() -> None:
    supplements = [
        c for c in load_experiment_content().changes.values() if c.kind is ChangeKind.SUPPLEMENT
    ]
    assert supplements
    assert all(change_cautions(c) for c in supplements)
