"""One import in progress: rows checked against the record rules, the clock it is given and the
stored diary; every problem located; valid rows counted. Files and all-or-nothing are in
test_transfer.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from nightcramp.core.diary import Episode, FactorKind, Muscle, Night
from nightcramp.core.errors import InputErrors
from nightcramp.store.diary import models
from nightcramp.store.diary.importer import DiaryImport
from nightcramp.store.diary.nights import SaveMode, save_night

pytestmark = pytest.mark.django_db

D = dt.date
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # the current night is 9 March
NOTHING: frozenset[str] = frozenset()


def _import(user: User) -> DiaryImport:
    return DiaryImport(user, replace=False, progress=None, staged=False, now=NOW)


def _problems(diary_import: DiaryImport) -> list[str]:
    with pytest.raises(InputErrors) as errors:
        diary_import.raise_if_problems()
    return [str(e) for e in errors.value.errors]


def test_valid_rows_are_stored_and_counted(alice: User) -> None:
    run = _import(alice)
    run.add_nights(
        [
            (2, Night(D(2026, 3, 8), {"water_glasses": 6}), NOTHING),
            (3, Night(D(2026, 3, 9)), NOTHING),
        ],
        "n.csv",
    )
    run.add_episodes(
        [(2, Episode(started_at=NOW - dt.timedelta(hours=6), muscle=Muscle.FOOT), NOTHING)],
        "e.csv",
    )
    run.finish()
    assert (run.result.nights, run.result.episodes) == (2, 1)
    stored = models.Night.objects.filter(user=alice).order_by("date")
    assert [(n.date, n.water_glasses) for n in stored] == [
        (D(2026, 3, 8), 6),
        (D(2026, 3, 9), None),
    ]
    assert models.Episode.objects.get(user=alice).muscle == "foot"


def test_a_custom_factors_kind_is_read_from_every_value_it_was_given(alice: User) -> None:
    run = _import(alice)
    rows = [
        (2, Night(D(2026, 3, 1), {"leg_day": True, "naps": 1, "sauna": 1}), NOTHING),
        (3, Night(D(2026, 3, 2), {"leg_day": False, "naps": 2, "sauna": 2.5}), NOTHING),
        (4, Night(D(2026, 3, 3), {"naps": True}), NOTHING),
    ]
    run.add_nights(rows, "n.csv")
    run.finish()
    kinds = dict(models.CustomFactor.objects.filter(user=alice).values_list("name", "kind"))
    assert kinds == {
        "leg_day": FactorKind.BOOL,
        "naps": FactorKind.NUMBER,  # numbers and a yes/no
        "sauna": FactorKind.NUMBER,
    }


def test_the_clock_it_is_given_decides_what_is_in_the_future(alice: User) -> None:
    run = _import(alice)
    run.add_nights([(2, Night(D(2026, 3, 10)), NOTHING)], "n.csv")
    run.add_episodes([(5, Episode(started_at=NOW + dt.timedelta(hours=1)), NOTHING)], "e.csv")
    found = _problems(run)
    assert [p.split(": ", 1)[0] for p in found] == ["n.csv:2:date", "e.csv:5:started_at"]
    assert run.result.nights == run.result.episodes == 0
    assert not models.Night.objects.exists() and not models.Episode.objects.exists()


def test_a_stored_night_is_a_conflict_named_by_row_or_by_json_path(alice: User) -> None:
    save_night(alice, D(2026, 3, 1), {"water_glasses": 3}, mode=SaveMode.REPLACE, now=NOW)
    run = _import(alice)
    run.add_nights([(4, Night(D(2026, 3, 1)), NOTHING)], "n.csv")
    run.add_nights([("nights[0]", Night(D(2026, 3, 1)), NOTHING)], "d.json")
    conflict = "a night on 2026-03-01 is already stored (use --replace to replace it)"
    assert _problems(run) == [f"n.csv:4:date: {conflict}", f"d.json:nights[0].date: {conflict}"]
    assert models.Night.objects.get(user=alice).water_glasses == 3
