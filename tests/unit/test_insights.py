"""Insights: what the charts count, and the sentences under them (no database)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nocontact.core.insights import (
    HEATMAP_WEEKS,
    WEEKS,
    DayStatus,
    build_insights,
    busiest_hours,
    history_start,
    strength_percent,
)
from nocontact.core.model import EndedBy, Event, EventKind, Goal, Profile, Verdict
from nocontact.core.observations import Hour, Weekday, observations
from nocontact.core.program import date_events, derive_state

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = dt.date(2026, 11, 30)  # a Monday
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def profile(breakup: dt.date = dt.date(2026, 6, 1)) -> Profile:
    return Profile("Sam", breakup, 20, EndedBy.THEM, 1, Goal.RECONNECT)


def at(day: dt.date, hour: int, minute: int = 0, tz: dt.tzinfo = BERLIN) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tz)


def urge(day: dt.date, hour: int, intensity: int = 5, **data: Any) -> Event:
    return Event(
        EventKind.URGE,
        at(day, hour),
        {"intensity": intensity, "outcome": "resisted", "triggers": [], **data},
    )


def checkin(day: dt.date, mood: int, desperation: int, cried: bool, hour: int = 21) -> Event:
    return Event(
        EventKind.CHECKIN,
        at(day, hour),
        {"mood": mood, "desperation": desperation, "cried": cried},
    )


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_it_marks_slips_and_checked_days_on_the_calendar() -> None:
    events = [
        Event(EventKind.SLIP, at(ago(10), 23), {"channel": "text"}),
        Event(EventKind.CHECKED_ON_THEM, at(ago(10), 9), {"how": "profile"}),
        Event(EventKind.CHECKED_ON_THEM, at(ago(3), 9), {"how": "profile"}),
    ]
    found = build_insights(profile(), events, TODAY, BERLIN)
    status = {mark.day: mark.status for mark in found.days}
    assert status[ago(10)] is DayStatus.SLIP  # a slip outweighs a look at their profile
    assert status[ago(3)] is DayStatus.CHECKED
    assert status[ago(4)] is DayStatus.CLEAN
    assert found.days[0].day.weekday() == 0  # columns are calendar weeks
    assert found.days[-1].day == TODAY
    assert len(found.days) >= HEATMAP_WEEKS * 7


def test_it_shows_days_before_the_breakup_as_not_lived() -> None:
    found = build_insights(profile(ago(20)), [], TODAY, BERLIN)
    status = {mark.day: mark.status for mark in found.days}
    assert status[ago(21)] is DayStatus.BEFORE
    assert status[ago(20)] is DayStatus.CLEAN
    # Three weeks in: three weekly bars, not twelve with nine empty ones first.
    assert len(found.urge_weeks) == 3
    assert found.urge_weeks[-1].start == ago(6)


def test_it_counts_urges_per_week_with_their_mean_intensity() -> None:
    events = [urge(ago(0), 22, 8), urge(ago(1), 9, 4), urge(ago(8), 23, 6)]
    events.append(
        Event(
            EventKind.URGE, at(ago(8), 10), {"intensity": 2, "outcome": "slipped", "triggers": []}
        )
    )
    found = build_insights(profile(), events, TODAY, BERLIN)
    assert len(found.urge_weeks) == WEEKS
    this_week, last_week = found.urge_weeks[-1], found.urge_weeks[-2]
    assert (this_week.count, this_week.resisted, this_week.mean_intensity) == (2, 2, 6.0)
    assert (last_week.count, last_week.resisted, last_week.mean_intensity) == (2, 1, 4.0)
    assert found.urge_weeks[0].mean_intensity is None


def test_it_places_urges_on_the_users_own_clock() -> None:
    # 23:30 in Berlin is 22:30 UTC: the grid shows the hour the user lived.
    late = Event(EventKind.URGE, dt.datetime(2026, 11, 24, 22, 30, tzinfo=dt.UTC), {"intensity": 5})
    found = build_insights(profile(), [late], TODAY, BERLIN)
    assert found.urge_clock.counts[1][23] == 1  # Tuesday, 23:00
    assert found.urge_clock.total == 1


def test_it_takes_a_days_last_check_in_for_the_weekly_means() -> None:
    events = [
        checkin(ago(1), 1, 9, True, hour=9),
        checkin(ago(1), 3, 5, False, hour=21),
        checkin(ago(2), 5, 1, True),
    ]
    week = build_insights(profile(), events, TODAY, BERLIN).wellbeing[-1]
    assert (week.checkin_days, week.mean_mood, week.mean_desperation, week.crying_days) == (
        2,
        4.0,
        3.0,
        1,
    )


def test_it_ranks_triggers_in_the_users_own_words() -> None:
    events = [
        urge(ago(1), 22, triggers=["Lonely", "a song"]),
        urge(ago(2), 22, triggers=["lonely "]),
        urge(ago(3), 22, triggers=["photos", "a song", "lonely"]),
        urge(ago(4), 22),
    ]
    found = build_insights(profile(), events, TODAY, BERLIN)
    assert [(t.trigger, t.count) for t in found.triggers] == [
        ("lonely", 3),  # as first written
        ("a song", 2),
        ("photos", 1),
    ]
    assert found.triggered_urges == 3


def test_it_draws_strength_and_readiness_as_the_program_derives_them() -> None:
    events = [
        Event(EventKind.SLIP, at(ago(40), 23), {"channel": "text"}),
        Event(EventKind.CHECKED_ON_THEM, at(ago(20), 9), {"how": "profile"}),
        *(checkin(ago(d), 4, 2, False) for d in range(60)),
        Event(EventKind.READINESS_ANSWERS, at(ago(16), 12), {"answers": [5] * 10}),
    ]
    found = build_insights(profile(), events, TODAY, BERLIN)
    for point in found.program:
        state = derive_state(profile(), events, point.end, BERLIN)
        assert point.strength == state.strength
        assert point.verdict is state.readiness.verdict
    assert found.program[-1].end == TODAY
    assert {p.verdict for p in found.program} >= {Verdict.NOT_YET, Verdict.ALMOST}


def test_it_needs_only_the_recent_check_ins_and_urges() -> None:
    """What the repository leaves out (old check-ins and urges) changes nothing."""
    old = [checkin(ago(d), 1, 9, True) for d in range(150, 170)]
    old += [urge(ago(d), 3) for d in range(150, 170)]
    recent = [checkin(ago(d), 4, 2, False) for d in range(110)] + [urge(ago(5), 22)]
    first = history_start(TODAY)
    assert all(e.at.astimezone(BERLIN).date() < first for e in old)
    assert build_insights(profile(), old + recent, TODAY, BERLIN) == build_insights(
        profile(), recent, TODAY, BERLIN
    )


def test_it_finds_the_busiest_hours_across_midnight() -> None:
    by_hour = [0] * 24
    by_hour[23], by_hour[0], by_hour[22], by_hour[12] = 5, 4, 3, 2
    assert busiest_hours(by_hour) == (22, 1, 12)


def test_it_says_when_urges_come_in_plain_words() -> None:
    events = [urge(ago(d), 22 + d % 3 if d % 3 < 2 else 0) for d in range(30)]
    events.append(urge(ago(3), 12))
    notes = observations(build_insights(profile(), events, TODAY, BERLIN))["clock"]
    assert notes[0].message.startswith("Your urges come mostly between")
    assert notes[0].params["start"] == Hour(22)
    assert notes[0].params["end"] == Hour(1)


def test_it_names_the_weekday_that_brings_the_most_urges() -> None:
    sundays = [urge(ago(d), 20) for d in (1, 8, 15, 22, 29)]
    notes = observations(build_insights(profile(), [*sundays, urge(ago(3), 9)], TODAY, BERLIN))
    weekday = [n for n in notes["clock"] if "weekday" in n.params]
    assert weekday[0].params["weekday"] == Weekday(6)


def test_it_notices_fewer_urges_lately_without_judging() -> None:
    events = [urge(ago(d), 21) for d in range(28, 56)] + [urge(ago(d), 21) for d in range(0, 28, 4)]
    notes = observations(build_insights(profile(), events, TODAY, BERLIN))["urges"]
    assert notes[0].message.startswith("Fewer urges lately")
    assert (notes[0].params["recent"], notes[0].params["before"]) == (7, 28)


def test_it_is_kind_to_someone_with_nothing_logged() -> None:
    found = build_insights(profile(ago(2)), [], TODAY, BERLIN)
    assert not found.has_data
    notes = observations(found)
    assert notes["urges"][0].message.startswith("No urges logged")
    assert notes["triggers"][0].message.startswith("No triggers named yet")
    texts = " ".join(n.message for found_notes in notes.values() for n in found_notes)
    for harsh in ("fail", "bad", "should", "weak"):
        assert harsh not in texts.lower()


def test_every_observation_fills_its_placeholders() -> None:
    events = [urge(ago(d), 21, triggers=["bored"]) for d in range(60)]
    events += [checkin(ago(d), 3, 4, d % 3 == 0) for d in range(60)]
    events.append(Event(EventKind.SLIP, at(ago(30), 23), {"channel": "call"}))
    for notes in observations(build_insights(profile(), events, TODAY, BERLIN)).values():
        for note in notes:
            params = {key: str(value) for key, value in note.params.items()}
            note.message.format(**params)
            note.plural.format(**params)
            assert not note.plural or isinstance(note.params[note.count], int)


def test_strength_percent_stays_between_0_and_100() -> None:
    assert strength_percent(-0.1) == 0
    assert strength_percent(0.806) == 81
    assert strength_percent(1.2) == 100


# --- Properties: counts add up, whatever the zone and DST --------------------------------

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]


@st.composite
def logs(draw: st.DrawFn) -> tuple[ZoneInfo, dt.date, list[Event]]:
    tz = ZoneInfo(draw(st.sampled_from(ZONES)))
    # Around the spring and autumn changes of 2026 in the north and south.
    today = draw(
        st.sampled_from([dt.date(2026, 4, 10), dt.date(2026, 11, 5), dt.date(2026, 10, 8)])
    )
    minutes = st.integers(min_value=0, max_value=130 * 24 * 60)
    events = []
    for offset in draw(st.lists(minutes, max_size=60)):
        moment = dt.datetime.combine(today, dt.time(), dt.UTC) - dt.timedelta(minutes=offset)
        kind = draw(st.sampled_from([EventKind.URGE, EventKind.CHECKIN, EventKind.SLIP]))
        choices: dict[EventKind, dict[str, Any]] = {
            EventKind.URGE: {"intensity": draw(st.integers(1, 10)), "triggers": ["a", "B"]},
            EventKind.CHECKIN: {"mood": 3, "desperation": 4, "cried": draw(st.booleans())},
            EventKind.SLIP: {"channel": "text"},
        }
        events.append(Event(kind, moment, choices[kind]))
    return tz, today, events


@FAST
@given(logs())
def test_urge_counts_add_up_on_every_chart(log: tuple[ZoneInfo, dt.date, list[Event]]) -> None:
    tz, today, events = log
    found = build_insights(profile(dt.date(2025, 1, 1)), events, today, tz)
    first = found.urge_weeks[0].start
    lived = [
        d
        for d in date_events(events, tz, today)
        if d.event.kind is EventKind.URGE and d.day >= first
    ]
    assert sum(w.count for w in found.urge_weeks) == len(lived)
    assert found.urge_clock.total == len(lived)
    assert sum(found.urge_clock.by_hour) == sum(found.urge_clock.by_weekday) == len(lived)
    assert sum(t.count for t in found.triggers) == 2 * found.triggered_urges
    for week in found.wellbeing:
        assert 0 <= week.crying_days <= week.checkin_days <= 7


@FAST
@given(logs())
def test_the_calendar_has_every_day_once(log: tuple[ZoneInfo, dt.date, list[Event]]) -> None:
    tz, today, events = log
    found = build_insights(profile(dt.date(2025, 1, 1)), events, today, tz)
    days = [mark.day for mark in found.days]
    assert days == sorted(set(days))
    assert (days[-1] - days[0]).days == len(days) - 1
    slips = {d.day for d in date_events(events, tz, today) if d.event.kind is EventKind.SLIP}
    assert {m.day for m in found.days if m.status is DayStatus.SLIP} == slips & set(days)


@FAST
@given(logs())
def test_strength_and_readiness_agree_with_the_program_every_week(
    log: tuple[ZoneInfo, dt.date, list[Event]],
) -> None:
    tz, today, events = log
    breakup = profile(today - dt.timedelta(days=60))
    for point in build_insights(breakup, events, today, tz).program:
        state = derive_state(breakup, events, point.end, tz)
        assert point.strength == state.strength
        assert point.verdict is state.readiness.verdict


def test_it_has_one_week_to_show_on_the_first_day_or_before_it() -> None:
    for breakup in (TODAY, TODAY + dt.timedelta(days=3)):
        found = build_insights(profile(breakup), [urge(TODAY, 8)], TODAY, BERLIN)
        assert len(found.urge_weeks) == len(found.program) == 1
        assert found.program[0].strength == 0.0
        assert all(notes for notes in observations(found).values())
