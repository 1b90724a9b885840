"""The rule table of `docs/triage-rules.md`, rendered from the rules content.

Run `python -m nightcramp.core.triage.table > docs/triage-rules.md` after changing a rule.
"""

from __future__ import annotations

from pathlib import Path

from nightcramp.core.knowledge.sources import load_sources
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
- When no rule with a disposition applies and every key of the core safety screen was answered
  `false`, the result is `self_care`. When any core key is missing, `safety_screen_incomplete`
  gives `routine`.
- `unanswered` lists every key whose answer, on its own, could change the disposition (found by
  trying each possible answer). For those that could make it `urgent` or `emergency`, a reason
  says "We could not rule out …" and quotes the question to answer.
- Every non-emergency result's advice names the signs that mean calling emergency services.

| rule | disposition | applies when | consider | sources |
| --- | --- | --- | --- | --- |
"""


def _pair(arg: object) -> tuple[object, object]:
    assert isinstance(arg, dict) and len(arg) == 1
    ((key, value),) = arg.items()
    return key, value


def _describe(spec: object) -> str:
    assert isinstance(spec, dict) and len(spec) == 1
    ((op, arg),) = spec.items()
    if op == "yes_to":
        return f"`{arg}` = yes"
    if op == "no_to":
        return f"`{arg}` = no"
    if op in {"is", "at_least", "more_than"}:
        key, value = _pair(arg)
        sign = {"is": "is", "at_least": "≥", "more_than": ">"}[op]
        return f"`{key}` {sign} {value}"
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
        return "a medicine with a link to cramps (any class but `none`)"
    return "a medicine name we do not recognise"


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
            lines.append(
                f"| `{rule.id}` | {level} | {_describe(rule.when)} | {consider} | {cited} |"
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
