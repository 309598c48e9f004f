"""What is due when: e-mail reminders in the user's own time zone, DST-safe."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nocontact.core import rules
from nocontact.core.reminders import (
    DueReminder,
    JourneyDates,
    ReminderChoice,
    ReminderKind,
    reminders_due,
    send_instant,
)

BERLIN = ZoneInfo("Europe/Berlin")
ZONES = [
    ZoneInfo(name)
    for name in (
        "Europe/Berlin",
        "America/New_York",
        "America/Sao_Paulo",
        "Australia/Sydney",
        "Australia/Lord_Howe",  # a half-hour DST shift
        "Asia/Kolkata",
        "Pacific/Chatham",
        "UTC",
    )
]
EVERYTHING = ReminderChoice(daily_checkin=True, milestones=True, hard_dates=True)


def at(tz: dt.tzinfo, *args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)  # type: ignore[misc]


# --- The send instant of a local day ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "local", "expected_utc"),
    [
        (dt.date(2026, 3, 28), dt.time(21), at(dt.UTC, 2026, 3, 28, 20)),  # CET
        (dt.date(2026, 3, 29), dt.time(21), at(dt.UTC, 2026, 3, 29, 19)),  # CEST, a 23-hour day
        (dt.date(2026, 10, 25), dt.time(21), at(dt.UTC, 2026, 10, 25, 20)),  # a 25-hour day
        # 02:30 does not exist on 29 March: the moment the clocks jump past it.
        (dt.date(2026, 3, 29), dt.time(2, 30), at(dt.UTC, 2026, 3, 29, 1, 30)),
        # 02:30 happens twice on 25 October: the first time.
        (dt.date(2026, 10, 25), dt.time(2, 30), at(dt.UTC, 2026, 10, 25, 0, 30)),
    ],
)
def test_it_finds_the_send_instant_of_a_local_day(
    day: dt.date, local: dt.time, expected_utc: dt.datetime
) -> None:
    assert send_instant(day, local, BERLIN) == expected_utc


@given(
    tz=st.sampled_from(ZONES),
    day=st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
    local=st.times(),
)
def test_it_gives_every_local_day_one_instant_on_that_day(
    tz: dt.tzinfo, day: dt.date, local: dt.time
) -> None:
    instant = send_instant(day, local, tz)
    assert instant.astimezone(tz).date() == day
    assert send_instant(day + dt.timedelta(days=1), local, tz) > instant
    wall = instant.astimezone(tz).replace(tzinfo=None)
    # Exactly the chosen time, unless that time did not exist (then just after the gap).
    assert wall >= dt.datetime.combine(day, local)
    assert wall - dt.datetime.combine(day, local) <= dt.timedelta(hours=2)


@given(
    tz=st.sampled_from(ZONES),
    first=st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 1)),
    local=st.times(),
)
def test_it_makes_a_reminder_due_once_per_local_day(
    tz: dt.tzinfo, first: dt.date, local: dt.time
) -> None:
    """Stepping through real time, the daily reminder's local date changes once a day."""
    choice = ReminderChoice(daily_checkin=True, send_at=local)
    start = dt.datetime.combine(first, dt.time(), tz).astimezone(dt.UTC)
    first_due: dict[dt.date, dt.datetime] = {}
    for step in range(3 * 24 * 4):  # three days, every quarter of an hour
        now = start + dt.timedelta(minutes=15 * step)
        for due in reminders_due(choice, JourneyDates(), now, tz):
            first_due.setdefault(due.local_date, now)
    days = sorted(first_due)
    assert days == [days[0] + dt.timedelta(days=n) for n in range(len(days))]
    for day, now in first_due.items():
        assert now >= send_instant(day, local, tz)
        assert now - send_instant(day, local, tz) < dt.timedelta(minutes=15)


# --- What is due ----------------------------------------------------------------------------


def test_it_is_due_only_once_the_local_time_has_come() -> None:
    choice = ReminderChoice(daily_checkin=True, send_at=dt.time(21))
    assert reminders_due(choice, JourneyDates(), at(BERLIN, 2026, 11, 30, 20, 59), BERLIN) == []
    assert reminders_due(choice, JourneyDates(), at(BERLIN, 2026, 11, 30, 21), BERLIN) == [
        DueReminder(ReminderKind.DAILY_CHECKIN, dt.date(2026, 11, 30))
    ]


def test_it_counts_the_day_in_the_users_zone_not_in_utc() -> None:
    sydney = ZoneInfo("Australia/Sydney")
    choice = ReminderChoice(daily_checkin=True, send_at=dt.time(7))
    now = at(dt.UTC, 2026, 11, 30, 21)  # 08:00 on 1 December in Sydney
    (due,) = reminders_due(choice, JourneyDates(), now, sydney)
    assert due.local_date == dt.date(2026, 12, 1)


def test_it_sends_nothing_that_was_not_chosen() -> None:
    journey = JourneyDates(dt.date(2026, 10, 31), (dt.date(2026, 12, 1),))
    now = at(BERLIN, 2026, 11, 30, 22)
    assert reminders_due(ReminderChoice(), journey, now, BERLIN) == []
    assert not ReminderChoice().any


def test_it_reminds_of_a_milestone_on_its_day() -> None:
    journey = JourneyDates(start_date=dt.date(2026, 10, 31))
    choice = ReminderChoice(milestones=True)
    assert reminders_due(choice, journey, at(BERLIN, 2026, 11, 30, 21), BERLIN) == [
        DueReminder(ReminderKind.MILESTONE, dt.date(2026, 11, 30), 30)
    ]
    assert reminders_due(choice, journey, at(BERLIN, 2026, 12, 1, 21), BERLIN) == []


def test_it_reminds_of_a_hard_date_the_day_before() -> None:
    hard = dt.date(2026, 12, 24)
    journey = JourneyDates(hard_dates=(hard,))
    choice = ReminderChoice(hard_dates=True)
    before = hard - dt.timedelta(days=rules.HARD_DATE_REMINDER_LEAD_DAYS)
    for day in (before - dt.timedelta(days=1), before, hard):
        now = dt.datetime.combine(day, dt.time(21, 30), BERLIN)
        due = reminders_due(choice, journey, now, BERLIN)
        assert due == ([DueReminder(ReminderKind.HARD_DATE, before)] if day == before else [])


def test_it_skips_the_checkin_nudge_after_a_checkin_today() -> None:
    journey = JourneyDates(checked_in_today=True)
    now = at(BERLIN, 2026, 11, 30, 21, 30)
    assert reminders_due(EVERYTHING, journey, now, BERLIN) == []
