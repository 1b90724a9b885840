"""A result's reasons split into the answered ones and "We could not rule out …" ones, once for
both the result page and the doctor report."""

from __future__ import annotations

from nightcramp.core.triage import assess, load_rules, split_reasons

SPARSE = {"age": 70, "sex": "female"}


def test_answered_reasons_stay_whole_and_in_order() -> None:
    split = split_reasons(("One leg is swollen.", "Cramps started with a new medicine."))
    assert split.why == ["One leg is swollen.", "Cramps started with a new medicine."]
    assert split.not_ruled_out == [] and split.conditions == [] and split.asked == 0


def test_could_not_rule_out_reasons_give_each_condition_once_in_the_contents_words() -> None:
    template = load_rules().could_not_rule_out
    dvt = "a blood clot in a leg (deep vein thrombosis)"
    reasons = (
        "One leg is swollen.",
        template.format(
            rule_out=dvt, questions="\u201cIs one leg swollen?\u201d \u201cIs it red?\u201d"
        ),
        template.format(rule_out="tetanus", questions="\u201cA stiff jaw?\u201d"),
        template.format(rule_out=dvt, questions="\u201cIs it warm?\u201d"),
    )
    split = split_reasons(reasons)
    assert split.why == ["One leg is swollen."]
    assert split.not_ruled_out == list(reasons[1:])
    assert split.conditions == [dvt, "tetanus"]
    assert split.asked == 4
    assert split.questions == ["Is one leg swollen?", "Is it red?", "A stiff jaw?", "Is it warm?"]


def test_a_sparse_answer_set_names_every_rule_out_of_its_reasons() -> None:
    result = assess(SPARSE)
    split = split_reasons(result.reasons)
    assert len(split.not_ruled_out) > 5
    assert split.asked >= len(split.not_ruled_out)
    assert len(split.conditions) == len(set(split.conditions))
    rule_outs = {rule.rule_out for rule in load_rules().rules}
    assert set(split.conditions) <= rule_outs
    assert all("Please answer" not in c for c in split.conditions)
    assert split.why + split.not_ruled_out == sorted(
        result.reasons, key=lambda r: r in split.not_ruled_out
    )
