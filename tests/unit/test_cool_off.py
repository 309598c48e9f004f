"""The cool-off queue's clock: pure, no database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nocontact.core import cool_off, rules
from nocontact.core.cool_off import CoolOffStatus
from nocontact.core.model import LockReason

BERLIN = ZoneInfo("Europe/Berlin")
MARKED = dt.datetime(2026, 11, 22, 1, 30, tzinfo=BERLIN)


def test_it_waits_the_cool_off_hours() -> None:
    assert rules.COOL_OFF_HOURS == 24
    assert cool_off.comes_back_at(MARKED) == dt.datetime(2026, 11, 23, 1, 30, tzinfo=BERLIN)


def test_it_is_waiting_until_the_moment_it_comes_back() -> None:
    back = cool_off.comes_back_at(MARKED)
    assert cool_off.status(MARKED, back - dt.timedelta(seconds=1)) is CoolOffStatus.WAITING
    assert not cool_off.is_due(MARKED, back - dt.timedelta(seconds=1))
    assert cool_off.status(MARKED, back) is CoolOffStatus.DUE
    assert cool_off.is_due(MARKED, back + dt.timedelta(days=30))


def test_it_says_an_unmarked_letter_is_not_queued() -> None:
    assert cool_off.status(None, MARKED) is CoolOffStatus.NOT_QUEUED
    assert not cool_off.is_due(None, MARKED)


def test_it_counts_real_hours_across_a_dst_change() -> None:
    # Clocks go back one hour in Berlin on 2026-10-25: 24 real hours later the
    # wall clock shows one hour less.
    marked = dt.datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    back = cool_off.comes_back_at(marked)
    assert back.astimezone(dt.UTC) - marked.astimezone(dt.UTC) == dt.timedelta(hours=24)
    assert back.astimezone(BERLIN).hour == 11


def test_it_compares_moments_in_any_zone() -> None:
    back_in_utc = cool_off.comes_back_at(MARKED).astimezone(dt.UTC)
    assert cool_off.is_due(MARKED, back_in_utc)
    assert not cool_off.is_due(MARKED, back_in_utc - dt.timedelta(microseconds=1))


def test_it_tells_the_time_left() -> None:
    assert cool_off.time_left(MARKED, MARKED + dt.timedelta(hours=20)) == dt.timedelta(hours=4)
    assert cool_off.time_left(MARKED, MARKED + dt.timedelta(hours=30)) == dt.timedelta(0)


def test_it_refuses_naive_moments() -> None:
    with pytest.raises(ValueError, match="aware"):
        cool_off.comes_back_at(dt.datetime(2026, 11, 22, 1, 30))
    with pytest.raises(ValueError, match="aware"):
        cool_off.status(MARKED, dt.datetime(2026, 11, 23, 1, 30))


@pytest.mark.parametrize(
    "reason",
    [
        None,
        LockReason.MINIMUM_NOT_REACHED,
        LockReason.DISTRESS,
        LockReason.COOLDOWN,
        LockReason.NOT_READY_YET,
        LockReason.NOT_CONTACT_STRATEGY,
    ],
)
def test_it_still_reviews_letters_under_soft_locks(reason: LockReason | None) -> None:
    assert cool_off.coach_open_for_letter(reason)


@pytest.mark.parametrize(
    "reason",
    [
        LockReason.SAFETY_TRACK,
        LockReason.ASKED_NO_CONTACT,
        LockReason.BLOCKED,
        LockReason.ATTEMPT_LIMIT,
    ],
)
def test_it_reviews_no_letter_under_a_guardrail(reason: LockReason) -> None:
    assert not cool_off.coach_open_for_letter(reason)
