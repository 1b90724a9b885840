"""No editorial note reaches a reader: every text a person can see is free of editors' markers.

Scanned: every string of every content file, read through its own loader (sources, knowledge,
relief, medicines, triage, plan, nutrition, report, insights …); the web pages a person opens,
for a test person with a diary, a profile and medicines; and the terminal's `now`, `plan`,
`learn`, `meds check` and `report --json`. YAML comments are for editors and never loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pydantic import BaseModel
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.cli.entry import main
from nightcramp.core.content_check import CONTENT_LOADERS
from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.core.knowledge import load_knowledge
from nightcramp.core.relief.guide import MUSCLES
from nightcramp.store.diary import models
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.nights import SaveMode, save_night
from tests.conftest import make_person

MARKERS = re.compile(
    r"\bunverified\b|not yet checked|before release|current revision|\btodo\b|\bfixme\b"
    r"|\btbd\b|\bxxx\b|\blorem\b|\[citation|editor'?s note",
    re.IGNORECASE,
)


def _marked(where: str, text: str) -> list[str]:
    found = MARKERS.search(text)
    return [f"{where}: {found.group(0)!r} in {text[:120]!r}"] if found else []


def _strings(node: object, where: str, seen: set[int]) -> Iterator[tuple[str, str]]:
    """Every string inside a loaded content object, with a path naming the entry it is in."""
    if isinstance(node, str):
        yield where, node
        return
    if id(node) in seen or node is None or isinstance(node, bool | int | float | dt.date):
        return
    seen.add(id(node))
    entry = getattr(node, "id", None)
    here = f"{where}[{entry}]" if isinstance(entry, str) else where
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _strings(getattr(node, name), f"{here}.{name}", seen)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for item in dataclasses.fields(node):
            yield from _strings(getattr(node, item.name), f"{here}.{item.name}", seen)
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(key, f"{here}.<key>", seen)
            yield from _strings(value, f"{here}.{key}", seen)
    elif isinstance(node, list | tuple | set | frozenset):
        for index, value in enumerate(node):
            yield from _strings(value, f"{here}.{index}", seen)
    elif hasattr(node, "__dict__") or hasattr(node, "__slots__"):
        slots = getattr(type(node), "__slots__", ())
        names = list(vars(node)) if hasattr(node, "__dict__") else list(slots)
        for attr in names:
            if not attr.startswith("_"):
                yield from _strings(getattr(node, attr, None), f"{here}.{attr}", seen)


class _Visible(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read aloud or shown."""

    SHOWN = frozenset({"title", "alt", "aria-label", "placeholder", "value", "content"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        self.parts += [v for k, v in attrs if k in self.SHOWN and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_marker_check_catches_each_kind_of_editorial_note() -> None:
    for note in (
        "Authors unverified.",
        "Check the current revision before release.",
        "TODO: wording",
        "fixme",
        "Dose TBD",
        "xxx",
        "Lorem ipsum",
        "[citation needed]",
        "Editor's note: shorten",
        "* not yet checked against the source",
    ):
        assert _marked("sample", note), note
    for fine in ("etodolac", "Stretch your calves", "xxxl", "a verified figure"):
        assert not _marked("sample", fine), fine


def test_no_content_string_carries_an_editorial_note() -> None:
    problems: list[str] = []
    for loader in CONTENT_LOADERS:
        loaded = loader(None)
        for where, text in _strings(loaded, loader.__name__, set()):
            problems += _marked(where, text)
    assert not problems, "\n".join(problems)


def test_every_source_note_shown_beside_a_citation_is_for_readers() -> None:
    problems: list[str] = []
    for source in load_knowledge().sources.values():
        for field in ("citation", "note"):
            problems += _marked(f"sources[{source.id}].{field}", getattr(source, field) or "")
    assert not problems, "\n".join(problems)


def _diary(user: User) -> None:
    today = dt.date.today()
    for back in range(1, 21):
        night = today - dt.timedelta(days=back)
        save_night(user, night, {"alcohol_drinks": back % 3}, mode=SaveMode.REPLACE)
        if back % 2:
            worked = Relief.STAND_ON_TOES if back % 4 == 1 else Relief.STRETCH
            log_episode(
                user,
                Episode(
                    started_at=dt.datetime.combine(night, dt.time(23, 30)),
                    muscle=Muscle.CALF,
                    side=Side.LEFT,
                    duration_min=3,
                    severity=6,
                    relief=(worked,),
                    relief_worked=worked,
                ),
            )
    models.Profile.objects.create(
        user=user, birth_year=1948, conditions=["heart_failure", "kidney_disease"]
    )
    for name in ("Lasix", "ramipril", "atorvastatin"):
        models.Medication.objects.create(user=user, name=name)


@pytest.mark.django_db
def test_no_web_page_shows_an_editorial_note(client: Client) -> None:
    alice = make_person("alice")
    _diary(alice)
    client.force_login(alice)
    pages = [
        "/", "/log", "/checkin", "/history", "/profile", "/medicines", "/now",
        *(f"/now/{muscle}" for muscle in MUSCLES),
        "/learn/", *(f"/learn/{topic}/" for topic in load_knowledge().topic_ids),
        "/triage/", "/insights/", "/plan/",
        "/plan/routine/", "/plan/nutrition/", "/plan/calendar/", "/report/", "/report/print",
    ]  # fmt: skip
    problems: list[str] = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        problems += _marked(page, _visible(response.content.decode()))
    for api in ("/api/v1/plan", "/api/v1/insights"):
        response = client.get(api)
        assert response.status_code == 200, api
        problems += _marked(api, response.content.decode())
    assert not problems, "\n".join(problems)


def _run(*args: str) -> str:
    result = CliRunner().invoke(build_app(), list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def test_no_terminal_output_shows_an_editorial_note(tmp_path: Path) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text(
        json.dumps({"pregnant": True, "pregnancy_weeks": 24, "medications": ["Lasix"]}),
        encoding="utf-8",
    )
    outputs = {
        "now": _run("now"),
        "now --json": _run("now", "--json"),
        "plan": _run("plan", "--profile", str(profile)),
        "plan --json": _run("plan", "--profile", str(profile), "--json"),
        "learn": _run("learn"),
        "meds check": _run("meds", "check", "Lasix", "ramipril", "Aleve", "Lipitor"),
        "meds check --json": _run("meds", "check", "Lasix", "ramipril", "Aleve", "--json"),
    }
    for topic in load_knowledge().topic_ids:
        outputs[f"learn {topic}"] = _run("learn", topic)
        outputs[f"learn {topic} --json"] = _run("learn", topic, "--json")
    problems = [p for command, out in outputs.items() for p in _marked(command, out)]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_the_report_shows_no_editorial_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _diary(make_person("alice"))
    capsys.readouterr()
    out = tmp_path / "report.html"
    assert main(["report", "--html", "--out", str(out), "--user", "alice", "--json"]) == 0
    problems = _marked("report --json", capsys.readouterr().out)
    problems += _marked("report (html)", _visible(out.read_text(encoding="utf-8")))
    assert not problems, "\n".join(problems)


def test_no_template_comment_spans_lines_and_so_shows_as_text() -> None:
    # Django's {# ... #} ends at the line's end: a comment over two lines is printed as text.
    root = Path(__file__).resolve().parent.parent / "src" / "nightcramp"
    open_comments = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert open_comments == []
