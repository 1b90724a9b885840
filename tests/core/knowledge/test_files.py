"""The one content reader: YAML or TOML in, a validated model out, one error format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from nightcramp.core.errors import ContentError
from nightcramp.core.knowledge.files import (
    ContentFileError,
    ContentFileErrors,
    check_template,
    list_content,
    read_content,
    read_entries,
)


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    seconds: int = Field(ge=1)


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reviewed: dt.date
    steps: tuple[Step, ...] = ()
    labels: dict[str, str] = {}
    notes: dict[str, int] = {}


def _write(root: Path, path: str, text: str) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return root


def test_the_message_names_file_entry_and_field() -> None:
    error = ContentFileError(
        'unknown source id "xyz"', file="plan/items.yaml", entry="hydration", field="sources"
    )
    assert (
        str(error)
        == 'content/plan/items.yaml: entry "hydration", field "sources": unknown source id "xyz"'
    )
    assert isinstance(error, ContentError)


def test_an_entry_without_an_id_is_named_by_its_index() -> None:
    error = ContentFileError("Field required", file="content/x.yaml", entry=2, field="id")
    assert str(error) == 'content/x.yaml: entry #2, field "id": Field required'


def test_a_problem_with_the_whole_file_names_only_the_file() -> None:
    assert (
        str(ContentFileError("the file is empty", file="x.yaml"))
        == "content/x.yaml: the file is empty"
    )


def test_several_problems_read_one_per_line() -> None:
    errors = ContentFileErrors(
        [ContentFileError("a", file="x.yaml"), ContentFileError("b", file="y.yaml", field="f")]
    )
    assert str(errors) == 'content/x.yaml: a\ncontent/y.yaml: field "f": b'
    with pytest.raises(ValueError, match="at least one"):
        ContentFileErrors([])


def test_a_valid_yaml_file_is_returned_as_the_model(tmp_path: Path) -> None:
    root = _write(tmp_path, "t/doc.yaml", "reviewed: 2026-12-06\nsteps: [{id: a, seconds: 3}]\n")
    doc = read_content("t/doc.yaml", Doc, root=root)
    assert doc.steps == (Step(id="a", seconds=3),)


def test_a_toml_file_is_read_too(tmp_path: Path) -> None:
    root = _write(
        tmp_path, "t/doc.toml", 'reviewed = 2026-12-06\n[[steps]]\nid = "a"\nseconds = 0\n'
    )
    with pytest.raises(ContentFileError) as caught:
        read_content("t/doc.toml", Doc, root=root)
    assert str(caught.value).startswith('content/t/doc.toml: entry "a", field "seconds": ')


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    root = _write(tmp_path, "t/doc.toml", "reviewed = \n")
    with pytest.raises(ContentFileError, match=r"^content/t/doc\.toml: not valid TOML: .*line 1"):
        read_content("t/doc.toml", Doc, root=root)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "content/t/doc.yaml: the file is empty"),
        ("reviewed: [\n", "content/t/doc.yaml: not valid YAML: "),
        ("reviewed: soon\n", 'content/t/doc.yaml: field "reviewed": Input should be a valid date'),
        (
            "reviewed: 2026-12-06\nnotes: {a: 1, b: x}\n",
            'content/t/doc.yaml: entry "notes", field "b": Input should be a valid integer',
        ),
        (
            "reviewed: 2026-12-06\nlabels: {a: x, b: [1]}\n",
            'content/t/doc.yaml: entry "b", field "labels": Input should be a valid string',
        ),
        (
            "reviewed: 2026-12-06\nsteps: [{id: a, secs: 3}]\n",
            'content/t/doc.yaml: entry "a", field "secs": Extra inputs are not permitted',
        ),
    ],
    ids=["empty", "yaml", "top-level field", "section", "keyed entry", "misspelt key"],
)
def test_problems_name_the_entry_and_field(tmp_path: Path, text: str, message: str) -> None:
    root = _write(tmp_path, "t/doc.yaml", text)
    with pytest.raises(ContentFileError) as caught:
        read_content("t/doc.yaml", Doc, root=root, keyed=("labels",))
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentFileError, match=r"^content/t/none\.yaml: cannot be read"):
        read_content("t/none.yaml", Doc, root=tmp_path)


def test_entries_need_unique_ids_and_are_named_by_index_without_one(tmp_path: Path) -> None:
    root = _write(tmp_path, "t/steps.yaml", "- {id: a, seconds: 1}\n- {id: a, seconds: 2}\n")
    with pytest.raises(ContentFileError, match=r'entry "a", field "id": duplicate id$'):
        read_entries("t/steps.yaml", Step, root=root)
    _write(tmp_path, "t/steps.yaml", "- {id: a, seconds: 1}\n- {seconds: 2}\n")
    with pytest.raises(ContentFileError, match=r'entry #1, field "id": Field required$'):
        read_entries("t/steps.yaml", Step, root=root)


def test_list_content_finds_the_files_of_one_kind_in_order(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml", "c.toml"):
        _write(tmp_path, f"t/{name}", "x: 1\n")
    (tmp_path / "t" / "__pycache__").mkdir()
    assert list_content("t", ".yaml", root=tmp_path) == ("t/a.yaml", "t/b.yaml")
    assert list_content("nothing", ".yaml", root=tmp_path) == ()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Hello {nme}", 'unknown placeholder "{nme}"'),
        ("Hello", 'missing placeholder "{name}"'),
        ("Hello {name", "bad placeholder"),
    ],
)
def test_a_template_must_keep_its_placeholders(text: str, reason: str) -> None:
    with pytest.raises(ContentFileError) as caught:
        check_template("t/doc.yaml", "greeting", "text", text, ("name",))
    assert str(caught.value).startswith(
        f'content/t/doc.yaml: entry "greeting", field "text": {reason}'
    )
    check_template("t/doc.yaml", "greeting", "text", "Hello {name}", ("name",))
