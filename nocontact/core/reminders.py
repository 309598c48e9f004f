"""Which e-mail reminders are due, and when, in the user's own time zone.

A reminder belongs to a *local date*: the worker creates at most one row per
(user, kind, local date), so a 21:00 reminder goes out once per day the user
lives, also on the 23- and 25-hour days of a DST change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from nocontact.core import rules


class ReminderKind(StrEnum):
    DAILY_CHECKIN = "daily_checkin"
    MILESTONE = "milestone"
    HARD_DATE = "hard_date"


@dataclass(frozen=True, slots=True)
class ReminderChoice:
    """What the user asked for: which reminders, and the local time they come."""

    daily_checkin: bool = False
    milestones: bool = False
    hard_dates: bool = False
    send_at: dt.time = rules.DEFAULT_REMINDER_TIME

    @property
    def any(self) -> bool:
        return self.daily_checkin or self.milestones or self.hard_dates

    def wants(self, kind: ReminderKind) -> bool:
        return {
            ReminderKind.DAILY_CHECKIN: self.daily_checkin,
            ReminderKind.MILESTONE: self.milestones,
            ReminderKind.HARD_DATE: self.hard_dates,
        }[kind]


@dataclass(frozen=True, slots=True)
class JourneyDates:
    """What the reminders need to know of the breakup: no names, only dates."""

    start_date: dt.date | None = None  # the day the current No Contact run began
    hard_dates: tuple[dt.date, ...] = ()
    checked_in_today: bool = False


@dataclass(frozen=True, slots=True)
class DueReminder:
    kind: ReminderKind
    local_date: dt.date
    days: int | None = None  # the milestone reached, for its text


def send_instant(day: dt.date, at: dt.time, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant of ``at`` on the local ``day``.

    A wall time that happens twice (autumn) means its first occurrence; one that
    does not exist (spring, inside the gap) means the moment the clocks jump to
    just after it, so every local day has exactly one send instant.
    """
    wall = dt.datetime.combine(day, at).replace(tzinfo=tz, fold=0)
    instant = wall.astimezone(dt.UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        # In the gap: fold=1 reads the wall time with the offset after the jump,
        # which lands earlier in UTC; the later of the two is the real moment.
        later = wall.replace(fold=1).astimezone(dt.UTC)
        instant = max(instant, later)
    return instant


def milestone_on(start_date: dt.date | None, day: dt.date) -> int | None:
    """The milestone the user reaches on ``day``, if ``day`` is one."""
    if start_date is None:
        return None
    return rules.reached_milestone((day - start_date).days)


def reminders_due(
    choice: ReminderChoice, journey: JourneyDates, now: dt.datetime, tz: dt.tzinfo
) -> list[DueReminder]:
    """Today's reminders (in the user's zone) whose local time has come.

    Only the current local day counts: a worker that was down all night sends
    today's reminders late, never yesterday's.
    """
    today = now.astimezone(tz).date()
    if not choice.any or now < send_instant(today, choice.send_at, tz):
        return []
    due: list[DueReminder] = []
    if choice.daily_checkin and not journey.checked_in_today:
        due.append(DueReminder(ReminderKind.DAILY_CHECKIN, today))
    milestone = milestone_on(journey.start_date, today)
    if choice.milestones and milestone is not None:
        due.append(DueReminder(ReminderKind.MILESTONE, today, milestone))
    tomorrow = rules.add_days(today, rules.HARD_DATE_REMINDER_LEAD_DAYS)
    if choice.hard_dates and tomorrow in journey.hard_dates:
        due.append(DueReminder(ReminderKind.HARD_DATE, today))
    return due
