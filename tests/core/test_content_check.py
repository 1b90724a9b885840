"""Every content loader names the file, the entry and the field of a problem, the same way.

Each case lays one tiny broken file from `tests/data/content/broken/<case>/` over a copy of
the shipped content; the loader and `validate_all_content` must both report it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from nightcramp.core.content_check import CONTENT_LOADERS, validate_all_content
from nightcramp.core.errors import ContentError
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.core.insights.wording import load_insight_wording
from nightcramp.core.knowledge.files import ContentFileError, ContentFileErrors
from nightcramp.core.knowledge.load import load_knowledge
from nightcramp.core.knowledge.sources import CONTENT_DIR, load_sources
from nightcramp.core.meds.interactions import load_interaction_rules
from nightcramp.core.meds.names import load_dictionary
from nightcramp.core.meds.wording import load_meds_wording
from nightcramp.core.plan.content import load_plan_content
from nightcramp.core.plan.nutrition import load_nutrition
from nightcramp.core.plan.reminders import load_reminder_texts
from nightcramp.core.plan.routine import load_routine
from nightcramp.core.relief.content import load_relief
from nightcramp.core.report.wording import load_report_wording
from nightcramp.core.triage.condition_words import load_condition_words
from nightcramp.core.triage.history_wording import load_history_wording
from nightcramp.core.triage.questionnaire import check_ask_if
from nightcramp.core.triage.rules import load_rules
from nightcramp.core.triage.services import load_services
from nightcramp.core.triage.vocabulary import load_vocabulary

BROKEN = Path(__file__).resolve().parents[1] / "data" / "content" / "broken"
Loader = Callable[[Path | None], object]

# (case folder, loader, the start of the message: file, entry and field, then the reason)
CASES: list[tuple[str, Loader, str]] = [
    (
        "sources",
        load_sources,
        'content/sources/evidence.yaml: entry "tiny_review", field "kind": Input should be',
    ),
    (
        "knowledge",
        load_knowledge,
        'content/knowledge/tiny.yaml: entry "tiny_entry", field "sources": '
        'unknown source id "nobody_2099"',
    ),
    (
        "relief",
        load_relief,
        'content/relief/foot.toml: entry "foot_tiny", field "hold_seconds": '
        "Input should be less than or equal to 120",
    ),
    (
        "meds_classes",
        load_dictionary,
        'content/meds/classes.yaml: entry "statin", field "cramp_link": Input should be',
    ),
    (
        "meds_names",
        load_dictionary,
        'content/meds/names.yaml: entry "ezetimibe/simvastatin", field "components": '
        'unknown generic "ezetimibe"',
    ),
    (
        "meds_wording",
        load_meds_wording,
        'content/meds/wording.yaml: entry "combined", field "potassium_supplement.text": '
        'unknown placeholder "{prescribr}"',
    ),
    (
        "meds_interactions",
        load_interaction_rules,
        'content/meds/interactions.yaml: entry "statin_grapefruit", field "first.generics": '
        'unknown generic "grapefruit"',
    ),
    (
        "questions",
        load_vocabulary,
        'content/triage/questions.yaml: entry "age", field "type": Input should be',
    ),
    (
        "ask_if",
        check_ask_if,
        'content/triage/questions.yaml: entry "pregnant", field "ask_if": '
        'unknown condition operator "maybe"',
    ),
    (
        "triage_rules",
        load_rules,
        'content/triage/rules.yaml: entry "purple_leg", field "when": '
        'yes_to: "leg_purple" is not a vocabulary key',
    ),
    (
        "triage_services",
        load_services,
        'content/triage/services.toml: entry "countries.GB", field "emergency_number": '
        "expected a phone number",
    ),
    (
        "triage_history",
        load_history_wording,
        'content/triage/history.yaml: entry "reminder", field "title": '
        'missing placeholder "{date}"',
    ),
    (
        "plan_items",
        load_plan_content,
        'content/plan/items.yaml: entry "hydration", field "sources": unknown source id "xyz"',
    ),
    (
        "plan_groups",
        load_plan_content,
        'content/plan/condition_groups.yaml: entry "fluid_limit", field "conditions": '
        'unknown condition "gout"',
    ),
    (
        "routine",
        load_routine,
        'content/plan/routine.yaml: entry "calf", field "hold_seconds": Field required',
    ),
    (
        "reminders",
        load_reminder_texts,
        'content/plan/reminders.yaml: entry "water", field "minutes": '
        "Input should be greater than or equal to 1",
    ),
    (
        "nutrition",
        load_nutrition,
        'content/nutrition/foods.yaml: entry "pumpkin_seeds", field "magnesium_mg": '
        "Input should be greater than or equal to 0",
    ),
    (
        "report",
        load_report_wording,
        'content/report/document.yaml: entry "questions", field "medicines.text": '
        'missing placeholder "{names}"',
    ),
    (
        "insights",
        load_insight_wording,
        'content/insights/wording.yaml: entry "not_enough_data", '
        'field "reasons.few_cramp_nights": missing placeholder "{cramp_nights}"',
    ),
    (
        "experiments",
        load_experiment_content,
        'content/experiments/changes.yaml: entry "bedtime_stretch", field "plan_item": '
        '"quinine" can never be an experiment',
    ),
    (
        "triage_conditions",
        load_condition_words,
        'content/triage/conditions.yaml: entry "leg_ache", field "conditions": Input should be',
    ),
    (
        "experiments_stored",
        load_stored_wording,
        'content/experiments/stored.yaml: entry "refused", field "triage_open": '
        'unknown placeholder "{when}"',
    ),
]


def _broken_copy(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(BROKEN / case, root, dirs_exist_ok=True)
    return root


def test_the_shipped_content_is_valid() -> None:
    validate_all_content()


def test_every_loader_has_a_broken_case() -> None:
    assert set(CONTENT_LOADERS) == {loader for _, loader, _ in CASES}


def test_every_broken_case_folder_has_a_case() -> None:
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == {case for case, _, _ in CASES} | {"unread"}


@pytest.mark.parametrize(("case", "loader", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_file_is_named_with_its_entry_and_field(
    tmp_path: Path, case: str, loader: Loader, message: str
) -> None:
    root = _broken_copy(tmp_path, case)
    with pytest.raises(ContentFileError) as caught:
        loader(root)
    assert str(caught.value).startswith(message), str(caught.value)
    assert caught.value.file.startswith("content/")
    assert caught.value.entry is not None and caught.value.field


@pytest.mark.parametrize(
    ("case", "message"), [(c, m) for c, _, m in CASES], ids=[c[0] for c in CASES]
)
def test_validate_all_content_reports_the_same_problem(
    tmp_path: Path, case: str, message: str
) -> None:
    root = _broken_copy(tmp_path, case)
    with pytest.raises(ContentError) as caught:
        validate_all_content(root)
    lines = str(caught.value).splitlines()
    assert any(line.startswith(message) for line in lines), lines


def test_a_file_no_loader_reads_is_reported(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path, "unread")
    with pytest.raises(ContentFileError, match=r"^content/plan/item\.yaml: no loader reads"):
        validate_all_content(root)


def test_every_problem_is_listed_once_one_line_each(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path, "plan_items")
    shutil.copytree(BROKEN / "routine", root, dirs_exist_ok=True)
    shutil.copytree(BROKEN / "unread", root, dirs_exist_ok=True)
    with pytest.raises(ContentFileErrors) as caught:
        validate_all_content(root)
    files = [str(e).split(":")[0] for e in caught.value.errors]
    assert files == [
        "content/plan/items.yaml",
        "content/plan/routine.yaml",
        "content/plan/item.yaml",
    ]
    assert str(caught.value).count("\n") == 2


def test_checking_content_at_start_loads_no_analysis_libraries() -> None:
    # Every command that opens the database validates content at start; that must not pull in
    # numpy or scipy (the analysis), which would double an import's memory.
    import subprocess
    import sys

    code = (
        "import sys; from nightcramp.core.content_check import validate_all_content; "
        "validate_all_content(); "
        "print(sorted(m for m in ('numpy', 'scipy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
