"""Asking "am I ready?" again: allowed, but at most once a day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from nocontact.core import rules
from nocontact.core.model import Event, EventKind
from nocontact.core.readiness_limits import last_readiness_answers_on, next_readiness_check_on

TODAY = dt.date(2026, 10, 10)


def answers_at(at: dt.datetime) -> Event:
    return Event(EventKind.READINESS_ANSWERS, at, {"answers": [4] * 10})


def test_it_allows_a_first_check_at_any_time() -> None:
    assert next_readiness_check_on(None, TODAY) is None


def test_it_waits_until_tomorrow_after_answering_today() -> None:
    assert rules.READINESS_ASK_INTERVAL_DAYS == 1
    assert next_readiness_check_on(TODAY, TODAY) == dt.date(2026, 10, 11)


def test_it_allows_a_new_check_the_next_day() -> None:
    assert next_readiness_check_on(dt.date(2026, 10, 9), TODAY) is None
    assert next_readiness_check_on(dt.date(2026, 9, 1), TODAY) is None


def test_it_finds_the_local_date_of_the_latest_answers() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    events = [
        answers_at(dt.datetime(2026, 10, 2, 12, 0, tzinfo=berlin)),
        # 23:30 UTC on the 9th is already the 10th in Berlin.
        answers_at(dt.datetime(2026, 10, 9, 23, 30, tzinfo=dt.UTC)),
        Event(EventKind.CHECKIN, dt.datetime(2026, 10, 10, 9, 0, tzinfo=berlin), {}),
    ]
    last = last_readiness_answers_on(events, berlin, TODAY)
    assert last == TODAY
    assert next_readiness_check_on(last, TODAY) == dt.date(2026, 10, 11)
    assert last_readiness_answers_on(events, ZoneInfo("America/New_York"), TODAY) == dt.date(
        2026, 10, 9
    )


def test_it_allows_a_check_after_midnight_in_the_users_time_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    # Answered at 23:59 Tokyo time on the 9th: at 00:01 on the 10th it may be asked again.
    events = [answers_at(dt.datetime(2026, 10, 9, 23, 59, tzinfo=tokyo))]
    last = last_readiness_answers_on(events, tokyo, TODAY)
    assert next_readiness_check_on(last, TODAY) is None


def test_it_ignores_answers_dated_after_today() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    events = [answers_at(dt.datetime(2026, 10, 12, 9, 0, tzinfo=berlin))]
    assert last_readiness_answers_on(events, berlin, TODAY) is None
