"""How sure we are about each relief method: its evidence grade from the knowledge content, and
the warning a method graded X always carries (`content/insights/wording.yaml`,
`relief_evidence` and `relief_warning`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from nightcramp.core.diary import Relief
from nightcramp.core.insights.wording import WORDING_FILE, load_insight_wording
from nightcramp.core.knowledge.files import ContentFileError, ContentModel, content_key, quoted
from nightcramp.core.knowledge.grades import Grade

__all__ = ["ReliefEvidence", "relief_evidence"]


class ReliefEvidence(ContentModel):
    """How sure we are about one relief method, and the warning it always carries if X."""

    grade: Grade
    warning: str | None


def relief_evidence(content_dir: Path | None = None) -> dict[Relief, ReliefEvidence]:
    """Each graded relief method's grade and, for a method graded X, its warning (cached).

    Raises ContentFileError naming `relief_evidence` when an entry id is not in the knowledge
    content, or an X entry has no verdict to give as the reason.
    """
    return _evidence(content_key(content_dir))


@cache
def _evidence(root: Path | None) -> dict[Relief, ReliefEvidence]:
    from nightcramp.core.knowledge.load import load_knowledge

    words = load_insight_wording(root)
    knowledge = load_knowledge(root)
    found: dict[Relief, ReliefEvidence] = {}
    for relief, entry_id in words.relief_evidence.items():
        field = f"relief_evidence.{relief.value}"
        try:
            entry = knowledge.entry(entry_id)
        except KeyError:
            raise ContentFileError(
                f"unknown knowledge entry {quoted(entry_id)}", file=WORDING_FILE, field=field
            ) from None
        if entry.grade is None:
            raise ContentFileError(
                "a safety entry grades no relief", file=WORDING_FILE, field=field
            )
        warning = None
        if entry.grade is Grade.X:
            if not entry.verdict:
                raise ContentFileError("an X entry needs a verdict", file=WORDING_FILE, field=field)
            warning = words.relief_warning.format(reason=" ".join(entry.verdict.split()))
        found[relief] = ReliefEvidence(grade=entry.grade, warning=warning)
    return found
