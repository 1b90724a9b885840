"""CONTRACT.md `nightcramp analyze --json`: black-box checks through the CLI entry point."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.core.diary import STANDARD_FACTORS
from nightcramp.core.insights.simulate import TrueEffect, simulate_diary
from nightcramp.core.interop.csv_diary import write_episodes_csv, write_nights_csv

VERDICTS = {"likely_trigger", "likely_protective", "no_clear_effect", "not_enough_data"}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("diary")
    sim = simulate_diary(
        9, 300, truth=(TrueEffect("alcohol_drinks", 2.0, unit=2),), base_rate=0.35, n_custom=2
    )
    write_nights_csv(sim.nights, folder / "nights.csv")
    write_episodes_csv(sim.episodes, folder / "episodes.csv")
    result = CliRunner().invoke(
        build_app(),
        ["analyze", "--nights", str(folder / "nights.csv"),
         "--episodes", str(folder / "episodes.csv"), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def test_top_level_has_the_contract_keys(document: dict[str, object]) -> None:
    assert isinstance(document["nights"], int)
    assert isinstance(document["cramp_nights"], int)
    assert document["cramp_nights"] <= document["nights"]
    assert isinstance(document["factors"], list)
    assert isinstance(document["relief"], list)


def test_every_column_appears_once_plus_lag_entries(document: dict[str, object]) -> None:
    factors: list[dict[str, object]] = document["factors"]  # type: ignore[assignment]
    same_day = [str(f["factor"]) for f in factors if "lag_days" not in f]
    assert sorted(same_day) == sorted([*STANDARD_FACTORS, "custom_0", "custom_1"])
    lagged = [f for f in factors if "lag_days" in f]
    assert lagged and all(f["lag_days"] == 1 for f in lagged)
    assert all(f["factor"] in STANDARD_FACTORS for f in lagged)


def test_each_factor_entry_has_the_contract_fields(document: dict[str, object]) -> None:
    for f in document["factors"]:  # type: ignore[attr-defined]
        assert f["verdict"] in VERDICTS
        for key in ("rate_ratio", "ci_low", "ci_high", "nights_with", "explanation", "contrast"):
            assert key in f
        assert f["explanation"]
        if f["rate_ratio"] is not None:
            assert f["ci_low"] <= f["rate_ratio"] <= f["ci_high"]
            assert f["contrast"] == "true vs false" or str(f["contrast"]).startswith("per ")


def test_relief_is_best_first_by_shrunk_rate_with_rank(document: dict[str, object]) -> None:
    relief: list[dict[str, float]] = document["relief"]  # type: ignore[assignment]
    assert relief
    shrunk = [(r["times_worked"] + 2) / (r["times_tried"] + 4) for r in relief]
    assert shrunk == sorted(shrunk, reverse=True)
    # Shrunk towards the middle for few tries, never by raw counts of successes.
    assert [round(s, 3) for s in shrunk] == [r["success_rate"] for r in relief]
    assert [r["rank"] for r in relief] == list(range(1, len(relief) + 1))
    assert all(
        {"relief", "times_tried", "times_worked", "median_minutes"} <= set(r) for r in relief
    )


def test_json_has_no_nan_or_infinity(document: dict[str, object]) -> None:
    text = json.dumps(document, allow_nan=False)

    def finite(value: object) -> bool:
        if isinstance(value, float):
            return math.isfinite(value)
        if isinstance(value, dict):
            return all(finite(v) for v in value.values())
        if isinstance(value, list):
            return all(finite(v) for v in value)
        return True

    assert finite(json.loads(text))


def test_a_called_factor_survived_false_discovery_control(document: dict[str, object]) -> None:
    for f in document["factors"]:  # type: ignore[attr-defined]
        if f["verdict"] in ("likely_trigger", "likely_protective"):
            assert f["adjusted_p"] is not None and f["adjusted_p"] >= f["p_value"]
