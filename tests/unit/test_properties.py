"""Properties of the day arithmetic across time zones and DST changes (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact.core.model import EndedBy, Event, EventKind, Goal, Profile
from nocontact.core.program import derive_state

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Pacific/Chatham",  # +12:45 / +13:45, shifts at 02:45
    "Asia/Kolkata",  # +05:30, no DST
    "UTC",
]
# Breakup dates a few days before a DST switch somewhere in ZONES.
BREAKUP_DATES = [
    dt.date(2026, 3, 25),  # Europe forward 03-29; New York forward 03-08
    dt.date(2026, 10, 20),  # Europe back 10-25; New York back 11-01
    dt.date(2026, 4, 1),  # Lord Howe and Chatham back 04-05
    dt.date(2026, 9, 24),  # Chatham forward 09-27; Lord Howe forward 10-04
    dt.date(2026, 3, 3),  # New York forward 03-08
]
HOUR = 3600
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def profile(breakup_date: dt.date, goal: Goal = Goal.RECONNECT) -> Profile:
    return Profile(
        ex_nickname="Sam",
        breakup_date=breakup_date,
        relationship_months=20,
        ended_by=EndedBy.MUTUAL,
        intensity=1,
        goal=goal,
    )


def local_midnight(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)


@st.composite
def histories(draw: st.DrawFn) -> tuple[str, dt.date, dt.date, list[Event]]:
    """A zone, a breakup date, today, and a log of events between the two (as UTC instants)."""
    zone = draw(st.sampled_from(ZONES))
    tz = ZoneInfo(zone)
    breakup_date = draw(st.sampled_from(BREAKUP_DATES))
    length = draw(st.integers(min_value=0, max_value=40))
    today = breakup_date + dt.timedelta(days=length)
    start = local_midnight(breakup_date, tz)
    end = local_midnight(today + dt.timedelta(days=1), tz)
    span = int((end - start).total_seconds()) // 60
    # A few shared instants make ties common: an import with minute precision has them.
    shared = draw(st.lists(st.integers(min_value=0, max_value=span - 1), min_size=1, max_size=3))
    minutes = st.one_of(st.integers(min_value=0, max_value=span - 1), st.sampled_from(shared))
    kinds = st.sampled_from(
        [
            (EventKind.SLIP, {}),
            (EventKind.CHECKED_ON_THEM, {}),
            (EventKind.CHECKIN, {"mood": 2, "desperation": 9, "cried": True}),
            (EventKind.CHECKIN, {"mood": 4, "desperation": 1, "cried": False}),
            (EventKind.URGE, {"intensity": 5, "outcome": "resisted"}),
            (EventKind.EX_CONTACT, {"tone": "warm"}),
            (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "no_reply"}),
            (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "positive"}),
            (EventKind.ATTEMPT, {"route": "reach_out", "outcome": "blocked"}),
            (EventKind.STRATEGY, {"strategy": "move_on"}),
            (EventKind.STRATEGY, {"strategy": "reconnect"}),
            (EventKind.READINESS_ANSWERS, {"answers": [5] * 10}),
            (EventKind.READINESS_ANSWERS, {"answers": [2] * 10}),
            (EventKind.MEETING, {}),
            (EventKind.OUTCOME, {"outcome": "moved_on"}),
        ]
    )
    drawn = draw(st.lists(st.tuples(minutes, kinds), max_size=25))
    events = [Event(kind, start + dt.timedelta(minutes=m), data) for m, (kind, data) in drawn]
    return zone, breakup_date, today, events


@st.composite
def slip_logs(draw: st.DrawFn) -> tuple[str, dt.date, dt.date, list[dt.datetime]]:
    zone = draw(st.sampled_from(ZONES))
    tz = ZoneInfo(zone)
    breakup_date = draw(st.sampled_from(BREAKUP_DATES))
    today = breakup_date + dt.timedelta(days=draw(st.integers(min_value=0, max_value=40)))
    start = local_midnight(breakup_date, tz)
    end = local_midnight(today + dt.timedelta(days=1), tz)
    span = int((end - start).total_seconds()) // 60
    # Slips close to local midnight are the interesting ones: bias towards them.
    near_midnight = st.builds(
        lambda day, delta: (
            local_midnight(breakup_date + dt.timedelta(days=day), tz) + dt.timedelta(minutes=delta)
        ),
        st.integers(min_value=1, max_value=(today - breakup_date).days + 1),
        st.integers(min_value=-2, max_value=1),
    )
    anywhere = st.integers(min_value=0, max_value=span - 1).map(
        lambda m: start + dt.timedelta(minutes=m)
    )
    slips = draw(st.lists(st.one_of(near_midnight, anywhere), max_size=6))
    return zone, breakup_date, today, [at for at in slips if start <= at < end]


def slips_as_events(instants: list[dt.datetime]) -> list[Event]:
    return [Event(EventKind.SLIP, at, {"channel": "text"}) for at in instants]


@FAST
@given(slip_logs())
def test_it_counts_the_local_midnights_since_the_last_slip(
    log: tuple[str, dt.date, dt.date, list[dt.datetime]],
) -> None:
    zone, breakup_date, today, slips = log
    tz = ZoneInfo(zone)
    state = derive_state(profile(breakup_date), slips_as_events(slips), today, tz)
    # Counted independently: instants of local midnight after the start, up to today's.
    start = max(slips) if slips else local_midnight(breakup_date, tz)
    midnights = [
        local_midnight(breakup_date + dt.timedelta(days=i), tz)
        for i in range(1, (today - breakup_date).days + 1)
    ]
    assert state.day_count == sum(1 for m in midnights if start < m)


@FAST
@given(histories(), st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_offset_timestamps_are_written_with(
    history: tuple[str, dt.date, dt.date, list[Event]], rnd: random.Random
) -> None:
    zone, breakup_date, today, events = history
    tz = ZoneInfo(zone)
    offsets = [dt.timezone(dt.timedelta(minutes=m)) for m in (-600, -210, 0, 345, 765, 840)]
    as_local = [Event(e.kind, e.at.astimezone(tz), e.data) for e in events]
    as_fixed = [Event(e.kind, e.at.astimezone(rnd.choice(offsets)), e.data) for e in events]
    expected = derive_state(profile(breakup_date), events, today, tz)
    assert derive_state(profile(breakup_date), as_local, today, tz) == expected
    assert derive_state(profile(breakup_date), as_fixed, today, tz) == expected


@FAST
@given(histories(), st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_order_of_the_log(
    history: tuple[str, dt.date, dt.date, list[Event]], rnd: random.Random
) -> None:
    zone, breakup_date, today, events = history
    tz = ZoneInfo(zone)
    shuffled = list(events)
    rnd.shuffle(shuffled)
    expected = derive_state(profile(breakup_date), events, today, tz)
    assert derive_state(profile(breakup_date), shuffled, today, tz) == expected
    assert derive_state(profile(breakup_date), list(reversed(events)), today, tz) == expected


@FAST
@given(histories())
def test_it_keeps_the_totals_consistent(history: tuple[str, dt.date, dt.date, list[Event]]) -> None:
    zone, breakup_date, today, events = history
    state = derive_state(profile(breakup_date), events, today, ZoneInfo(zone))
    since_breakup = (today - breakup_date).days
    assert 0.0 <= state.strength <= 1.0
    assert 0 <= state.total_days <= since_breakup
    assert 0 <= state.day_count <= since_breakup
    assert state.longest_streak >= state.day_count
    assert state.longest_streak <= since_breakup
    assert state.minimum_reached_on == state.start_date + dt.timedelta(days=state.minimum_days)
    assert 0 <= state.attempts_left <= 3
    if state.next_attempt_on is not None:
        assert state.next_attempt_on > today
    assert (state.lock_reason is None) == state.contact_tools_open


@FAST
@given(slip_logs(), st.integers(min_value=1, max_value=30))
def test_it_grows_strength_with_every_clean_day(
    log: tuple[str, dt.date, dt.date, list[dt.datetime]], more: int
) -> None:
    zone, breakup_date, today, slips = log
    tz = ZoneInfo(zone)
    # A slip today enters the strength tomorrow: only clean days may follow "before".
    events = slips_as_events([at for at in slips if at.astimezone(tz).date() < today])
    before = derive_state(profile(breakup_date), events, today, tz)
    later = today + dt.timedelta(days=more)
    after = derive_state(profile(breakup_date), events, later, tz)
    assert 0.0 <= before.strength <= after.strength <= 1.0
    assert after.day_count == before.day_count + more
    assert after.total_days == before.total_days + more


@FAST
@given(slip_logs())
def test_it_never_loses_strength_when_a_slip_is_taken_back(
    log: tuple[str, dt.date, dt.date, list[dt.datetime]],
) -> None:
    zone, breakup_date, today, slips = log
    tz = ZoneInfo(zone)
    full = derive_state(profile(breakup_date), slips_as_events(slips), today, tz)
    for i in range(len(slips)):
        fewer = slips[:i] + slips[i + 1 :]
        lighter = derive_state(profile(breakup_date), slips_as_events(fewer), today, tz)
        assert lighter.strength >= full.strength
        assert lighter.total_days >= full.total_days
        assert lighter.longest_streak >= full.longest_streak
