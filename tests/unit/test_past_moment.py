"""A moment given by hand (the API's ``at``): passed, with its offset, since the breakup day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nocontact.core import rules
from nocontact.core.moments import InvalidMoment, MomentProblem, past_moment, read_moment

NOW = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)
BERLIN = ZoneInfo("Europe/Berlin")
BREAKUP = dt.date(2026, 11, 1)


def problem(at: dt.datetime) -> MomentProblem:
    with pytest.raises(InvalidMoment) as caught:
        past_moment(at, NOW, BERLIN, BREAKUP)
    return caught.value.problem


def test_it_keeps_a_moment_that_has_passed() -> None:
    last_night = dt.datetime(2026, 11, 21, 22, 30, tzinfo=BERLIN)
    assert past_moment(last_night, NOW, BERLIN, BREAKUP) == last_night


def test_it_refuses_a_moment_without_an_offset() -> None:
    assert problem(dt.datetime(2026, 11, 21, 22, 30)) is MomentProblem.NAIVE


def test_a_clock_a_little_fast_is_now_and_further_ahead_is_refused() -> None:
    skew = dt.timedelta(minutes=rules.OFFLINE_CLOCK_SKEW_MINUTES)
    assert past_moment(NOW + skew, NOW, BERLIN, BREAKUP) == NOW
    assert problem(NOW + skew + dt.timedelta(seconds=1)) is MomentProblem.IN_FUTURE


def test_the_breakup_day_is_read_on_the_users_clock() -> None:
    # 23:30 UTC on 31 October is already 1 November in Berlin: the breakup day.
    assert past_moment(dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC), NOW, BERLIN, BREAKUP)
    assert problem(dt.datetime(2026, 10, 31, 22, 30, tzinfo=dt.UTC)) is MomentProblem.BEFORE_BREAKUP


def test_the_first_hours_of_year_one_are_before_the_breakup_not_a_crash() -> None:
    first = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.UTC)  # in New York, still year 0
    with pytest.raises(InvalidMoment) as caught:
        past_moment(first, NOW, ZoneInfo("America/New_York"), BREAKUP)
    assert caught.value.problem is MomentProblem.BEFORE_BREAKUP
    assert past_moment(first, NOW, ZoneInfo("Asia/Tokyo"), dt.date(1, 1, 1)) == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-22T21:30:00", MomentProblem.NAIVE),
        ("2026-11-22 21:30:00+01:00", MomentProblem.UNREADABLE),
        ("0000-01-01T00:00:00Z", MomentProblem.UNREADABLE),
        ("2026-11-22T21:30:00+01:00\n", MomentProblem.UNREADABLE),
        ("2027-02-29T10:00:00Z", MomentProblem.NO_SUCH_DAY),
    ],
)
def test_it_reads_only_rfc_3339_with_an_offset(text: str, expected: MomentProblem) -> None:
    with pytest.raises(InvalidMoment) as caught:
        read_moment(text)
    assert caught.value.problem is expected


def test_it_reads_z_and_offsets() -> None:
    assert read_moment("2026-11-22T20:00:00Z") == NOW
    assert read_moment("2026-11-22T21:00:00.000+01:00") == NOW
