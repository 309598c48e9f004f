"""The interest trend: direction, score and the evidence a page shows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nocontact.core.model import Event, EventKind, Signal
from nocontact.core.signals import (
    EVIDENCE_WINDOW_DAYS,
    RECENCY_HALF_LIFE_DAYS,
    SIGNAL_WEIGHTS,
    Direction,
    interest_trend,
)

TZ = ZoneInfo("Europe/Berlin")
TODAY = dt.date(2026, 11, 20)


def event(when: str, kind: str, **data: object) -> Event:
    at = dt.datetime.fromisoformat(when).replace(tzinfo=TZ)
    return Event(EventKind(kind), at, data)


def signal(when: str, name: str) -> Event:
    return event(when, "signal", signal=name)


def test_it_is_unclear_with_no_evidence() -> None:
    trend = interest_trend([], TODAY, TZ)
    assert trend.direction is Direction.UNCLEAR
    assert trend.score == 0
    assert trend.evidence == ()
    assert trend.summary


def test_it_is_unclear_with_a_single_warm_sign() -> None:
    trend = interest_trend([signal("2026-11-19 10:00", "long_replies")], TODAY, TZ)
    assert trend.direction is Direction.UNCLEAR
    assert trend.score > 0


def test_it_warms_with_recent_signs_of_interest() -> None:
    events = [
        event("2026-11-10 09:00", "ex_contact", channel="text", tone="warm"),
        signal("2026-11-12 20:00", "asked_about_your_life"),
        signal("2026-11-15 20:00", "offered_to_meet"),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert trend.direction is Direction.WARMING
    assert trend.score > 1


def test_it_turns_cooling_after_they_ask_for_space() -> None:
    warm = [
        event("2026-11-01 09:00", "ex_contact", channel="text", tone="warm"),
        signal("2026-11-05 20:00", "long_replies"),
        signal("2026-11-08 20:00", "offered_to_meet"),
        event("2026-11-12 21:00", "meeting", again_both_sides=True),
    ]
    assert interest_trend(warm, TODAY, TZ).direction is Direction.WARMING
    cooled = interest_trend([*warm, signal("2026-11-19 18:00", "asks_for_space")], TODAY, TZ)
    assert cooled.direction is Direction.COOLING
    assert cooled.evidence[0].code == "asks_for_space"


def test_it_stays_cooling_after_a_request_for_space_until_a_warm_sign() -> None:
    events = [
        signal("2026-11-10 18:00", "asks_for_space"),
        signal("2026-11-12 18:00", "short_replies"),
    ]
    assert interest_trend(events, TODAY, TZ).direction is Direction.COOLING
    events.append(event("2026-11-19 09:00", "ex_contact", channel="call", tone="warm"))
    assert interest_trend(events, TODAY, TZ).direction is not Direction.COOLING


@pytest.mark.parametrize("outcome", ["asked_no_contact", "blocked"])
def test_it_cools_after_a_clear_no_to_an_attempt(outcome: str) -> None:
    events = [
        signal("2026-11-01 18:00", "long_replies"),
        event("2026-11-18 12:00", "attempt", route="reach_out", outcome=outcome),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert trend.direction is Direction.COOLING
    assert trend.evidence[0].weight < 0


def test_it_counts_a_positive_attempt_for_and_ignores_a_neutral_one() -> None:
    events = [
        event("2026-11-15 12:00", "attempt", route="reach_out", outcome="positive"),
        event("2026-11-16 12:00", "attempt", route="reach_out", outcome="neutral"),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert [e.code for e in trend.evidence] == ["attempt_positive"]
    assert trend.evidence[0].positive


def test_it_is_steady_when_signs_are_mixed() -> None:
    events = [
        signal("2026-11-18 18:00", "long_replies"),
        signal("2026-11-19 18:00", "short_replies"),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert trend.direction is Direction.STEADY


def test_it_lists_evidence_newest_first_with_dates_and_weights() -> None:
    events = [
        signal("2026-11-02 18:00", "offered_to_meet"),
        event("2026-11-10 21:00", "meeting", again_both_sides=True, feeling=4),
        signal("2026-11-18 18:00", "mentions_new_partner"),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert [(e.day, e.code) for e in trend.evidence] == [
        (dt.date(2026, 11, 18), "mentions_new_partner"),
        (dt.date(2026, 11, 10), "meeting_again"),
        (dt.date(2026, 11, 2), "offered_to_meet"),
    ]
    for item in trend.evidence:
        assert item.what
        assert item.weight != 0
    assert trend.evidence[0].weight == SIGNAL_WEIGHTS[Signal.MENTIONS_NEW_PARTNER]
    assert trend.score == pytest.approx(sum(e.counts for e in trend.evidence), abs=0.02)


def test_it_weighs_recent_evidence_more() -> None:
    old = interest_trend([signal("2026-10-23 18:00", "offered_to_meet")], TODAY, TZ)
    new = interest_trend([signal("2026-11-20 08:00", "offered_to_meet")], TODAY, TZ)
    assert new.score > old.score
    # Four weeks is two half-lives: a quarter of the weight.
    assert (TODAY - dt.date(2026, 10, 23)).days == 2 * RECENCY_HALF_LIFE_DAYS
    assert old.evidence[0].counts == pytest.approx(new.evidence[0].counts / 4, abs=0.01)


def test_it_leaves_out_evidence_older_than_the_window() -> None:
    too_old = TODAY - dt.timedelta(days=EVIDENCE_WINDOW_DAYS + 1)
    events = [signal(f"{too_old.isoformat()} 12:00", "offered_to_meet")]
    assert interest_trend(events, TODAY, TZ).evidence == ()


def test_it_ignores_what_has_not_happened_yet() -> None:
    events = [signal("2026-11-21 09:00", "asks_for_space")]
    assert interest_trend(events, TODAY, TZ).evidence == ()


def test_it_counts_one_contact_once_when_logged_as_contact_and_signal() -> None:
    events = [
        event("2026-11-18 09:00", "ex_contact", channel="text", tone="warm"),
        signal("2026-11-18 09:05", "ex_initiated"),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert [e.code for e in trend.evidence] == ["ex_contact"]


def test_it_counts_a_cold_contact_for_less() -> None:
    warm = interest_trend([event("2026-11-18 09:00", "ex_contact", tone="warm")], TODAY, TZ)
    cold = interest_trend([event("2026-11-18 09:00", "ex_contact", tone="cold")], TODAY, TZ)
    assert 0 < cold.score < warm.score
    assert cold.evidence[0].code == "ex_contact_cold"


def test_it_does_not_count_a_meeting_without_a_shared_wish_to_meet_again() -> None:
    events = [
        event("2026-11-18 21:00", "meeting", again_both_sides=False),
        event("2026-11-19 21:00", "meeting"),
    ]
    assert interest_trend(events, TODAY, TZ).evidence == ()


def test_it_dates_evidence_in_the_users_time_zone() -> None:
    # 23:30 in Berlin on the 18th is already the 19th in Tokyo.
    events = [signal("2026-11-18 23:30", "long_replies")]
    assert interest_trend(events, TODAY, TZ).evidence[0].day == dt.date(2026, 11, 18)
    tokyo = interest_trend(events, TODAY, ZoneInfo("Asia/Tokyo"))
    assert tokyo.evidence[0].day == dt.date(2026, 11, 19)


def test_it_ignores_events_that_are_no_evidence() -> None:
    events = [
        event("2026-11-18 20:00", "checkin", mood=3, desperation=4, cried=False),
        event("2026-11-18 21:00", "journal", text="a quiet day"),
        event("2026-11-19 21:00", "slip", channel="text"),
    ]
    trend = interest_trend(events, TODAY, TZ)
    assert trend.evidence == ()
    assert trend.direction is Direction.UNCLEAR
