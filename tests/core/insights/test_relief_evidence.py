"""Each relief method's evidence grade, and the warning an X-graded method always carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.core.insights.test_wording import _content_with

from nightcramp.core.diary import Relief
from nightcramp.core.insights.relief_evidence import relief_evidence
from nightcramp.core.knowledge import load_knowledge
from nightcramp.core.knowledge.files import ContentFileError
from nightcramp.core.knowledge.grades import Grade


def test_every_x_graded_relief_method_in_the_content_has_a_warning() -> None:
    for relief, known in relief_evidence().items():
        assert (known.grade is Grade.X) == (known.warning is not None), relief


@pytest.mark.parametrize(
    "entry_id",
    [
        "no_such_entry",  # not in the knowledge content
        "flag_long_cramp",  # a safety instruction grades no relief
        "remedy_calcium",  # graded X with no verdict to give as the warning
    ],
)
def test_a_relief_method_graded_by_a_wrong_entry_is_refused_naming_it(
    tmp_path: Path, entry_id: str
) -> None:
    root = _content_with(
        tmp_path, "stand_on_toes: relief_stand_on_toes", f"stand_on_toes: {entry_id}"
    )
    with pytest.raises(ContentFileError, match=r"relief_evidence\.stand_on_toes"):
        relief_evidence(root)


def test_an_x_graded_method_gets_the_entrys_verdict_as_its_warning() -> None:
    toes = relief_evidence()[Relief.STAND_ON_TOES]
    verdict = load_knowledge().entry("relief_stand_on_toes").verdict
    assert toes.grade is Grade.X
    assert verdict and toes.warning and " ".join(verdict.split()) in toes.warning
