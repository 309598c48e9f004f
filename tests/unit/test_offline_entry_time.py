"""The moment of an urge logged offline: the device's, within believable bounds."""

from __future__ import annotations

import datetime as dt

import pytest

from nocontact.core import rules
from nocontact.core.offline import EntryTimeProblem, InvalidEntryTime, offline_entry_time

NOW = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


def test_it_uses_now_without_a_device_moment() -> None:
    assert offline_entry_time(None, NOW) == NOW


def test_it_keeps_the_moment_logged_offline() -> None:
    earlier = NOW - dt.timedelta(hours=7)
    assert offline_entry_time(earlier, NOW) == earlier


def test_it_reads_a_moment_in_another_time_zone() -> None:
    berlin = dt.timezone(dt.timedelta(hours=2))
    earlier = dt.datetime(2026, 3, 29, 2, 0, tzinfo=berlin)
    assert offline_entry_time(earlier, NOW) == NOW - dt.timedelta(minutes=90)


def test_it_treats_a_clock_slightly_ahead_as_now() -> None:
    ahead = NOW + dt.timedelta(minutes=rules.OFFLINE_CLOCK_SKEW_MINUTES - 1)
    assert offline_entry_time(ahead, NOW) == NOW


@pytest.mark.parametrize(
    ("logged_at", "problem"),
    [
        (NOW + dt.timedelta(minutes=rules.OFFLINE_CLOCK_SKEW_MINUTES + 1), "in_future"),
        (NOW - dt.timedelta(days=rules.OFFLINE_ENTRY_MAX_AGE_DAYS, seconds=1), "too_old"),
        (NOW.replace(tzinfo=None) - dt.timedelta(hours=1), "naive"),
    ],
)
def test_it_refuses_a_moment_that_cannot_be_right(logged_at: dt.datetime, problem: str) -> None:
    with pytest.raises(InvalidEntryTime) as caught:
        offline_entry_time(logged_at, NOW)
    assert caught.value.problem == EntryTimeProblem(problem)


def test_it_accepts_the_oldest_moment_allowed() -> None:
    oldest = NOW - dt.timedelta(days=rules.OFFLINE_ENTRY_MAX_AGE_DAYS)
    assert offline_entry_time(oldest, NOW) == oldest
