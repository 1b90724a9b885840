"""A cramp form saved without touching an answer records that answer as unknown, never as a
value the person did not choose (the side of the last cramp, the middle of a pain scale)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from tests.web.diary.views.test_episodes import NOW, add_episode, as_alice, text

from nightcramp.core.diary import Side
from nightcramp.store.diary.models import Episode

pytestmark = pytest.mark.django_db
__all__ = ["as_alice"]  # a fixture, used by name


class _FormValues(HTMLParser):
    """What a browser sends for the first form whose class list holds `marker`, untouched:
    checked radios and boxes, every other named input (a range input always sends its value),
    and the selected option of each select."""

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.inside = False
        self.done = False
        self.select: str | None = None
        self.first_option: tuple[str, str] | None = None
        self.chosen = False
        self.values: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done and self.marker in found.get("class", "").split():
            self.inside = True
        if not self.inside:
            return
        name = found.get("name", "")
        if tag == "input" and name:
            kind = found.get("type", "text")
            if kind in {"radio", "checkbox"} and "checked" not in found:
                return
            if kind in {"submit", "button"}:
                return
            default = "5" if kind == "range" else ""  # a range's default is its middle
            self.values.append((name, found.get("value", default)))
        elif tag == "textarea" and name:
            self.values.append((name, ""))
        elif tag == "select" and name:
            self.select, self.first_option, self.chosen = name, None, False
        elif tag == "option" and self.select is not None:
            option = (self.select, found.get("value", ""))
            self.first_option = self.first_option or option
            if "selected" in found:
                self.values.append(option)
                self.chosen = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            if not self.chosen and self.first_option is not None:
                self.values.append(self.first_option)
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def untouched(page: str, marker: str) -> dict[str, list[str]]:
    """The fields the form marked `marker` sends when saved with no answer touched."""
    parser = _FormValues(marker)
    parser.feed(page)
    assert parser.done, f"no form with class {marker!r}"
    sent: dict[str, list[str]] = {}
    for name, value in parser.values:
        sent.setdefault(name, []).append(value)
    return sent


@pytest.mark.parametrize(("address", "marker"), [("/", "quick"), ("/log", "card")])
def test_a_cramp_saved_untouched_has_no_side_even_after_a_cramp_with_one(
    as_alice: Client, alice: User, address: str, marker: str
) -> None:
    add_episode(alice, "2026-11-20T03:00:00+00:00", side=Side.RIGHT, severity=8)
    with time_machine.travel(NOW, tick=False):
        form = untouched(text(as_alice.get(address)), marker)
        form.pop("person", None)
        response = as_alice.post("/log", form)
    assert response.status_code == 302
    row = Episode.objects.filter(user=alice).latest("id")
    assert row.started_at.date() == NOW.date()
    assert (row.side, row.severity) == (None, None)


@pytest.mark.parametrize("address", ["/", "/log"])
def test_no_leg_is_chosen_before_the_person_taps_one(
    as_alice: Client, alice: User, address: str
) -> None:
    add_episode(alice, "2026-11-20T03:00:00+00:00", side=Side.LEFT)
    page = text(as_alice.get(address))
    assert 'value="left" id="id_side_0" checked' not in page
    assert 'value="" id="id_side_3" checked' in page  # "Not sure": stored as unknown


def test_changing_a_cramp_still_shows_its_own_side(as_alice: Client, alice: User) -> None:
    row = add_episode(alice, "2026-11-20T03:00:00+00:00", side=Side.BOTH)
    page = text(as_alice.get(f"/episodes/{row.pk}/edit"))
    assert 'value="both" id="id_side_2" checked' in page


def test_the_home_pain_scale_starts_on_not_sure_and_offers_0_to_10(as_alice: Client) -> None:
    page = text(as_alice.get("/"))
    assert 'type="range"' not in page  # a slider always sends a value and shows one
    form = untouched(page, "quick")
    assert form["severity"] == [""]
    for score in range(11):
        assert f'name="severity" value="{score}"' in page
    assert "Not sure" in page


def test_a_pain_score_tapped_on_the_home_page_is_saved(as_alice: Client, alice: User) -> None:
    with time_machine.travel(NOW, tick=False):
        form = untouched(text(as_alice.get("/")), "quick")
        form.pop("person", None)
        form["severity"] = ["0"]
        as_alice.post("/log", form)
    assert Episode.objects.get(user=alice).severity == 0
