"""Load and cross-check every shipped content file at once, for start-up and the test suite.

This sits above every core package that reads content; nothing in core imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nightcramp.core.errors import ContentError
from nightcramp.core.experiments.content import load_experiment_content
from nightcramp.core.experiments.stored_wording import load_stored_wording
from nightcramp.core.insights.wording import load_insight_wording
from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentFileErrors,
    content_root,
    list_content,
)
from nightcramp.core.knowledge.load import load_knowledge
from nightcramp.core.knowledge.sources import load_sources
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

__all__ = ["CONTENT_LOADERS", "validate_all_content"]

CONTENT_LOADERS: tuple[Callable[[Path | None], object], ...] = (
    load_sources,
    load_knowledge,
    load_relief,
    load_dictionary,
    load_meds_wording,
    load_interaction_rules,
    load_vocabulary,
    check_ask_if,
    load_rules,
    load_services,
    load_history_wording,
    load_condition_words,
    load_plan_content,
    load_routine,
    load_nutrition,
    load_reminder_texts,
    load_report_wording,
    load_insight_wording,
    load_experiment_content,
    load_stored_wording,
)
"""Every content loader, in the order `validate_all_content` runs them."""

# Folders whose every file of that kind is read; any other content file is read by name.
_READ_ALL = (("knowledge", ".yaml"), ("sources", ".yaml"), ("relief", ".toml"))
_READ_BY_NAME = frozenset(
    {
        "experiments/changes.yaml",
        "experiments/stored.yaml",
        "experiments/wording.yaml",
        "insights/wording.yaml",
        "meds/classes.yaml",
        "meds/interactions.yaml",
        "meds/names.yaml",
        "meds/supplements.yaml",
        "meds/wording.yaml",
        "nutrition/foods.yaml",
        "nutrition/targets.yaml",
        "plan/condition_groups.yaml",
        "plan/items.yaml",
        "plan/medicine_groups.yaml",
        "plan/messages.yaml",
        "plan/reminders.yaml",
        "plan/routine.yaml",
        "plan/rules.yaml",
        "report/document.yaml",
        "triage/conditions.yaml",
        "triage/history.yaml",
        "triage/questions.yaml",
        "triage/rules.yaml",
        "triage/services.toml",
    }
)


def validate_all_content(content_dir: Path | None = None) -> None:
    """Load and cross-check every content file under `content_dir` (default: the shipped one).

    Returns None when all is well. Raises ContentFileError for one problem, or
    ContentFileErrors listing each (one line per problem, file, entry and field named).
    Loaders cache what they read, so a later call costs next to nothing.
    """
    problems: list[ContentError] = []
    for loader in CONTENT_LOADERS:
        try:
            loader(content_dir)
        except ContentError as error:
            if all(str(error) != str(seen) for seen in problems):
                problems.append(error)
    problems += _unread_files(content_dir)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ContentFileErrors(problems)


def _unread_files(content_dir: Path | None) -> list[ContentError]:
    """A file no loader reads is most likely misnamed: report it rather than ignore it."""
    read = set(_READ_BY_NAME)
    for folder, suffix in _READ_ALL:
        read.update(list_content(folder, suffix, root=content_dir))
    root = content_root(content_dir)
    found = [
        f"{folder.name}/{path.name}"
        for folder in root.iterdir()
        if folder.is_dir() and folder.name != "__pycache__"
        for path in folder.iterdir()
        if path.is_file() and path.name.endswith((".yaml", ".yml", ".toml", ".json"))
    ]
    return [
        ContentFileError("no loader reads this file (is its name right?)", file=path)
        for path in sorted(found)
        if path not in read
    ]
