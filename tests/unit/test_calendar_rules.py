"""Which dates go into the calendar feed, and which must never."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from nocontact.core import rules
from nocontact.core.calendar import CalendarEntry, EntryKind, calendar_entries
from nocontact.core.model import (
    EndedBy,
    Event,
    EventKind,
    Goal,
    HardDate,
    LockReason,
    Occasion,
    Profile,
)
from nocontact.core.program import ProgramState, derive_state

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = dt.date(2026, 11, 30)
BREAKUP = dt.date(2026, 11, 1)
BIRTHDAY = dt.date(2027, 3, 2)
ANNIVERSARY = dt.date(2026, 12, 24)


def profile(**overrides: object) -> Profile:
    fields: dict[str, object] = {
        "ex_nickname": "Sam",
        "breakup_date": BREAKUP,
        "relationship_months": 6,
        "ended_by": EndedBy.THEM,
        "intensity": 0,
        "goal": Goal.RECONNECT,
        "occasions": (Occasion("Sam's birthday", BIRTHDAY),),
        "hard_dates": (HardDate("Our anniversary", ANNIVERSARY, "Call Mira"),),
    }
    fields.update(overrides)
    return Profile(**fields)  # type: ignore[arg-type]


def state_of(p: Profile, events: tuple[Event, ...] = (), **overrides: object) -> ProgramState:
    state = derive_state(p, events, TODAY, BERLIN)
    return dataclasses.replace(state, **overrides)  # type: ignore[arg-type]


def kinds(entries: list[CalendarEntry]) -> dict[EntryKind, list[dt.date]]:
    found: dict[EntryKind, list[dt.date]] = {}
    for entry in entries:
        found.setdefault(entry.kind, []).append(entry.day)
    return found


def test_it_lists_every_milestone_and_the_day_the_minimum_is_reached() -> None:
    p = profile()
    found = kinds(calendar_entries(p, state_of(p)))
    assert found[EntryKind.MILESTONE] == [
        BREAKUP + dt.timedelta(days=d) for d in rules.MILESTONE_DAYS
    ]
    assert found[EntryKind.MINIMUM_REACHED] == [BREAKUP + dt.timedelta(days=30)]


def test_it_starts_the_milestones_again_after_a_slip_with_new_uids() -> None:
    p = profile()
    before = calendar_entries(p, state_of(p))
    slip = Event(EventKind.SLIP, dt.datetime(2026, 11, 20, 12, tzinfo=BERLIN), {"channel": "text"})
    after = calendar_entries(p, state_of(p, (slip,)))
    milestones = [e for e in after if e.kind is EntryKind.MILESTONE]
    assert milestones[0].day == dt.date(2026, 11, 21)
    assert {e.key for e in milestones}.isdisjoint({e.key for e in before})


def test_it_gives_stable_keys_for_the_same_dates() -> None:
    p = profile()
    assert calendar_entries(p, state_of(p)) == calendar_entries(p, state_of(p))


def test_it_shows_a_hard_date_and_its_plan_a_few_days_ahead() -> None:
    p = profile()
    found = kinds(calendar_entries(p, state_of(p)))
    assert found[EntryKind.HARD_DATE] == [ANNIVERSARY]
    ahead = ANNIVERSARY - dt.timedelta(days=rules.HARD_DATE_PLAN_LEAD_DAYS)
    assert found[EntryKind.HARD_DATE_PLAN] == [ahead]


def test_it_shows_an_occasion_only_while_the_contact_tools_are_open() -> None:
    p = profile()
    assert EntryKind.OCCASION not in kinds(calendar_entries(p, state_of(p)))  # minimum ahead
    opened = state_of(p, lock_reason=None)
    assert kinds(calendar_entries(p, opened))[EntryKind.OCCASION] == [BIRTHDAY]


@pytest.mark.parametrize(
    "reason",
    [
        LockReason.ASKED_NO_CONTACT,
        LockReason.BLOCKED,
        LockReason.ATTEMPT_LIMIT,
        LockReason.NOT_CONTACT_STRATEGY,
        LockReason.COOLDOWN,
        LockReason.DISTRESS,
    ],
)
def test_it_hides_their_occasions_whenever_contact_is_locked(reason: LockReason) -> None:
    p = profile()
    state = state_of(p, lock_reason=reason)
    assert EntryKind.OCCASION not in kinds(calendar_entries(p, state))


def test_it_shows_when_the_cooldown_ends_unless_contact_is_closed() -> None:
    p = profile()
    cooling = state_of(p, lock_reason=LockReason.COOLDOWN, next_attempt_on=dt.date(2026, 12, 3))
    assert kinds(calendar_entries(p, cooling))[EntryKind.COOLDOWN_ENDS] == [dt.date(2026, 12, 3)]
    for reason in (LockReason.ASKED_NO_CONTACT, LockReason.BLOCKED, LockReason.ATTEMPT_LIMIT):
        closed = dataclasses.replace(cooling, lock_reason=reason)
        assert EntryKind.COOLDOWN_ENDS not in kinds(calendar_entries(p, closed))


def test_it_shows_nothing_about_contact_on_the_safety_track() -> None:
    p = profile(unsafe=True)
    state = state_of(p, lock_reason=None, next_attempt_on=dt.date(2026, 12, 3))  # even so
    found = kinds(calendar_entries(p, state))
    assert EntryKind.OCCASION not in found
    assert EntryKind.COOLDOWN_ENDS not in found
    assert EntryKind.MINIMUM_REACHED not in found
    # The user's own dates stay: milestones and hard dates.
    assert EntryKind.MILESTONE in found
    assert EntryKind.HARD_DATE_PLAN in found


def test_it_lists_the_entries_in_date_order() -> None:
    p = profile()
    days = [e.day for e in calendar_entries(p, state_of(p, lock_reason=None))]
    assert days == sorted(days)
