"""The doctor report gains one page for an experiment with at least one look (CENT 2015 items),
and stays as it was without one."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pypdf import PdfReader
from tests.store.experiments.factories import experiment
from tests.web.report.diaries import store_diary

pytestmark = pytest.mark.django_db

END = dt.date.today() - dt.timedelta(days=2)


def _pdf(user: User) -> list[str]:
    client = Client()
    client.force_login(user)
    response = client.get("/report/report.pdf?paper=a4")
    assert response.status_code == 200
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_an_experiment_with_looks_adds_exactly_one_page(alice: User, bob: User) -> None:
    store_diary(alice, nights=130, end=END)
    store_diary(bob, nights=30, end=END)
    before = _pdf(alice)
    assert 1 <= len(before) <= 2
    experiment(alice, start=END - dt.timedelta(days=112), pairs=8)  # 16 periods, all over
    pages = _pdf(alice)
    assert len(pages) == len(before) + 1
    last = pages[-1]
    for words in (
        "Self-experiment",
        "CENT 2015",
        "Randomisation",
        "Adherence",
        "Cramps by period",
        "Rate ratio",
        "What this does not show",
    ):
        assert words in last, words
    assert "Self-experiment" not in " ".join(pages[:-1])
    assert "Self-experiment" not in " ".join(_pdf(bob))


def test_an_experiment_without_a_look_adds_no_page(alice: User) -> None:
    store_diary(alice, nights=30, end=END)
    experiment(alice, start=END - dt.timedelta(days=3))
    assert "Self-experiment" not in " ".join(_pdf(alice))


def test_the_print_view_shows_the_periods_and_the_chart(alice: User) -> None:
    store_diary(alice, nights=60, end=END)
    row = experiment(alice, start=END - dt.timedelta(days=27), pairs=4)
    client = Client()
    client.force_login(alice)
    body = client.get("/report/print").content.decode()
    assert "data-experiment-page" in body
    assert body.count("data:image/svg+xml;base64,") == 3  # weekly, hours, periods
    assert f"seed {row.seed}" in body


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [(0.2, 0.9, "repeated CI 0.2–0.9"), (0.001, 1000.0, "repeated CI not estimable yet")],
)
def test_a_range_that_reaches_the_limits_is_called_not_estimable_as_on_the_web(
    low: float, high: float, said: str
) -> None:
    from django.template.loader import render_to_string

    interval = {"rate_ratio": 5.0, "ci_low": low, "ci_high": high}
    result = {**interval, "cramps_on": 9, "per_protocol": interval}
    html = render_to_string("report/_experiment.html", {"x": {"result": result}})
    assert said in html
    assert "1000" not in html  # the limits are never shown as if they were a range
