"""Which dates go into the calendar feed.

Pure rules over the derived state and the profile; the ICS itself is written by
``nocontact.reminders.feed``. A calendar is often on a lock screen or shared, so
entries carry a kind and a number, never a name: the adapter words them discreetly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from nocontact.core import rules
from nocontact.core.model import LockReason, Phase, Profile
from nocontact.core.program import ProgramState

# The guardrails that end contact for this breakup (or never allow it): while one
# holds, nothing about reaching out, not even the end of a cooldown, is shown.
CONTACT_CLOSED = frozenset(
    {
        LockReason.SAFETY_TRACK,
        LockReason.ASKED_NO_CONTACT,
        LockReason.BLOCKED,
        LockReason.ATTEMPT_LIMIT,
        LockReason.NOT_CONTACT_STRATEGY,
    }
)
# No Contact milestones mean nothing once the two are back together.
NO_MILESTONE_PHASES = frozenset({Phase.REUNITED})


class EntryKind(StrEnum):
    MILESTONE = "milestone"
    MINIMUM_REACHED = "minimum_reached"
    COOLDOWN_ENDS = "cooldown_ends"
    OCCASION = "occasion"
    HARD_DATE_PLAN = "hard_date_plan"
    HARD_DATE = "hard_date"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One all-day event. ``key`` is stable while the date means the same thing."""

    kind: EntryKind
    day: dt.date
    key: str
    days: int | None = None  # the milestone's number of days


def calendar_entries(profile: Profile, state: ProgramState) -> list[CalendarEntry]:
    """Every date of the feed, in date order."""
    entries: list[CalendarEntry] = []
    start = state.start_date.isoformat()

    # 1. Milestones of the current run (a slip starts a new run, with new keys).
    if state.phase not in NO_MILESTONE_PHASES:
        for days in rules.MILESTONE_DAYS:
            day = rules.add_days(state.start_date, days)
            entries.append(CalendarEntry(EntryKind.MILESTONE, day, f"m{days}-{start}", days))

    # 2. The minimum period: never on the safety track, where it is not a door.
    if not profile.unsafe and state.phase not in NO_MILESTONE_PHASES:
        entries.append(
            CalendarEntry(EntryKind.MINIMUM_REACHED, state.minimum_reached_on, f"min-{start}")
        )

    # 3. The end of a cooldown, and occasions: only where contact is possible at all;
    # an occasion of theirs, only while the contact tools are open.
    contact_possible = state.lock_reason not in CONTACT_CLOSED and not profile.unsafe
    if contact_possible and state.next_attempt_on is not None:
        day = state.next_attempt_on
        entries.append(CalendarEntry(EntryKind.COOLDOWN_ENDS, day, f"cool-{day.isoformat()}"))
    if state.contact_tools_open and not profile.unsafe:
        for index, occasion in enumerate(profile.occasions):
            key = f"occ-{occasion.date.isoformat()}-{index}"
            entries.append(CalendarEntry(EntryKind.OCCASION, occasion.date, key))

    # 4. Hard dates are the user's own: always there, the plan a few days ahead.
    for index, hard in enumerate(profile.hard_dates):
        key = f"{hard.date.isoformat()}-{index}"
        ahead = rules.add_days(hard.date, -rules.HARD_DATE_PLAN_LEAD_DAYS)
        entries.append(CalendarEntry(EntryKind.HARD_DATE_PLAN, ahead, f"plan-{key}"))
        entries.append(CalendarEntry(EntryKind.HARD_DATE, hard.date, f"hard-{key}"))

    entries.sort(key=lambda e: (e.day, e.kind, e.key))
    return entries
