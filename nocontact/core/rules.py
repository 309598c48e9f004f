"""Every number of the program, named, in one place.

DESIGN.md is the source of these values; change them here and only here.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from nocontact.core.model import Profile

# --- No Contact: the minimum period -----------------------------------------
BASE_MINIMUM_DAYS: Final = 30
LONG_RELATIONSHIP_MONTHS: Final = 12
LONG_RELATIONSHIP_EXTRA_DAYS: Final = 7
VERY_LONG_RELATIONSHIP_MONTHS: Final = 36
# Replaces the 7 extra days above; the two are not added together.
VERY_LONG_RELATIONSHIP_EXTRA_DAYS: Final = 14
DAYS_PER_INTENSITY_LEVEL: Final = 7
MAX_INTENSITY: Final = 3

# --- Strength: an exponential moving average of clean days (Loop's habit score)
STRENGTH_DAILY_FACTOR: Final = 0.5 ** (1 / 13)
CLEAN_DAY_VALUE: Final = 1.0
CHECKED_ON_THEM_DAY_VALUE: Final = 0.5
SLIP_DAY_VALUE: Final = 0.0

MILESTONE_DAYS: Final = (1, 3, 7, 14, 21, 30, 45, 60, 90, 180, 365)

# --- Urge SOS -------------------------------------------------------------
SOS_DELAY_MINUTES: Final = 10
URGE_INTENSITY_RANGE: Final = (1, 10)

# --- Daily check-in ranges -------------------------------------------------
MOOD_RANGE: Final = (1, 5)
DESPERATION_RANGE: Final = (0, 10)
LIFE_CONTROL_RANGE: Final = (1, 5)
SLEEP_HOURS_RANGE: Final = (0, 24)

# --- Unsent letters: the cool-off queue ----------------------------------------
COOL_OFF_HOURS: Final = 24

# --- Readiness ---------------------------------------------------------------
READINESS_STATEMENT_COUNT: Final = 10
READINESS_ANSWER_RANGE: Final = (1, 5)
READINESS_WANT_SCORE_READY: Final = 4.0  # mean agreement, 1-5
READINESS_WANT_SCORE_ALMOST: Final = 3.5
READINESS_DISCIPLINE_READY: Final = 4  # the discipline statement, for route D
READINESS_TIME_ALMOST_DAYS: Final = 7  # "almost" when the minimum is this close
WELLBEING_WINDOW_DAYS: Final = 14
WELLBEING_MIN_CHECKINS: Final = 5
WELLBEING_MOOD_READY: Final = 3.0
WELLBEING_MOOD_ALMOST: Final = 2.5
WELLBEING_DESPERATION_READY: Final = 4.0
WELLBEING_DESPERATION_ALMOST: Final = 5.5
CRYING_WINDOW_DAYS: Final = 7
CRYING_DAYS_READY: Final = 1
CRYING_DAYS_ALMOST: Final = 2
NO_SLIP_WINDOW_DAYS: Final = 14
URGE_TREND_WINDOW_DAYS: Final = 7  # this week's urges against the week before
READINESS_ASK_INTERVAL_DAYS: Final = 1

# --- Wellbeing guardrail: high distress pauses contact tools ------------------
DISTRESS_WINDOW_DAYS: Final = 7
DISTRESS_CRYING_DAYS: Final = 4  # "crying most days" of the last 7
DISTRESS_DESPERATION: Final = 8  # the latest check-in in the window

# --- Attempts ------------------------------------------------------------------
ATTEMPT_COOLDOWN_DAYS: Final = 7
MAX_ATTEMPTS_WITHOUT_POSITIVE_REPLY: Final = 3


def minimum_no_contact_days(relationship_months: int, intensity: int) -> int:
    """The minimum No Contact period for a relationship; nothing shortens it.

    30 days, plus 7 when together more than 12 months or 14 when more than 36
    (one or the other), plus 7 for each level of how heated the end was.
    """
    days = BASE_MINIMUM_DAYS
    if relationship_months > VERY_LONG_RELATIONSHIP_MONTHS:
        days += VERY_LONG_RELATIONSHIP_EXTRA_DAYS
    elif relationship_months > LONG_RELATIONSHIP_MONTHS:
        days += LONG_RELATIONSHIP_EXTRA_DAYS
    days += DAYS_PER_INTENSITY_LEVEL * max(0, min(intensity, MAX_INTENSITY))
    return days


def minimum_days_for(profile: Profile) -> int:
    return minimum_no_contact_days(profile.relationship_months, profile.intensity)


def next_milestone(day_count: int) -> int | None:
    """The next milestone still ahead (strictly more days than today), if any."""
    for days in MILESTONE_DAYS:
        if days > day_count:
            return days
    return None


def reached_milestone(day_count: int) -> int | None:
    """The milestone reached exactly today, if today is one."""
    return day_count if day_count in MILESTONE_DAYS else None


def strength_step(previous: float, day_value: float) -> float:
    return previous * STRENGTH_DAILY_FACTOR + day_value * (1 - STRENGTH_DAILY_FACTOR)


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


# --- Reminders and the calendar feed -------------------------------------------------
# A hard date shows up in the calendar this many days ahead, with its coping plan ready.
HARD_DATE_PLAN_LEAD_DAYS: Final = 3
# The e-mail about a hard date comes the day before it.
HARD_DATE_REMINDER_LEAD_DAYS: Final = 1
# The local time reminders go out, until the user picks their own.
DEFAULT_REMINDER_TIME: Final = dt.time(21, 0)
# An urge logged while offline keeps the moment it was logged, within these bounds.
OFFLINE_ENTRY_MAX_AGE_DAYS: Final = 14
# A phone's clock may run a little ahead of the server's: a moment this far ahead is "now"
# (an entry logged offline, and an event's "at" sent through the API: core/moments.py).
OFFLINE_CLOCK_SKEW_MINUTES: Final = 5
