"""The rule table of `docs/triage-rules.md`, rendered from the rules content.

Run `python -m nightcramp.core.triage.table > docs/triage-rules.md` after changing a rule.
"""

from __future__ import annotations

from pathlib import Path

from nightcramp.core.knowledge.sources import load_sources
from nightcramp.core.meds.names import load_dictionary
from nightcramp.core.triage.rules import read_rules_file

__all__ = ["render_rule_table"]

_LEVELS = ("emergency", "urgent", "soon", "routine", "context")
_INTRO = """# Triage rules

The rules live in `src/nightcramp/content/triage/rules.yaml`. This page is generated from that
file (`python -m nightcramp.core.triage.table > docs/triage-rules.md`) and a test fails when it
is out of date. The clinical background is in shared/triage/VOCABULARY.md and EVIDENCE.md §4.

- The most urgent rule that applies wins.
- A missing answer, or `null`, is unknown: "= yes" and "= no" only hold for an answer of `true`
  or `false`. Unknown never lowers urgency.
- `context` rules add a reason and conditions to consider; they never change the disposition.
- A reason that reassures ("usually harmless", `reason_up_to: soon`) is given only beside a
  result up to `soon`, never beside one that cannot wait; a reason that a more urgent rule
  already says more fully (`said_by`) is left out when that rule applies. What to consider
  still counts.
- When no rule with a disposition applies and every key of the core safety screen was answered
  `false`, the result is `self_care`. When any core key is missing, `safety_screen_incomplete`
  gives `routine`, with its own headline ("some safety questions were not answered, so we
  cannot say this is safe: call … now if …"), never "mention it at your next check-up".
- Inside one disposition the first rule listed speaks first: its own headline (the maternity
  unit, the chemotherapy helpline, the 48-hour sick-day wording) replaces the disposition's.
  An `urgent` rule marked *now* cannot wait for the surgery to open: "now: urgent care, A&E,
  the out-of-hours line or the maternity unit".
- The texts name the person's emergency number and health line (`{emergency_number}`,
  `{urgent_service}`), from the country table in `content/triage/services.toml`.
- `unanswered` lists every key whose answer, on its own, could change the disposition (found by
  trying each possible answer). For those that could make it `urgent` or `emergency`, a reason
  says "We could not rule out …" and quotes the question to answer.
- A rule may say what to do when a fact it reads is unanswered and a yes would make it apply
  (`if_unknown` in `content/triage/rules.yaml`): with new tingling around the lips and the
  neck-operation question unanswered, the advice adds "If you have had an operation on your
  neck … in the last 4 weeks, call … now". A medicine name that is not recognised counts as
  possibly any medicine for these sentences ("mood stabiliser" with vomiting: "if you take
  lithium…"). Such a sentence never changes the disposition; a `self_care` result with one
  leads with it ("You can probably manage this at home, but check this first: …", label
  "Check one thing first").
- Every non-emergency result's advice names the signs that mean calling emergency services.

| rule | disposition | applies when | headline | consider | sources |
| --- | --- | --- | --- | --- | --- |
"""


def _pair(arg: object) -> tuple[object, object]:
    assert isinstance(arg, dict) and len(arg) == 1
    ((key, value),) = arg.items()
    return key, value


def _names(arg: object) -> str:
    if isinstance(arg, dict):  # {group: ID}: the group's members, from the medicines content
        group = str(arg["group"])
        members = ", ".join(sorted(load_dictionary().groups[group]))
        return f"the `{group}` group of meds/names.yaml ({members})"
    assert isinstance(arg, list)
    return ", ".join(str(a) for a in arg)


def _describe(spec: object) -> str:
    assert isinstance(spec, dict) and len(spec) == 1
    ((op, arg),) = spec.items()
    if op == "yes_to":
        return f"`{arg}` = yes"
    if op == "no_to":
        return f"`{arg}` = no"
    if op in _SIGNS:
        key, value = _pair(arg)
        return f"`{key}` {_SIGNS[op]} {value}"
    if op in {"any", "all"}:
        assert isinstance(arg, list)
        joined = (" or " if op == "any" else " and ").join(_describe(p) for p in arg)
        return f"({joined})" if op == "any" else joined
    if op == "not":
        return f"not ({_describe(arg)})"
    if op == "medicine":
        assert isinstance(arg, list)
        return "a medicine of class " + " or ".join(f"`{c}`" for c in arg)
    if op == "linked_medicine":
        return (
            "a medicine that may add to cramps (a class with a link: not `none`, nor a "
            "treatment such as quinine)"
        )
    if op == "generic":
        return f"a medicine among: {_names(arg)}"
    if op == "takes_none_of":
        return f"the medicines are known and none is among: {_names(arg)}"
    if op == "interaction":
        return f"two medicines that interact (`{arg}`, meds/interactions.yaml)"
    if op == "safety_screen":
        return "a key of the core safety screen is not answered no"
    return "a medicine name we do not recognise"


_SIGNS = {"is": "is", "at_least": "≥", "more_than": ">", "less_than": "<"}


def render_rule_table(content_dir: Path | None = None) -> str:
    """The Markdown page: the rule table, then the sources it cites."""
    book = read_rules_file(content_dir)
    sources = load_sources(content_dir)
    lines = [_INTRO.rstrip("\n")]
    for level in _LEVELS:
        for rule in book.rules:
            if rule.disposition != level:
                continue
            consider = ", ".join(rule.consider) or "—"
            cited = ", ".join(rule.sources)
            shown = f"{level}, now" if rule.now else level
            headline = rule.headline.strip() or "—"
            lines.append(
                f"| `{rule.id}` | {shown} | {_describe(rule.when)} | {headline} | {consider}"
                f" | {cited} |"
            )
    used = sorted({s for r in book.rules for s in r.sources} | set(book.self_care.sources))
    lines += ["", "## Sources", ""]
    for source_id in used:
        entry = sources[source_id]
        link = entry.url or (f"doi:{entry.doi}" if entry.doi else "")
        lines.append(f"- `{source_id}`: {entry.citation} {link}".rstrip())
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(render_rule_table(), end="")
