"""Triage against the shared examples and our own vignettes (tests/data/triage/vignettes).

Each vignette holds answers, the expected disposition, conditions `consider` must include and
the reasoning, citing the rule of shared/triage/VOCABULARY.md that decides it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nightcramp.core.triage import Condition, Disposition, assess, load_vocabulary

DATA = Path(__file__).resolve().parents[2] / "data"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "triage" / "examples"
COPIED = DATA / "triage_examples"
EXAMPLES = SHARED if SHARED.is_dir() else COPIED
VIGNETTES = DATA / "triage" / "vignettes"


def _load(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text("utf-8")) | {"file": p.name} for p in sorted(folder.glob("*.json"))
    ]


CASES = [pytest.param(c, id=c["file"]) for c in (*_load(EXAMPLES), *_load(VIGNETTES))]


@pytest.mark.parametrize("case", CASES)
def test_every_example_and_vignette_gets_its_expected_result(case: dict[str, Any]) -> None:
    result = assess(case["answers"])
    expected = case["expected"]
    assert result.disposition.value == expected["disposition"], result.reasons
    assert set(expected["consider_includes"]) <= set(result.consider)
    # Two rules that say the same thing say it once ("Contact your maternity unit or midwife
    # now." came twice with a headache in pregnancy).
    sentences = re.split(r"(?<=[.!?])\s+", result.advice)
    assert len(sentences) == len(set(sentences)), result.advice


def test_the_copied_examples_are_the_shared_ones() -> None:
    copied = {p.name: p.read_text("utf-8") for p in COPIED.glob("*.json")}
    assert len(copied) >= 10
    if SHARED.is_dir():
        shared = {p.name: p.read_text("utf-8") for p in SHARED.glob("*.json")}
        assert {n: json.loads(t) for n, t in copied.items()} == {
            n: json.loads(t) for n, t in shared.items()
        }


def test_there_are_at_least_50_new_vignettes_each_with_its_reasoning() -> None:
    cases = _load(VIGNETTES)
    new = [c for c in cases if c["file"].startswith("v2-")]
    assert len(new) >= 50
    for case in cases:
        assert len(case["reasoning"]) >= 10, case["file"]
        assert case["expected"]["disposition"] in {d.value for d in Disposition}
        assert set(case["expected"]["consider_includes"]) <= {c.value for c in Condition}


def test_the_vignettes_cover_every_new_key_answered_yes() -> None:
    new_keys = {
        "gave_birth_last_6_weeks",
        "upper_belly_pain_or_vomiting_in_pregnancy",
        "headache_sudden_or_stroke_signs",
        "cramp_now_over_10_min_not_easing",
        "leg_injury_last_2_days",
        "calf_tense_pain_out_of_proportion",
        "wound_then_jaw_stiffness_or_spasms",
        "tingling_around_lips",
        "hand_spasm_bunched",
        "recent_neck_surgery",
        "heart_racing_now_and_faint",
        "palpitations_or_faintness_new",
        "lips_tongue_or_throat_swelling",
        "quinine_side_effects",
        "very_unwell",
    }
    assert new_keys <= set(load_vocabulary().questions)
    said_yes = {k for c in _load(VIGNETTES) for k, v in c["answers"].items() if v is True}
    assert new_keys <= said_yes


def test_the_vignettes_make_every_rule_with_a_disposition_decide_at_least_once() -> None:
    from nightcramp.core.triage import load_rules

    deciding: set[str] = set()
    for case in _load(VIGNETTES):
        result = assess(case["answers"])
        deciding |= {
            r.id
            for r in load_rules().rules
            if r.id in result.rules and r.disposition is result.disposition
        }
    with_disposition = {r.id for r in load_rules().rules if r.disposition is not None}
    assert with_disposition - deciding == set()


def test_the_label_read_back_from_a_saved_result_is_the_one_assess_gave() -> None:
    # A plan or a history list shows a saved result's label from its JSON alone: an
    # incomplete screen must never read "Mention it at your next check-up" (rule 7).
    from nightcramp.core.triage import label_of

    for case in (*_load(EXAMPLES), *_load(VIGNETTES)):
        result = assess(case["answers"])
        assert label_of(result.to_json()) == result.label, case["file"]
