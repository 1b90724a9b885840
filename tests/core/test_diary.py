"""The diary's vocabulary: the noon boundary and a custom factor's kind."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.diary import (
    NIGHT_BOUNDARY_HOUR,
    Episode,
    FactorKind,
    answerable_night,
    coming_night,
    custom_factor_kind,
    date_text,
    night_of,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("started_at", "night"),
    [
        (dt.datetime(2026, 3, 10, 1, 30), dt.date(2026, 3, 9)),
        (dt.datetime(2026, 3, 10, 0, 0), dt.date(2026, 3, 9)),
        (dt.datetime(2026, 3, 10, 11, 59), dt.date(2026, 3, 9)),
        (dt.datetime(2026, 3, 10, 12, 0), dt.date(2026, 3, 10)),
        (dt.datetime(2026, 3, 10, 23, 45), dt.date(2026, 3, 10)),
        (dt.datetime(2026, 1, 1, 2, 0), dt.date(2025, 12, 31)),
    ],
)
def test_a_cramp_before_noon_counts_for_the_previous_evenings_night(
    started_at: dt.datetime, night: dt.date
) -> None:
    assert NIGHT_BOUNDARY_HOUR == 12
    assert night_of(started_at) == night


def test_the_night_is_read_from_the_clock_time_as_written_not_from_utc() -> None:
    # 13:00 at +02:00 is 11:00 UTC: the local afternoon starts a new night.
    local = dt.datetime(2026, 3, 10, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert night_of(local) == dt.date(2026, 3, 10)
    assert night_of(local.astimezone(UTC)) == dt.date(2026, 3, 9)


def test_a_cramp_at_0130_counts_for_the_previous_night() -> None:
    episode = Episode(started_at=dt.datetime(2026, 3, 1, 1, 30, tzinfo=UTC))
    assert episode.night == dt.date(2026, 2, 28)


def test_an_episode_leaves_unrecorded_answers_unknown() -> None:
    episode = Episode(started_at=dt.datetime(2026, 3, 1, 22, 0))
    assert episode.side is None and episode.severity is None and episode.woke_from_sleep is None
    assert episode.relief == () and episode.relief_worked is None


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([True, None, False], FactorKind.BOOL),
        ([1, 0, None], FactorKind.INT),
        ([3], FactorKind.INT),
        ([3, 2.5], FactorKind.NUMBER),
        ([2.0], FactorKind.NUMBER),
        ([True, 1], FactorKind.NUMBER),
        ([], FactorKind.NUMBER),
        ([None, None], FactorKind.NUMBER),
    ],
)
def test_a_custom_factor_kind_follows_its_recorded_values(
    values: list[object], kind: FactorKind
) -> None:
    assert custom_factor_kind(values) is kind


def test_a_date_reads_as_people_write_it() -> None:
    assert date_text(dt.date(2026, 12, 6)) == "6 Dec 2026"
    assert date_text(dt.date(2027, 1, 31)) == "31 Jan 2027"


@pytest.mark.parametrize(
    ("hour", "coming", "answerable"),
    [
        (2, -1, -1),  # the night under way: its plan, and it can be answered
        (8, 0, -1),  # morning: tonight is the coming night; last night can be answered
        (14, 0, -1),  # afternoon: tonight has not come yet
        (20, 0, 0),  # evening: tonight's plan can be answered
    ],
)
def test_tonight_is_the_coming_night_and_answerable_from_the_evening(
    hour: int, coming: int, answerable: int
) -> None:
    now = dt.datetime(2027, 3, 10, hour, 30)
    assert coming_night(now) == dt.date(2027, 3, 10) + dt.timedelta(days=coming)
    assert answerable_night(now) == dt.date(2027, 3, 10) + dt.timedelta(days=answerable)
