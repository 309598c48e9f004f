"""``derive_state`` as a table: a profile, a few events with local times, a day, what the user sees.

Every row uses a breakup on Tuesday 2026-09-01 and, unless it says otherwise, a
six-month relationship that ended calmly (intensity 0), so the minimum period is
30 days and is reached on 2026-10-01. Times without an offset are read in the
row's time zone; times with ``Z`` or an offset are exact instants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nocontact.core.model import EndedBy, Event, EventKind, Goal, Profile
from nocontact.core.program import ProgramState, derive_state

BREAKUP = dt.date(2026, 9, 1)
Row = tuple[str, str, dict[str, Any]]


def ev(when: str, kind: str, **data: Any) -> Row:
    return (when, kind, data)


def days(first: str, last: str) -> list[dt.date]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def checkins(
    first: str,
    last: str,
    *,
    mood: int = 4,
    desperation: int = 2,
    cried: bool = False,
    time: str = "20:00",
) -> list[Row]:
    return [
        ev(f"{day} {time}", "checkin", mood=mood, desperation=desperation, cried=cried)
        for day in days(first, last)
    ]


def answers(values: list[int], when: str = "2026-09-28 12:00") -> Row:
    return ev(when, "readiness_answers", answers=values)


def attempt(when: str, outcome: str, route: str = "reach_out") -> Row:
    return ev(when, "attempt", route=route, outcome=outcome)


# Everything a "ready" verdict needs by 2026-10-01: a high self-check, calm daily
# check-ins (the ones after "today" are not lived yet and are ignored), no urges.
READY = [answers([5] * 10), *checkins("2026-09-25", "2026-10-20")]


@dataclass(frozen=True)
class Scenario:
    name: str
    today: str
    expect: dict[str, Any]
    events: list[Row] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)
    tz: str = "Europe/Berlin"


def make_profile(**overrides: Any) -> Profile:
    fields: dict[str, Any] = {
        "ex_nickname": "Sam",
        "breakup_date": BREAKUP,
        "relationship_months": 6,
        "ended_by": EndedBy.THEM,
        "intensity": 0,
        "goal": Goal.RECONNECT,
    }
    fields.update(overrides)
    return Profile(**fields)


def make_event(row: Row, tz: dt.tzinfo) -> Event:
    when, kind, data = row
    at = dt.datetime.fromisoformat(when)
    if at.tzinfo is None:
        at = at.replace(tzinfo=tz)
    return Event(EventKind(kind), at, data)


def state_for(s: Scenario) -> ProgramState:
    tz = ZoneInfo(s.tz)
    profile_fields = {
        key: dt.date.fromisoformat(value) if key == "breakup_date" else value
        for key, value in s.profile.items()
    }
    events = [make_event(row, tz) for row in s.events]
    return derive_state(make_profile(**profile_fields), events, dt.date.fromisoformat(s.today), tz)


def check(state: ProgramState, expect: dict[str, Any]) -> None:
    for key, wanted in expect.items():
        if key == "strength":
            assert state.strength == pytest.approx(wanted, abs=0.001), key
        elif key == "verdict":
            assert state.readiness.verdict == wanted, key
        elif key == "reasons":
            statuses = {reason.code: reason.status for reason in state.readiness.reasons}
            for code, status in wanted.items():
                if status is None:
                    assert code not in statuses, code
                else:
                    assert statuses.get(code) == status, (code, statuses)
        elif key == "contact_tools":
            assert state.to_json()["contact_tools"] == wanted
        else:
            value = getattr(state, key)
            if isinstance(value, dt.date) and isinstance(wanted, str):
                wanted = dt.date.fromisoformat(wanted)
            assert value == wanted, (key, value, wanted)


SCENARIOS = [
    # --- The day count, the streaks and the totals ---------------------------------
    Scenario(
        "the breakup day is day 0",
        "2026-09-01",
        {"day_count": 0, "longest_streak": 0, "total_days": 0, "strength": 0.0},
    ),
    Scenario(
        "twelve quiet days",
        "2026-09-13",
        {
            "day_count": 12,
            "start_date": "2026-09-01",
            "longest_streak": 12,
            "total_days": 12,
            "strength": 0.4726,
            "next_milestone": 14,
            "last_slip_on": None,
            "phase": "no_contact",
            "lock_reason": "minimum_not_reached",
            "contact_tools": "locked",
        },
    ),
    Scenario(
        "a slip restarts the count and keeps the longest streak",
        "2026-09-13",
        {
            "day_count": 8,
            "start_date": "2026-09-05",
            "last_slip_on": "2026-09-05",
            "longest_streak": 8,
            "total_days": 11,
            "strength": 0.4369,
            "minimum_reached_on": "2026-10-05",
        },
        [ev("2026-09-05 20:00", "slip", channel="text")],
    ),
    Scenario(
        "several slips: the longest run is an earlier one",
        "2026-10-01",
        {"day_count": 9, "longest_streak": 15, "total_days": 27, "last_slip_on": "2026-09-22"},
        [
            ev("2026-09-05 20:00", "slip"),
            ev("2026-09-20 09:00", "slip"),
            ev("2026-09-22 23:00", "slip"),
        ],
    ),
    Scenario(
        "two slips on one day take one day off the total",
        "2026-09-13",
        {"day_count": 8, "total_days": 11, "longest_streak": 8},
        [ev("2026-09-05 10:00", "slip"), ev("2026-09-05 22:00", "slip")],
    ),
    Scenario(
        "a slip on the breakup day",
        "2026-09-13",
        {"day_count": 12, "longest_streak": 12, "total_days": 11, "start_date": "2026-09-01"},
        [ev("2026-09-01 22:00", "slip")],
    ),
    Scenario(
        "a slip today: day 0, the streak before it is kept",
        "2026-09-13",
        # Today's strength only counts days up to yesterday, so it is unchanged.
        {"day_count": 0, "longest_streak": 12, "total_days": 11, "strength": 0.4726},
        [ev("2026-09-13 08:00", "slip")],
    ),
    Scenario(
        "a slip before the breakup date is not part of this breakup",
        "2026-09-13",
        {"day_count": 12, "total_days": 12, "last_slip_on": None},
        [ev("2026-08-25 20:00", "slip")],
    ),
    Scenario(
        "Berlin: a slip at 23:59 belongs to that evening",
        "2026-09-13",
        {"day_count": 3, "last_slip_on": "2026-09-10"},
        [ev("2026-09-10T21:59:00Z", "slip")],
    ),
    Scenario(
        "Berlin: a slip at 00:00 belongs to the new day",
        "2026-09-13",
        {"day_count": 2, "last_slip_on": "2026-09-11"},
        [ev("2026-09-10T22:00:00Z", "slip")],
    ),
    Scenario(
        "New York: a slip at 23:59 belongs to that evening",
        "2026-09-13",
        {"day_count": 3, "last_slip_on": "2026-09-10"},
        [ev("2026-09-11T03:59:00Z", "slip")],
        tz="America/New_York",
    ),
    Scenario(
        "New York: a slip at 00:00 belongs to the new day",
        "2026-09-13",
        {"day_count": 2, "last_slip_on": "2026-09-11"},
        [ev("2026-09-11T04:00:00Z", "slip")],
        tz="America/New_York",
    ),
    Scenario(
        "Berlin, the night the clocks go back: 23:59 CET",
        "2026-10-27",
        {"day_count": 2, "last_slip_on": "2026-10-25"},
        [ev("2026-10-25T22:59:00Z", "slip")],
        profile={"breakup_date": "2026-10-20"},
    ),
    Scenario(
        "Berlin, the night the clocks go back: 00:00 CET",
        "2026-10-27",
        {"day_count": 1, "last_slip_on": "2026-10-26"},
        [ev("2026-10-25T23:00:00Z", "slip")],
        profile={"breakup_date": "2026-10-20"},
    ),
    Scenario(
        "Berlin: a slip at 00:30 tomorrow has not happened yet",
        "2026-09-13",
        {"day_count": 12, "last_slip_on": None, "total_days": 12},
        [ev("2026-09-13T22:30:00Z", "slip")],
    ),
    Scenario(
        "New York: the same instant is still this evening",
        "2026-09-13",
        {"day_count": 0, "last_slip_on": "2026-09-13"},
        [ev("2026-09-13T22:30:00Z", "slip")],
        tz="America/New_York",
    ),
    Scenario(
        "events after today are ignored",
        "2026-09-13",
        {"day_count": 12, "phase": "no_contact", "attempts_left": 3},
        [
            ev("2026-09-20 10:00", "slip"),
            attempt("2026-09-21 10:00", "blocked"),
            ev("2026-09-22 10:00", "outcome", outcome="moved_on"),
        ],
    ),
    # --- Strength ----------------------------------------------------------------
    Scenario("30 clean days give about 0.80", "2026-10-01", {"strength": 0.7980}),
    Scenario(
        "checking on them is half a clean day and does not restart the count",
        "2026-10-01",
        {"strength": 0.7721, "day_count": 30, "total_days": 30},
        [ev("2026-09-30 22:00", "checked_on_them", how="profile")],
    ),
    Scenario(
        "checking on them every day",
        "2026-10-01",
        {"strength": 0.3990, "day_count": 30},
        [ev(f"{day} 21:00", "checked_on_them") for day in days("2026-09-01", "2026-09-30")],
    ),
    Scenario(
        "one slip dents the strength, it does not zero it",
        "2026-10-01",
        {"strength": 0.7461, "day_count": 1, "longest_streak": 29},
        [ev("2026-09-30 22:00", "slip")],
    ),
    Scenario(
        "a slip and a check on the same day count as a slip",
        "2026-10-01",
        {"strength": 0.7461},
        [ev("2026-09-30 10:00", "checked_on_them"), ev("2026-09-30 22:00", "slip")],
    ),
    # --- The minimum period ---------------------------------------------------------
    Scenario(
        "26 months and a tense end: 44 days",
        "2026-09-13",
        {"minimum_days": 44, "minimum_reached_on": "2026-10-15"},
        profile={"relationship_months": 26, "intensity": 1},
    ),
    Scenario(
        "40 months and a severe end: 65 days",
        "2026-09-13",
        {"minimum_days": 65, "minimum_reached_on": "2026-11-05"},
        profile={"relationship_months": 40, "intensity": 3},
    ),
    Scenario(
        "the minimum runs again from a slip",
        "2026-09-13",
        {"minimum_reached_on": "2026-10-10", "minimum_days": 30},
        [ev("2026-09-10 12:00", "slip")],
    ),
    Scenario(
        "the day before the minimum: locked, still No Contact",
        "2026-09-30",
        {
            "day_count": 29,
            "phase": "no_contact",
            "lock_reason": "minimum_not_reached",
            "verdict": "almost",
            "reasons": {"time": "close", "want_not_need": "met"},
        },
        READY,
    ),
    Scenario(
        "the day the minimum is reached: ready and open",
        "2026-10-01",
        {
            "day_count": 30,
            "phase": "reconnect",
            "lock_reason": None,
            "contact_tools": "open",
            "verdict": "ready",
            "strategy": "reconnect",
        },
        READY,
    ),
    # --- Readiness ----------------------------------------------------------------
    Scenario(
        "ready: every part holds",
        "2026-10-05",
        {
            "verdict": "ready",
            "reasons": {
                "time": "met",
                "want_not_need": "met",
                "mood": "met",
                "desperation": "met",
                "crying": "met",
                "urges": "met",
                "no_recent_slip": None,
                "discipline": None,
            },
        },
        READY,
    ),
    Scenario(
        "no self-check yet: not yet, in the readiness phase",
        "2026-10-05",
        {
            "verdict": "not_yet",
            "reasons": {"want_not_need": "unmet", "time": "met"},
            "phase": "readiness",
            "lock_reason": "not_ready_yet",
        },
        checkins("2026-09-25", "2026-10-05"),
    ),
    Scenario(
        "a middling self-check: almost",
        "2026-10-05",
        {
            "verdict": "almost",
            "reasons": {"want_not_need": "close"},
            "lock_reason": "not_ready_yet",
        },
        [answers([4, 4, 4, 4, 4, 4, 3, 3, 3, 4]), *checkins("2026-09-25", "2026-10-05")],
    ),
    Scenario(
        "a low self-check: not yet",
        "2026-10-05",
        {"verdict": "not_yet", "reasons": {"want_not_need": "unmet"}},
        [answers([2] * 10), *checkins("2026-09-25", "2026-10-05")],
    ),
    Scenario(
        "too few check-ins to see a trend: almost",
        "2026-10-05",
        {"verdict": "almost", "reasons": {"checkins": "close", "mood": None}},
        [answers([5] * 10), *checkins("2026-10-03", "2026-10-05")],
    ),
    Scenario(
        "urges going up this week: almost",
        "2026-10-05",
        {"verdict": "almost", "reasons": {"urges": "close"}},
        [*READY, ev("2026-10-04 23:00", "urge", intensity=6, outcome="resisted")],
    ),
    Scenario(
        "low mood: not yet",
        "2026-10-05",
        {"verdict": "not_yet", "reasons": {"mood": "unmet"}},
        [answers([5] * 10), *checkins("2026-09-25", "2026-10-05", mood=2)],
    ),
    Scenario(
        "a slip in the last two weeks: not yet",
        "2026-10-05",
        {"verdict": "not_yet", "reasons": {"no_recent_slip": "unmet", "time": "unmet"}},
        [*READY, ev("2026-09-25 20:00", "slip")],
    ),
    Scenario(
        "a statement of intent with the discipline for it",
        "2026-10-05",
        {
            "strategy": "intent_statement",
            "verdict": "ready",
            "reasons": {"discipline": "met"},
            "phase": "reconnect",
            "lock_reason": None,
        },
        [*READY, ev("2026-09-28 13:00", "strategy", strategy="intent_statement")],
    ),
    Scenario(
        "a statement of intent without the discipline: not yet",
        "2026-10-05",
        {
            "verdict": "not_yet",
            "reasons": {"discipline": "unmet", "want_not_need": "met"},
            "phase": "readiness",
            "lock_reason": "not_ready_yet",
        },
        [
            answers([5] * 9 + [2]),
            *checkins("2026-09-25", "2026-10-20"),
            ev("2026-09-28 13:00", "strategy", strategy="intent_statement"),
        ],
    ),
    # --- Distress -------------------------------------------------------------------
    Scenario(
        "crying on 4 of the last 7 days pauses contact",
        "2026-10-05",
        {"distress": True, "lock_reason": "distress"},
        [*READY, *checkins("2026-10-02", "2026-10-05", cried=True, time="21:00")],
    ),
    Scenario(
        "crying on 3 of the last 7 days is not distress, and not ready yet",
        "2026-10-05",
        {"distress": False, "lock_reason": "not_ready_yet", "reasons": {"crying": "unmet"}},
        [*READY, *checkins("2026-10-03", "2026-10-05", cried=True, time="21:00")],
    ),
    Scenario(
        "crying days more than a week ago are not distress",
        "2026-10-05",
        {"distress": False, "lock_reason": None},
        [*READY, *checkins("2026-09-25", "2026-09-28", cried=True, time="21:00")],
    ),
    Scenario(
        "a desperation of 8 in the latest check-in pauses contact",
        "2026-10-05",
        {"distress": True, "lock_reason": "distress"},
        [*READY, ev("2026-10-05 21:00", "checkin", mood=3, desperation=8, cried=False)],
    ),
    Scenario(
        "a desperation of 7 is not distress",
        "2026-10-05",
        {"distress": False, "lock_reason": None},
        [*READY, ev("2026-10-05 21:00", "checkin", mood=3, desperation=7, cried=False)],
    ),
    Scenario(
        "an earlier 8 with a calmer latest check-in is not distress",
        "2026-10-05",
        {"distress": False},
        [*READY, ev("2026-10-03 21:00", "checkin", mood=3, desperation=9, cried=False)],
    ),
    # --- Attempts and the cooldown ---------------------------------------------------
    Scenario(
        "no reply: six days later the next attempt still waits",
        "2026-10-08",
        {"attempts_left": 2, "next_attempt_on": "2026-10-09", "lock_reason": "cooldown"},
        [*READY, attempt("2026-10-02 12:00", "no_reply")],
    ),
    Scenario(
        "no reply: seven days later it is open again",
        "2026-10-09",
        {"attempts_left": 2, "next_attempt_on": None, "lock_reason": None},
        [*READY, attempt("2026-10-02 12:00", "no_reply")],
    ),
    Scenario(
        "not ready: the same seven days",
        "2026-10-05",
        {"next_attempt_on": "2026-10-11", "lock_reason": "cooldown", "phase": "reconnect"},
        [*READY, attempt("2026-10-04 23:30", "not_ready")],
    ),
    Scenario(
        "a neutral reply needs no cooldown",
        "2026-10-05",
        {"attempts_left": 2, "next_attempt_on": None, "lock_reason": None},
        [*READY, attempt("2026-10-04 12:00", "neutral")],
    ),
    Scenario(
        "a positive reply resets the count of attempts",
        "2026-10-05",
        {"attempts_left": 2, "phase": "reconnect"},
        [
            *READY,
            attempt("2026-10-01 12:00", "neutral"),
            attempt("2026-10-02 12:00", "neutral"),
            attempt("2026-10-03 12:00", "positive"),
            attempt("2026-10-04 12:00", "neutral"),
        ],
    ),
    Scenario(
        "three attempts without a positive reply close everything",
        "2026-10-05",
        {"attempts_left": 0, "phase": "closed", "lock_reason": "attempt_limit"},
        [
            *READY,
            attempt("2026-10-01 12:00", "neutral"),
            attempt("2026-10-02 12:00", "neutral"),
            attempt("2026-10-03 12:00", "neutral"),
        ],
    ),
    Scenario(
        "the attempt limit comes before the cooldown",
        "2026-10-05",
        {"attempts_left": 0, "lock_reason": "attempt_limit", "next_attempt_on": "2026-10-10"},
        [
            *READY,
            attempt("2026-10-01 12:00", "not_ready"),
            attempt("2026-10-02 12:00", "no_reply"),
            attempt("2026-10-03 12:00", "no_reply"),
        ],
    ),
    Scenario(
        "they reached out after three attempts: the count starts again",
        "2026-10-05",
        {"attempts_left": 3, "phase": "reconnect", "lock_reason": None},
        [
            *READY,
            attempt("2026-10-01 12:00", "neutral"),
            attempt("2026-10-02 12:00", "neutral"),
            attempt("2026-10-03 12:00", "neutral"),
            ev("2026-10-04 09:00", "ex_contact", channel="text", tone="warm"),
        ],
    ),
    # --- Guardrails: what locks the contact tools, first reason wins --------------------
    Scenario(
        "asked for no contact: closed",
        "2026-10-05",
        {"phase": "closed", "lock_reason": "asked_no_contact", "attempts_left": 2},
        [*READY, attempt("2026-10-03 12:00", "asked_no_contact")],
    ),
    Scenario(
        "blocked: closed",
        "2026-10-05",
        {"phase": "closed", "lock_reason": "blocked"},
        [*READY, attempt("2026-10-03 12:00", "blocked")],
    ),
    Scenario(
        "asked for no contact comes before blocked",
        "2026-10-05",
        {"lock_reason": "asked_no_contact"},
        [
            *READY,
            attempt("2026-10-02 12:00", "blocked"),
            attempt("2026-10-03 12:00", "asked_no_contact"),
        ],
    ),
    Scenario(
        "blocked comes before the attempt limit",
        "2026-10-05",
        {"lock_reason": "blocked", "attempts_left": 0},
        [
            *READY,
            attempt("2026-10-01 12:00", "neutral"),
            attempt("2026-10-02 12:00", "neutral"),
            attempt("2026-10-03 12:00", "blocked"),
        ],
    ),
    Scenario(
        "the safety track comes before everything",
        "2026-10-05",
        {"phase": "safety", "lock_reason": "safety_track"},
        [*READY, attempt("2026-10-03 12:00", "asked_no_contact")],
        profile={"unsafe": True},
    ),
    Scenario(
        "the safety track from day one",
        "2026-09-03",
        {"phase": "safety", "lock_reason": "safety_track", "day_count": 2},
        profile={"unsafe": True, "goal": Goal.MOVE_ON},
    ),
    Scenario(
        "the attempt limit comes before a move-on goal",
        "2026-10-05",
        {"lock_reason": "attempt_limit"},
        [
            *READY,
            attempt("2026-10-01 12:00", "neutral"),
            attempt("2026-10-02 12:00", "neutral"),
            attempt("2026-10-03 12:00", "neutral"),
        ],
        profile={"goal": Goal.MOVE_ON},
    ),
    Scenario(
        "not sure: no contact tools, even after the minimum",
        "2026-10-05",
        {"phase": "readiness", "lock_reason": "not_contact_strategy", "strategy": None},
        READY,
        profile={"goal": Goal.UNSURE},
    ),
    Scenario(
        "moving on: no contact tools",
        "2026-10-05",
        {"phase": "readiness", "lock_reason": "not_contact_strategy", "strategy": "move_on"},
        READY,
        profile={"goal": Goal.MOVE_ON},
    ),
    Scenario(
        "a move-on strategy closes contact tools for a reconnect goal",
        "2026-10-05",
        {"phase": "readiness", "lock_reason": "not_contact_strategy", "strategy": "move_on"},
        [*READY, ev("2026-10-02 10:00", "strategy", strategy="move_on")],
    ),
    Scenario(
        "not sure comes before the minimum",
        "2026-09-13",
        {"phase": "no_contact", "lock_reason": "not_contact_strategy"},
        profile={"goal": Goal.UNSURE},
    ),
    Scenario(
        "the minimum comes before distress",
        "2026-09-20",
        {"distress": True, "lock_reason": "minimum_not_reached"},
        checkins("2026-09-14", "2026-09-20", cried=True),
    ),
    Scenario(
        "distress comes before not ready",
        "2026-10-05",
        {"distress": True, "lock_reason": "distress", "verdict": "not_yet"},
        checkins("2026-09-25", "2026-10-05", cried=True),
    ),
    Scenario(
        "not ready comes before the cooldown",
        "2026-10-05",
        {"lock_reason": "not_ready_yet", "next_attempt_on": "2026-10-11"},
        [*checkins("2026-09-25", "2026-10-05"), attempt("2026-10-04 12:00", "no_reply")],
    ),
    # --- Phases -----------------------------------------------------------------------
    Scenario(
        "they reached out before the minimum: not a slip, still No Contact",
        "2026-09-13",
        {"phase": "no_contact", "day_count": 12, "last_slip_on": None},
        [ev("2026-09-10 19:00", "ex_contact", channel="text", tone="warm")],
    ),
    Scenario(
        "they reached out after the minimum: reconnect, even before readiness",
        "2026-10-05",
        {"phase": "reconnect", "lock_reason": "not_ready_yet"},
        [ev("2026-10-03 19:00", "ex_contact", channel="text", tone="warm")],
    ),
    Scenario(
        "they reached out on the day the minimum was reached",
        "2026-10-05",
        {"phase": "reconnect"},
        [ev("2026-10-01 08:00", "ex_contact")],
    ),
    Scenario(
        "they reached out the day before the minimum: readiness",
        "2026-10-05",
        {"phase": "readiness"},
        [ev("2026-09-30 20:00", "ex_contact")],
    ),
    Scenario(
        "a meeting",
        "2026-10-05",
        {"phase": "meeting", "lock_reason": None},
        [*READY, ev("2026-10-04 19:00", "meeting", again_both_sides=True)],
    ),
    Scenario(
        "a meeting, then they asked for no contact: closed",
        "2026-10-05",
        {"phase": "closed", "lock_reason": "asked_no_contact"},
        [
            *READY,
            ev("2026-10-03 19:00", "meeting"),
            attempt("2026-10-04 12:00", "asked_no_contact"),
        ],
    ),
    Scenario(
        # The implementation reads "since the last reset" as: since the last
        # ex-initiated contact.
        "a meeting before their latest message no longer counts",
        "2026-10-05",
        {"phase": "reconnect"},
        [*READY, ev("2026-10-03 19:00", "meeting"), ev("2026-10-04 10:00", "ex_contact")],
    ),
    Scenario(
        "reunited",
        "2026-10-05",
        {"phase": "reunited"},
        [*READY, ev("2026-10-04 19:00", "outcome", outcome="reunited")],
    ),
    Scenario(
        "moved on",
        "2026-10-05",
        {"phase": "moved_on", "lock_reason": "not_contact_strategy"},
        [*READY, ev("2026-10-04 19:00", "outcome", outcome="moved_on")],
    ),
    Scenario(
        "the latest outcome wins",
        "2026-10-05",
        {"phase": "moved_on"},
        [
            *READY,
            ev("2026-10-02 19:00", "outcome", outcome="reunited"),
            ev("2026-10-04 19:00", "outcome", outcome="moved_on"),
        ],
    ),
    Scenario(
        "an outcome comes before closed",
        "2026-10-05",
        {"phase": "reunited", "lock_reason": "asked_no_contact"},
        [
            *READY,
            attempt("2026-10-03 12:00", "asked_no_contact"),
            ev("2026-10-04 19:00", "outcome", outcome="reunited"),
        ],
    ),
    Scenario(
        "safety comes before an outcome",
        "2026-10-05",
        {"phase": "safety"},
        [*READY, ev("2026-10-04 19:00", "outcome", outcome="reunited")],
        profile={"unsafe": True},
    ),
    Scenario(
        "they reached out after moving on: reopened",
        "2026-10-05",
        {"phase": "reconnect", "lock_reason": None},
        [
            *READY,
            ev("2026-10-03 19:00", "outcome", outcome="moved_on"),
            ev("2026-10-04 09:00", "ex_contact", channel="text", tone="warm"),
        ],
    ),
    Scenario(
        "they reached out before the outcome: it stays",
        "2026-10-05",
        {"phase": "moved_on"},
        [
            *READY,
            ev("2026-10-03 09:00", "ex_contact"),
            ev("2026-10-04 19:00", "outcome", outcome="moved_on"),
        ],
    ),
    Scenario(
        "they reached out after a block: reopened",
        "2026-10-05",
        {"phase": "reconnect", "lock_reason": None, "attempts_left": 3},
        [
            *READY,
            attempt("2026-10-02 12:00", "blocked"),
            ev("2026-10-03 09:00", "ex_contact", channel="text", tone="warm"),
        ],
    ),
    Scenario(
        "only they can reopen: a positive attempt after a block does not",
        "2026-10-05",
        {"phase": "closed", "lock_reason": "blocked", "attempts_left": 3},
        [*READY, attempt("2026-10-02 12:00", "blocked"), attempt("2026-10-03 12:00", "positive")],
    ),
    Scenario(
        "they reached out after asking for no contact: reopened",
        "2026-10-05",
        {"phase": "reconnect", "lock_reason": None, "attempts_left": 3},
        [
            *READY,
            attempt("2026-10-02 12:00", "asked_no_contact"),
            ev("2026-10-03 09:00", "ex_contact"),
        ],
    ),
    Scenario(
        # DESIGN.md dates the cooldown from the last no-reply attempt, whatever came after.
        "they reached out: the cooldown of an earlier no-reply still runs",
        "2026-10-05",
        {"attempts_left": 3, "lock_reason": "cooldown", "next_attempt_on": "2026-10-10"},
        [*READY, attempt("2026-10-03 12:00", "no_reply"), ev("2026-10-04 09:00", "ex_contact")],
    ),
    Scenario(
        "readiness: the minimum is reached, no self-check yet",
        "2026-10-01",
        {"phase": "readiness", "day_count": 30},
    ),
]


def test_it_has_a_table_big_enough_to_mean_something() -> None:
    assert len(SCENARIOS) >= 40
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_it_derives_the_state(scenario: Scenario) -> None:
    check(state_for(scenario), scenario.expect)


def test_it_writes_the_state_document_of_the_design() -> None:
    scenario = Scenario(
        "document",
        "2026-10-08",
        {},
        [*READY, attempt("2026-10-02 12:00", "no_reply")],
    )
    document = state_for(scenario).to_json()
    assert set(document) == {
        "phase",
        "day_count",
        "minimum_days",
        "minimum_reached_on",
        "longest_streak",
        "total_days",
        "strength",
        "readiness",
        "contact_tools",
        "lock_reason",
        "next_attempt_on",
        "attempts_left",
    }
    assert document["phase"] == "reconnect"
    assert document["minimum_reached_on"] == "2026-10-01"
    assert document["next_attempt_on"] == "2026-10-09"
    assert document["contact_tools"] == "locked"
    assert document["lock_reason"] == "cooldown"
    assert document["readiness"]["verdict"] == "ready"
    assert all(isinstance(text, str) and text for text in document["readiness"]["reasons"])
    assert document["strength"] == round(document["strength"], 2)


def test_it_explains_every_reason_with_its_numbers() -> None:
    state = state_for(Scenario("numbers", "2026-09-20", {}, READY))
    time_reason = next(r for r in state.readiness.reasons if r.code == "time")
    assert "19" in time_reason.text
    assert "30" in time_reason.text
    assert "2026-10-01" in time_reason.text
    assert "11" in time_reason.text  # days left


def test_it_dates_the_next_milestone_from_the_last_slip() -> None:
    state = state_for(Scenario("milestone", "2026-09-13", {}, [ev("2026-09-10 12:00", "slip")]))
    assert state.next_milestone == 7
    assert state.next_milestone_on == dt.date(2026, 9, 17)
    assert not state.minimum_reached


def test_it_orders_events_logged_at_the_same_instant_the_same_way_every_time() -> None:
    tz = ZoneInfo("Europe/Berlin")
    at = dt.datetime(2026, 9, 28, 12, 0, tzinfo=dt.UTC)
    log = [
        Event(EventKind.STRATEGY, at, {"strategy": "move_on"}),
        Event(EventKind.STRATEGY, at, {"strategy": "reconnect"}),
        Event(EventKind.ATTEMPT, at, {"route": "reach_out", "outcome": "positive"}),
        Event(EventKind.ATTEMPT, at, {"route": "reach_out", "outcome": "neutral"}),
        Event(EventKind.CHECKIN, at, {"mood": 1, "desperation": 9, "cried": True}),
        Event(EventKind.CHECKIN, at, {"mood": 5, "desperation": 0, "cried": False}),
    ]
    today = dt.date(2026, 10, 5)
    first = derive_state(make_profile(), log, today, tz)
    assert derive_state(make_profile(), list(reversed(log)), today, tz) == first
    swapped = [log[1], log[0], log[3], log[2], log[5], log[4]]
    assert derive_state(make_profile(), swapped, today, tz) == first


def test_it_orders_the_repeated_hour_of_a_dst_change_by_the_real_instant() -> None:
    # Berlin, 2026-10-25: 02:45 CEST happens before 02:30 CET.
    tz = ZoneInfo("Europe/Berlin")
    moved_on = dt.datetime(2026, 10, 25, 0, 45, tzinfo=dt.UTC)  # 02:45 CEST
    they_wrote = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # 02:30 CET, later
    today = dt.date(2026, 10, 26)
    for zone in (dt.UTC, tz):
        log = [
            Event(EventKind.OUTCOME, moved_on.astimezone(zone), {"outcome": "moved_on"}),
            Event(EventKind.EX_CONTACT, they_wrote.astimezone(zone), {"tone": "warm"}),
        ]
        state = derive_state(make_profile(), log, today, tz)
        assert state.phase == "reconnect", zone
