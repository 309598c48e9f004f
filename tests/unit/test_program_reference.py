"""The fast ``derive_state`` against the straightforward one it replaced (Hypothesis).

``program_reference`` is the state as it was derived before it was made cheaper;
on any log, in any zone, the two must agree to the last field (the strength to
the last bit). The logs lean on what the local date gets wrong when it is
computed carelessly: instants at or next to local midnight, DST changes (one at
midnight, one of half an hour), zones at +14:00 and -12:00, a day a zone skipped,
events logged at the same instant, timestamps written with any offset, a log read
in any order.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact.core.model import EndedBy, Event, EventKind, Goal, Profile
from nocontact.core.program import (
    chosen_strategy,
    date_events,
    derive_state,
    in_distress,
    readiness_on,
    strength_score,
)
from tests.unit import program_reference as reference

ZONES: list[dt.tzinfo] = [
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("America/Santiago"),  # DST changes at local midnight
    ZoneInfo("America/Havana"),  # DST changes at local midnight
    ZoneInfo("Australia/Lord_Howe"),  # a 30-minute DST shift
    ZoneInfo("Pacific/Chatham"),  # +12:45 / +13:45
    ZoneInfo("Pacific/Kiritimati"),  # +14:00
    ZoneInfo("Pacific/Apia"),  # skipped 2011-12-30 going from -10:00 to +14:00
    ZoneInfo("Etc/GMT+12"),  # -12:00
    ZoneInfo("Asia/Kolkata"),  # +05:30
    ZoneInfo("UTC"),
    dt.timezone(dt.timedelta(hours=14)),
    dt.timezone(dt.timedelta(hours=-12)),
]
# Breakup dates a few days before a DST change (or a skipped day) somewhere in ZONES.
BREAKUP_DATES = [
    dt.date(2026, 3, 25),  # Europe forward 03-29
    dt.date(2026, 10, 20),  # Europe back 10-25; New York back 11-01
    dt.date(2026, 4, 1),  # Santiago back 04-05 at midnight; Lord Howe and Chatham back 04-05
    dt.date(2026, 9, 2),  # Santiago forward 09-06 at midnight
    dt.date(2026, 3, 5),  # Havana and New York forward 03-08
    dt.date(2011, 12, 26),  # Apia skips 12-30
]
OFFSETS = [dt.timezone(dt.timedelta(minutes=m)) for m in (-720, -600, -210, 0, 345, 765, 840)]
KINDS: list[tuple[EventKind, dict[str, Any]]] = [
    (EventKind.SLIP, {"channel": "text"}),
    (EventKind.CHECKED_ON_THEM, {}),
    (EventKind.CHECKIN, {"mood": 2, "desperation": 9, "cried": True}),
    (EventKind.CHECKIN, {"mood": 4, "desperation": 1, "cried": False}),
    (EventKind.CHECKIN, {"mood": 5, "desperation": 0, "cried": False}),
    (EventKind.URGE, {"intensity": 5, "outcome": "resisted"}),
    (EventKind.EX_CONTACT, {"tone": "warm"}),
    (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "no_reply"}),
    (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "not_ready"}),
    (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "positive"}),
    (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "neutral"}),
    (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "blocked"}),
    (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "asked_no_contact"}),
    (EventKind.STRATEGY, {"strategy": "move_on"}),
    (EventKind.STRATEGY, {"strategy": "reconnect"}),
    (EventKind.STRATEGY, {"strategy": "intent_statement"}),
    (EventKind.READINESS_ANSWERS, {"answers": [5] * 10}),
    (EventKind.READINESS_ANSWERS, {"answers": [2] * 10}),
    (EventKind.MEETING, {}),
    (EventKind.SIGNAL, {"signal": "offered_friendship"}),
    (EventKind.OUTCOME, {"outcome": "moved_on"}),
    (EventKind.OUTCOME, {"outcome": "reunited"}),
    (EventKind.JOURNAL, {}),
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

History = tuple[dt.tzinfo, Profile, dt.date, list[Event]]


def local_midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)


@st.composite
def profiles(draw: st.DrawFn, breakup_date: dt.date) -> Profile:
    return Profile(
        ex_nickname="Sam",
        breakup_date=breakup_date,
        relationship_months=draw(st.sampled_from([3, 20, 50])),
        ended_by=EndedBy.MUTUAL,
        intensity=draw(st.integers(min_value=0, max_value=3)),
        goal=draw(st.sampled_from(list(Goal))),
        unsafe=draw(st.integers(min_value=0, max_value=9)) == 0,
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    """A zone, a profile, today and a log around the breakup (a few days either side)."""
    tz = draw(st.sampled_from(ZONES))
    breakup_date = draw(st.sampled_from(BREAKUP_DATES))
    today = breakup_date + dt.timedelta(days=draw(st.integers(min_value=0, max_value=120)))
    first = breakup_date - dt.timedelta(days=3)
    start = local_midnight(first, tz)
    span = int((local_midnight(today + dt.timedelta(days=3), tz) - start).total_seconds()) // 60
    days = (today - first).days + 3
    # A few shared instants make ties common: an import with minute precision has them.
    shared = draw(st.lists(st.integers(min_value=0, max_value=span - 1), min_size=1, max_size=3))
    anywhere = st.one_of(st.integers(min_value=0, max_value=span - 1), st.sampled_from(shared))
    near_midnight = st.builds(
        lambda day, seconds: (
            local_midnight(first + dt.timedelta(days=day), tz) + dt.timedelta(seconds=seconds)
        ),
        st.integers(min_value=0, max_value=days),
        st.sampled_from([-61, -1, 0, 1, 59, 3600]),
    )
    instants = st.one_of(anywhere.map(lambda m: start + dt.timedelta(minutes=m)), near_midnight)
    drawn = draw(st.lists(st.tuples(instants, st.sampled_from(KINDS)), max_size=60))
    # Timestamps written in UTC, in the user's zone, or with any fixed offset.
    written = st.sampled_from([dt.UTC, tz, *OFFSETS])
    events = [Event(kind, at.astimezone(draw(written)), data) for at, (kind, data) in drawn]
    draw(st.randoms(use_true_random=False)).shuffle(events)
    return tz, draw(profiles(breakup_date)), today, events


@SETTINGS
@given(histories())
def test_it_derives_the_state_the_straightforward_version_derived(history: History) -> None:
    tz, profile, today, events = history
    assert derive_state(profile, events, today, tz) == reference.derive_state(
        profile, events, today, tz
    )


@SETTINGS
@given(histories(), st.integers(min_value=-3, max_value=3))
def test_it_dates_and_reads_the_log_as_the_straightforward_version_did(
    history: History, shift: int
) -> None:
    tz, profile, today, events = history
    dated = date_events(events, tz, today)
    expected = reference.date_events(events, tz, today)
    assert [(d.event, d.day) for d in dated] == [(d.event, d.day) for d in expected]
    day = today + dt.timedelta(days=shift)
    assert readiness_on(profile, dated, day) == reference.readiness_on(profile, expected, day)
    assert in_distress(dated, today) == reference.in_distress(expected, today)
    assert chosen_strategy(profile, dated) == reference.chosen_strategy(profile, expected)


@SETTINGS
@given(
    st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 1, 1)),
    st.integers(min_value=0, max_value=4000),
    st.randoms(use_true_random=False),
)
def test_it_scores_strength_to_the_last_bit_over_years(
    breakup_date: dt.date, length: int, rnd: random.Random
) -> None:
    today = breakup_date + dt.timedelta(days=length)

    def some_days() -> set[dt.date]:
        count = rnd.randint(0, 60)
        return {breakup_date + dt.timedelta(days=rnd.randint(-5, length + 5)) for _ in range(count)}

    slip_days, checked_days = some_days(), some_days()
    checked_days |= set(rnd.sample(sorted(slip_days), len(slip_days) // 2))  # both on one day
    assert strength_score(breakup_date, slip_days, checked_days, today) == (
        reference.strength_score(breakup_date, slip_days, checked_days, today)
    )


def test_it_agrees_on_a_long_dense_log() -> None:
    """Years of check-ins and urges with slips, as the dashboard reads them."""
    rnd = random.Random(7)
    tz = ZoneInfo("Europe/Berlin")
    breakup_date = dt.date(2023, 1, 10)
    today = dt.date(2026, 11, 30)
    start = local_midnight(breakup_date, tz)
    minutes = int((local_midnight(today, tz) - start).total_seconds()) // 60 + 24 * 60
    events = [
        Event(kind, start + dt.timedelta(minutes=rnd.randrange(minutes)), data)
        for kind, data in (rnd.choice(KINDS) for _ in range(1500))
    ]
    for goal in Goal:
        profile = Profile("Sam", breakup_date, 20, EndedBy.THEM, 2, goal)
        assert derive_state(profile, events, today, tz) == reference.derive_state(
            profile, events, today, tz
        )


UTC = dt.UTC


def at_utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


# (zone, instant in UTC, the local date the user saw)
LOCAL_DATES = [
    # +14:00: local midnight is 10:00 UTC the day before.
    ("Pacific/Kiritimati", "2026-10-01 10:00:00", dt.date(2026, 10, 2)),
    ("Pacific/Kiritimati", "2026-10-01 09:59:59.999999", dt.date(2026, 10, 1)),
    # -12:00: local midnight is 12:00 UTC the same day.
    ("Etc/GMT+12", "2026-10-01 12:00:00", dt.date(2026, 10, 1)),
    ("Etc/GMT+12", "2026-10-01 11:59:59.999999", dt.date(2026, 9, 30)),
    # Berlin springs forward 2026-03-29 02:00 -> 03:00: midnight is still +01:00.
    ("Europe/Berlin", "2026-03-28 23:00:00", dt.date(2026, 3, 29)),
    ("Europe/Berlin", "2026-03-28 22:59:59", dt.date(2026, 3, 28)),
    ("Europe/Berlin", "2026-03-29 21:59:59", dt.date(2026, 3, 29)),  # 23:59:59 CEST
    ("Europe/Berlin", "2026-03-29 22:00:00", dt.date(2026, 3, 30)),
    # Berlin falls back 2026-10-25 03:00 -> 02:00: midnight before is +02:00, after +01:00.
    ("Europe/Berlin", "2026-10-24 22:00:00", dt.date(2026, 10, 25)),
    ("Europe/Berlin", "2026-10-24 21:59:59", dt.date(2026, 10, 24)),
    ("Europe/Berlin", "2026-10-25 22:59:59", dt.date(2026, 10, 25)),  # 23:59:59 CET
    ("Europe/Berlin", "2026-10-25 23:00:00", dt.date(2026, 10, 26)),
    # Santiago falls back at midnight 2026-04-05 (00:00 -03 -> 23:00 -04 on the 4th).
    ("America/Santiago", "2026-04-05 02:59:59", dt.date(2026, 4, 4)),
    ("America/Santiago", "2026-04-05 03:00:00", dt.date(2026, 4, 4)),  # 23:00 again
    ("America/Santiago", "2026-04-05 04:00:00", dt.date(2026, 4, 5)),
    # Santiago springs forward at midnight 2026-09-06 (00:00 -04 -> 01:00 -03).
    ("America/Santiago", "2026-09-06 03:59:59", dt.date(2026, 9, 5)),
    ("America/Santiago", "2026-09-06 04:00:00", dt.date(2026, 9, 6)),  # 01:00, no midnight
    # Apia skipped 2011-12-30: 23:59:59 -10:00 on the 29th, then 00:00 +14:00 on the 31st.
    ("Pacific/Apia", "2011-12-30 09:59:59", dt.date(2011, 12, 29)),
    ("Pacific/Apia", "2011-12-30 10:00:00", dt.date(2011, 12, 31)),
]


def test_it_dates_events_on_the_day_the_user_saw_around_midnight_and_dst_changes() -> None:
    today = dt.date(2027, 1, 1)
    for zone, instant, expected in LOCAL_DATES:
        tz = ZoneInfo(zone)
        for written in (UTC, tz, *OFFSETS):
            event = Event(EventKind.SLIP, at_utc(instant).astimezone(written), {})
            assert [d.day for d in date_events([event], tz, today)] == [expected], (zone, instant)


def test_it_counts_a_slip_at_local_midnight_from_that_day_in_far_east_and_west_zones() -> None:
    for zone, midnight in (
        ("Pacific/Kiritimati", "2026-10-01 10:00:00"),  # 2026-10-02 00:00 +14:00
        ("Etc/GMT+12", "2026-10-02 12:00:00"),  # 2026-10-02 00:00 -12:00
    ):
        tz = ZoneInfo(zone)
        profile = Profile("Sam", dt.date(2026, 9, 1), 20, EndedBy.MUTUAL, 1, Goal.RECONNECT)
        today = dt.date(2026, 10, 12)
        at_midnight = [Event(EventKind.SLIP, at_utc(midnight), {})]
        just_before = [Event(EventKind.SLIP, at_utc(midnight) - dt.timedelta(microseconds=1), {})]
        state = derive_state(profile, at_midnight, today, tz)
        assert (state.last_slip_on, state.day_count) == (dt.date(2026, 10, 2), 10), zone
        state = derive_state(profile, just_before, today, tz)
        assert (state.last_slip_on, state.day_count) == (dt.date(2026, 10, 1), 11), zone


def test_it_leaves_out_what_happens_after_today_in_the_users_zone() -> None:
    tz = ZoneInfo("Pacific/Kiritimati")
    profile = Profile("Sam", dt.date(2026, 9, 1), 20, EndedBy.MUTUAL, 1, Goal.RECONNECT)
    today = dt.date(2026, 10, 1)
    tomorrow = Event(EventKind.SLIP, at_utc("2026-10-01 10:00:00"), {})  # 10-02 there
    tonight = Event(EventKind.SLIP, at_utc("2026-10-01 09:59:00"), {})  # 10-01 23:59 there
    assert derive_state(profile, [tomorrow], today, tz).last_slip_on is None
    assert derive_state(profile, [tomorrow, tonight], today, tz).last_slip_on == today
