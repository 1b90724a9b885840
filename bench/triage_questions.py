"""How many questions the triage questionnaire asks before it gives a result.

A simulated person is a full set of answers: every question the flow asks is answered from it
("not sure" for a key it does not have; a step asked together is answered yes when any of its
keys is yes, no when all are no, else not sure). People: the shared examples and 500 random
answer sets (seeded). For each person we count the steps asked until the result and check the
result against `assess` of the person's full answers: it must be the same disposition, and for
anyone with a red flag (a full-answer result of urgent or emergency) never less urgent.

    .venv/bin/python bench/triage_questions.py [--people 500] [--seed 11] [--examples DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from nightcramp.core.triage import Disposition, assess, load_vocabulary
from nightcramp.core.triage.questionnaire import Progress, Step, should_ask
from nightcramp.core.triage.vocabulary import AnswerValue, QuestionType

EXAMPLES = Path("/work/shared/triage/examples")
MEDICINES = [
    "indapamide", "bendroflumethiazide", "furosemide", "spironolactone", "atorvastatin",
    "simvastatin", "metformin", "amlodipine", "ramipril", "losartan", "omeprazole",
    "paracetamol", "salbutamol", "Symbicort", "lithium carbonate", "quinine sulfate",
    "apixaban", "levothyroxine", "HRT", "naproxen", "pregabalin", "donepezil", "xyzzy",
]  # fmt: skip
YES = (0.01, 0.10)  # each person's chance of yes to a yes/no question, drawn from this range


def random_person(rng: random.Random, unsure: float = 0.0) -> dict[str, AnswerValue]:
    """Every key answered at random (with `unsure`, some left unknown), then the questions
    that would never be asked of this person (their ask_if is false) taken out."""
    person: dict[str, AnswerValue] = {}
    yes = rng.uniform(*YES)
    for key, question in load_vocabulary().questions.items():
        if rng.random() < unsure:
            continue
        if question.type is QuestionType.BOOL:
            person[key] = rng.random() < yes
        elif question.type is QuestionType.ENUM:
            person[key] = rng.choice(question.choices)
        elif question.type is QuestionType.LIST:
            person[key] = tuple(rng.sample(MEDICINES, rng.choice([0, 0, 1, 1, 2, 3])))
        else:
            low = question.minimum if question.minimum is not None else 0
            high = question.maximum if question.maximum is not None else 14
            if key == "age":
                low = 16
            value: float = rng.uniform(max(low, 0.5), high)
            person[key] = int(value) if question.type is QuestionType.INT else round(value, 1)
    changed = True
    while changed:
        changed = False
        for key in list(person):
            if not should_ask(key, person):
                del person[key]
                changed = True
    return person


def reply(person: Mapping[str, AnswerValue], step: Step) -> AnswerValue | None:
    if not step.together:
        return person.get(step.keys[0])
    values = [person.get(k) for k in step.keys]
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


def run(person: Mapping[str, AnswerValue]) -> Progress:
    progress = Progress()
    while (step := progress.next_step()) is not None:
        progress = progress.answer(step, reply(person, step))
    return progress


def examples(folder: Path) -> list[tuple[str, dict[str, AnswerValue]]]:
    from nightcramp.core.triage import validate_answers

    found = []
    for path in sorted(folder.glob("*.json")):
        clean, _ = validate_answers(json.loads(path.read_text("utf-8")), file=str(path))
        found.append((path.stem, clean))
    return found


Row = tuple[str, Disposition, Disposition, Progress]


def simulate(people: list[tuple[str, dict[str, AnswerValue]]]) -> list[Row]:
    rows = []
    for name, person in people:
        progress = run(person)
        rows.append(
            (name, assess(person).disposition, assess(progress.answers).disposition, progress)
        )
    return rows


def after_emergency(progress: Progress) -> int:
    """Steps asked after the answers first gave an emergency (0 when it stopped at once)."""
    answers = Progress(progress.known)
    for number, (step, reply) in enumerate(progress.log, start=1):
        answers = answers.answer(step, reply)
        if assess(answers.answers).disposition is Disposition.EMERGENCY:
            return progress.asked - number
    return 0


def _median(values: list[int]) -> str:
    return f"{statistics.median(values):g}" if values else "–"


def table(title: str, rows: list[Row]) -> list[str]:
    calm = [r for r in rows if r[1] < Disposition.URGENT]
    lines = [f"### {title}", "", "| people | n | questions: median | 90th centile | max |"]
    lines.append("| --- | --- | --- | --- | --- |")
    groups: list[tuple[str, list[Row]]] = [("no red flag (self_care, routine, soon)", calm)]
    groups += [(d.value, [r for r in rows if r[1] is d]) for d in reversed(Disposition)]
    for label, group in groups:
        asked = [r[3].asked for r in group]
        if not asked:
            continue
        tenth = statistics.quantiles(asked, n=10)[-1] if len(asked) > 1 else asked[0]
        lines.append(f"| {label} | {len(asked)} | {_median(asked)} | {tenth:g} | {max(asked)} |")
    emergencies = [r for r in rows if r[1] is Disposition.EMERGENCY]
    later = [after_emergency(r[3]) for r in emergencies]
    keys = [sum(len(s.keys) for s, _ in r[3].log) for r in calm]
    changed = [r for r in rows if r[2] is not r[1]]
    lower = [r for r in rows if r[1] >= Disposition.URGENT and r[2] < r[1]]
    lines += [
        "",
        f"- no red flag: questions covered per person, median {_median(keys)} (a step that asks "
        "several questions together counts once above)",
        f"- emergencies that stopped at the answer that made the emergency certain: "
        f"{sum(1 for n in later if n == 0)} of {len(later)}; the others asked "
        f"{_median([n for n in later if n]) if any(later) else 0} more (median) because a later "
        "answer could still lower it",
        f"- result different from `assess` of the full answers: {len(changed)}; "
        f"less urgent with a red flag: {len(lower)}",
        "",
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument(
        "--unsure", type=float, default=0.05, help="chance of not sure (second run)"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    shared = simulate(examples(args.examples))
    lines = ["| example | questions | result | full answers |", "| --- | --- | --- | --- |"]
    lines += [f"| {r[0]} | {r[3].asked} | {r[2].value} | {r[1].value} |" for r in shared]
    lines.append("")
    rng = random.Random(args.seed)
    full = [(f"random-{i}", random_person(rng)) for i in range(args.people)]
    rows = simulate(full)
    lines += table(f"Shared examples and {args.people} random full answer sets", shared + rows)
    rng = random.Random(args.seed)
    unsure = [(f"unsure-{i}", random_person(rng, args.unsure)) for i in range(args.people)]
    lines += table(
        f"{args.people} random answer sets, each answer not sure with chance {args.unsure:g}",
        simulate(unsure),
    )
    print("\n".join(lines))
    print(f"({time.perf_counter() - began:.0f} s)")
    bad = [r for r in shared + rows if r[1] >= Disposition.URGENT and r[2] < r[1]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
