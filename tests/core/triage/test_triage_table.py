"""The rule table of docs/triage-rules.md is drawn from the rules content."""

from __future__ import annotations

from pathlib import Path

from nightcramp.core.triage import load_rules
from nightcramp.core.triage.table import render_rule_table

DOCS = Path(__file__).resolve().parents[3] / "docs" / "triage-rules.md"


def test_the_rule_table_in_the_docs_is_current() -> None:
    assert DOCS.read_text("utf-8") == render_rule_table(), (
        "run: python -m nightcramp.core.triage.table > docs/triage-rules.md"
    )


def test_every_rule_has_a_row_with_its_disposition_and_its_headline() -> None:
    page = render_rule_table()
    for rule in load_rules().rules:
        assert f"| `{rule.id}` |" in page
    assert "| `pre_eclampsia_signs` | urgent, now |" in page
    assert "Contact your maternity unit or midwife now." in page
    assert "the medicines are known and none is among: the `anticoagulant` group" in page
    assert "nadroparin" in page
    assert "two medicines that interact (`statin_muscle`" in page
    assert "a key of the core safety screen is not answered no" in page
    assert "`pregnancy_weeks` < 20" in page
