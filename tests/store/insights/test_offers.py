"""Which experiments the analysis offers a person: one rule for the page, the API and the CLI,
read afresh each time (the profile, medicines and triage answers can change without the diary).
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.insight.conftest import store_diary
from typer.testing import CliRunner

from nightcramp.cli.app import build_app
from nightcramp.store.diary.models import Profile
from nightcramp.store.insights.analysis import (
    analysis_document,
    experiment_offers_for,
    insights_page,
    withheld_offers,
)

pytestmark = pytest.mark.django_db


def _offered(document: dict[str, object]) -> set[str]:
    factors = document["factors"]
    assert isinstance(factors, list)
    return {f["experiment"]["change"] for f in factors if "experiment" in f}


def _page_offers(page: dict[str, object]) -> set[str]:
    rows = [r for key in ("found", "closer", "others") for r in page[key]]  # type: ignore[attr-defined]
    return {r["experiment"] for r in rows if r.get("offer")}


def test_a_fluid_limit_withholds_the_extra_water_test_everywhere_at_once(alice: User) -> None:
    store_diary(alice, n_nights=200)
    suspects = ["water_glasses"]
    before = analysis_document(alice, suspects)
    assert "extra_water" in _offered(before)
    assert "extra_water" in _page_offers(insights_page(alice, suspects))

    # The diary does not change; the profile does: the stored analysis is read again.
    Profile.objects.create(user=alice, conditions=["heart_failure"])
    assert "extra_water" in withheld_offers(alice)
    assert "extra_water" not in {o.change for o in experiment_offers_for(alice).values()}
    after = analysis_document(alice, suspects)
    assert "extra_water" not in _offered(after)
    assert "no_evening_alcohol" in _offered(after)  # other offers stay
    assert "extra_water" not in _page_offers(insights_page(alice, suspects))


def test_the_api_and_the_cli_offer_the_same_experiments(alice: User) -> None:
    store_diary(alice, n_nights=200)
    Profile.objects.create(user=alice, conditions=["on_dialysis"])
    client = Client()
    client.force_login(alice)
    api = client.get("/api/v1/insights", {"suspect": "water_glasses"})
    assert api.status_code == 200, api.content
    cli = CliRunner().invoke(
        build_app(), ["analyze", "--user", "alice", "--suspect", "water_glasses", "--json"]
    )
    assert cli.exit_code == 0, cli.stderr
    offered = _offered(json.loads(cli.stdout))
    assert offered == _offered(api.json())
    assert "extra_water" not in offered and "no_evening_alcohol" in offered
    assert "magnesium_supplement" not in offered  # graded X: never offered
