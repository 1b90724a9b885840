"""`nightcramp now`: the safety line first, every step with its hold time, clean exits."""

from __future__ import annotations

import io
import json
import os
import re
import select
import signal
import subprocess
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from nightcramp.cli import now_fast
from nightcramp.cli.app import build_app
from nightcramp.cli.entry import main
from nightcramp.cli.now_fast import interactive
from nightcramp.config import load_config
from nightcramp.core.errors import ContentError
from nightcramp.core.relief.guide import MUSCLES, read_guide


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["now", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("muscle", MUSCLES)
def test_plain_output_lists_every_step_with_its_hold_time(
    capsys: pytest.CaptureFixture[str], muscle: str
) -> None:
    code, out, err = _run(capsys, "--muscle", muscle)
    guide = read_guide(muscle)
    assert code == 0
    assert err == ""
    total = len(guide.steps)
    for step in guide.steps:
        block = out.split(f"Step {step.number} of {total}. {step.title}\n", 1)[1]
        assert block.startswith(f"  {step.text}\n  Timer: {step.timer_text}.\n")
    assert out.count("Timer: ") == total
    assert "30 seconds" in out


def _safety(muscle: str = "calf") -> str:
    """The safety line from the content, with this environment's numbers (as `now` reads them)."""
    return read_guide(muscle, lines=load_config().help_lines).safety.text


def test_safety_line_comes_first(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys)
    first = out.splitlines()[0]
    assert first == _safety()
    assert "swollen" in first
    assert out.index(_safety()) < out.index("Step 1 of")


@pytest.mark.parametrize(
    ("env", "number"),
    [
        ({"LANG": "en_GB.UTF-8"}, "999"),
        ({"LANG": "en_AU.UTF-8"}, "000"),
        ({"LANG": "C.UTF-8"}, "112"),
        ({"LANG": "en_GB.UTF-8", "NIGHTCRAMP_EMERGENCY_NUMBER": "+4420"}, "+4420"),
    ],
)
def test_safety_line_and_json_call_the_configured_number(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    number: str,
) -> None:
    for name in ("LC_ALL", "LC_TELEPHONE", "NIGHTCRAMP_EMERGENCY_NUMBER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _, out, _ = _run(capsys, "--muscle", "foot")
    first = out.splitlines()[0]
    assert f"Call {number} now" in first
    assert first == _safety("foot")
    _, out, _ = _run(capsys, "--muscle", "foot", "--json")
    document = json.loads(out)
    assert document["safety"]["text"] == first
    assert document["emergency_number"] == number
    assert (
        document["long_cramp"]["text"]
        == read_guide("foot", lines=load_config().help_lines).long_cramp.text
    )


def test_default_muscle_is_the_calf(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys)
    assert "Muscle: Calf (the back of your lower leg)." in out
    assert "Pull your toes up towards your shin" in out


def test_calf_steps_never_say_to_stand_on_the_toes(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--muscle", "calf")
    assert not re.search(r"(stand|rise|go|up) on (to )?(your )?(toes|tiptoes)", out.lower())
    assert "tiptoe" not in out.lower()


@pytest.mark.parametrize(
    "args", [["--muscle", "foot"], ["--muscle=foot"], ["-m", "foot"], ["-mfoot"], ["-m", "FOOT"]]
)
def test_every_spelling_of_the_muscle_option_works(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, _ = _run(capsys, *args)
    assert code == 0
    assert "Muscle: Foot " in out


def test_unknown_muscle_exits_2_listing_the_valid_muscles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "--muscle", "knee")
    assert code == 2
    assert out == ""
    assert "'knee'" in err
    for muscle in MUSCLES:
        assert muscle in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["--muscle"], ["--speed", "3"], ["extra"]])
def test_usage_errors_exit_2_with_usage_on_stderr(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2
    assert out == ""
    assert "Usage: nightcramp now" in err


def test_plain_output_ends_with_what_to_do_next(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--muscle", "thigh_back")
    assert "If it comes back:" in out
    assert "more than 10 minutes" in out
    assert "nightcramp log --muscle thigh_back" in out
    assert "How sure: Commonly advised, not proven." in out


def test_json_prints_one_document_with_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--muscle", "thigh_back", "--json")
    document = json.loads(out)
    assert code == 0
    assert err == ""
    assert document["muscle"] == "thigh_back"
    assert document["safety"]["link"] == "/triage/"
    steps = read_guide("thigh_back").steps
    assert [s["step"] for s in document["steps"]] == [s.number for s in steps]
    assert [s["hold_seconds"] for s in document["steps"]] == [s.hold_seconds for s in steps]


def test_damaged_content_exits_1_naming_the_file_without_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(muscle: str, *args: object, **kwargs: object) -> None:
        raise ContentError("calf.toml: steps[0] (calf_stretch): text: missing or not text")

    monkeypatch.setattr(now_fast, "read_guide", damaged)
    code, out, err = _run(capsys)
    assert code == 1
    assert out == ""
    assert "calf.toml" in err
    assert "Traceback" not in err


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    result = subprocess.run(
        f"{sys.executable} -m nightcramp now | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.startswith(_safety())
    assert "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr


def test_now_shows_in_help_and_runs_through_typer() -> None:
    runner = CliRunner()
    app = build_app()
    assert "now" in runner.invoke(app, ["--help"]).output
    result = runner.invoke(app, ["now", "--muscle", "thigh_front"])
    assert result.exit_code == 0
    assert "Muscle: Front of thigh (the quadriceps" in result.output
    assert runner.invoke(app, ["now", "--muscle", "knee"]).exit_code == 2


def test_piped_output_prints_the_foot_steps_and_exits_0() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nightcramp", "now", "--muscle", "foot"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith(_safety())
    assert "Step 1 of 5. Pull your toes up and back" in result.stdout
    assert result.stderr == ""


def test_interactive_mode_counts_down_every_hold_and_waits_for_enter() -> None:
    guide = read_guide("calf")
    screen = io.StringIO()
    asked: list[str] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return ""

    code = interactive(
        guide,
        Console(file=screen, width=100, force_terminal=False),
        ask=ask,
        sleep=sleep,
        clock=lambda: now[0],
        emergency_number="112",
    )
    text = screen.getvalue()
    assert code == 0
    assert len(asked) == len(guide.steps) - 1
    holds = sum(s.repeat * (s.hold_seconds or 0) for s in guide.steps)
    rests = sum(5 * (s.repeat - 1) for s in guide.steps if s.hold_seconds)
    assert now[0] >= holds + rests
    assert text.count("Done. Let go slowly.") == sum(
        s.repeat for s in guide.steps if s.hold_seconds
    )
    assert "Hold 2 of 2" in text
    assert "Did it stop? Log it: nightcramp log --muscle calf" in text
    assert "Emergency number: 112." in text


def test_ctrl_c_in_interactive_mode_leaves_kindly_with_code_130() -> None:
    screen = io.StringIO()
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    def interrupt(prompt: str) -> str:
        raise KeyboardInterrupt

    code = interactive(
        read_guide("foot"),
        Console(file=screen, width=100, force_terminal=False),
        ask=interrupt,
        sleep=sleep,
        clock=lambda: now[0],
        emergency_number="112",
    )
    assert code == 130
    assert "Stopped. I hope the cramp has eased." in screen.getvalue()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_ctrl_c_in_a_real_terminal_exits_130_without_a_traceback() -> None:
    leader, follower = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nightcramp", "now"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(follower)
    seen = b""
    try:
        while b"Hold" not in seen.split(b"Timer:", 1)[-1] and proc.poll() is None:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                break
            seen += os.read(leader, 4096)
        proc.send_signal(signal.SIGINT)
        # Keep reading while it stops: a terminal whose output is not read fills up, and a
        # program writing to it waits (its goodbye line included).
        for _ in range(120):
            if not select.select([leader], [], [], 0.5)[0]:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        code = proc.wait(timeout=30)
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace"))
    assert text.startswith(_safety())
    assert code == 130
    assert "Stopped. I hope the cramp has eased." in text
    assert "Traceback" not in text


def test_the_first_block_with_its_numbers_needs_no_parser_or_typing() -> None:
    """The safety line names the configured number, read before anything heavy loads."""
    # The cached copies of the content exist after one read.
    read_guide("calf", lines=load_config().help_lines)
    code = (
        "import sys; from nightcramp.cli import now_fast; "
        "from nightcramp.config import load_config; "
        "from nightcramp.core.relief.guide import read_guide; "
        "now_fast._first_block(read_guide('calf', lines=load_config().help_lines)); "
        "print(sorted(m for m in ('tomllib', 'dataclasses', 'typing', 're', 'pydantic', 'yaml', "
        "'ipaddress', 'threading') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_interactive_mode_shows_an_open_result_after_step_1_before_its_timer() -> None:
    guide = read_guide("calf")
    screen = io.StringIO()
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    interactive(
        guide,
        Console(file=screen, width=100, force_terminal=False),
        ask=lambda prompt: "",
        sleep=sleep,
        clock=lambda: now[0],
        emergency_number="112",
        note="\nYour symptom check on 1 Dec 2026: [See a doctor today]\n",
    )
    text = screen.getvalue()
    assert text.count("Your symptom check on") == 1
    shown = text.index("Your symptom check on 1 Dec 2026: [See a doctor today]")  # no markup
    assert text.index("How sure:") < shown < text.index("Hold 1 of 2")
