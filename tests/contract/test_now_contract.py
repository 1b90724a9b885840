"""CONTRACT.md: `nightcramp now` and the `/now` page, checked from the outside."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.test import Client
from typer.testing import CliRunner

from nightcramp.cli.app import build_app

MUSCLES = ["calf", "foot", "thigh_back", "thigh_front"]
STEP = re.compile(r"^Step (\d+) of (\d+)\. ", re.M)


def _cli_steps(output: str) -> list[int]:
    return [int(n) for n, _ in STEP.findall(output)]


@pytest.mark.parametrize("muscle", MUSCLES)
def test_now_not_on_a_terminal_prints_every_step_with_its_hold_time(muscle: str) -> None:
    result = CliRunner().invoke(build_app(), ["now", "--muscle", muscle])
    assert result.exit_code == 0
    numbers = _cli_steps(result.output)
    total = int(STEP.findall(result.output)[0][1])
    assert numbers == list(range(1, total + 1))
    blocks = STEP.split(result.output)[1:]
    for block in blocks[2::3]:
        assert re.search(
            r"^  Timer: (\d+ seconds(, \d+ times)?|none, take your time)\.$", block, re.M
        )
    assert re.search(r"Timer: \d+ seconds", result.output)


def test_now_json_prints_exactly_one_json_document() -> None:
    result = CliRunner().invoke(build_app(), ["now", "--muscle", "foot", "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["muscle"] == "foot"
    assert all("hold_seconds" in step for step in document["steps"])


def test_now_from_the_console_script_is_plain_when_piped_and_exits_0() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nightcramp", "now"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert _cli_steps(result.stdout)[0] == 1
    assert "Traceback" not in result.stderr


def test_now_with_a_muscle_outside_the_contract_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nightcramp", "now", "--muscle", "knee"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert all(m in result.stderr for m in MUSCLES)
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("muscle", MUSCLES)
def test_now_page_marks_steps_in_order_and_the_safety_line(client: Client, muscle: str) -> None:
    response = client.get(f"/now?muscle={muscle}")
    assert response.status_code == 200
    html = response.content.decode()
    numbers = [int(n) for n in re.findall(r'data-step="(\d+)"', html)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 2
    assert "data-safety" in html
    cli = CliRunner().invoke(build_app(), ["now", "--muscle", muscle])
    assert len(_cli_steps(cli.output)) == len(numbers)


@pytest.mark.django_db
def test_now_without_a_trailing_slash_is_the_page_itself(client: Client) -> None:
    response = client.get("/now")
    assert response.status_code == 200
    assert 'data-step="1"' in response.content.decode()
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert '"/now"' in worker.content.decode()
