"""When something happened, as a person gives it by hand: a moment that has passed, since the breakup.

The API's ``at`` asks of a moment what the web's "earlier" slip and the CLI's ``--at`` ask:
that it carries its offset, that it has come (a clock a little ahead is forgiven, as for an
entry logged offline), and that it is not before the day of the breakup on the user's own clock.
Its text is RFC 3339 (``SHAPE``), what JSON Schema calls a date-time, with its offset.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Final

from nocontact.core import rules

# RFC 3339 with its offset, digits spelled [0-9] so that every regex engine reads it alike;
# no year 0000 (there is none in the calendar Python knows).
_DAY: Final = (
    r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
    r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
)
_CLOCK: Final = r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
SHAPE: Final = _DAY + _CLOCK + r"(?:Z|[+\-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
_SHAPED: Final = re.compile(SHAPE)
_NAIVE: Final = re.compile(_DAY + _CLOCK)


class MomentProblem(StrEnum):
    UNREADABLE = "unreadable"
    NO_SUCH_DAY = "no_such_day"
    NAIVE = "naive"
    IN_FUTURE = "in_future"
    BEFORE_BREAKUP = "before_breakup"


class InvalidMoment(ValueError):
    def __init__(self, problem: MomentProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def read_moment(text: str) -> dt.datetime:
    """The moment ``text`` (matched in full against ``SHAPE``) names, or ``InvalidMoment``."""
    if not _SHAPED.fullmatch(text):
        naive = _NAIVE.fullmatch(text)
        raise InvalidMoment(MomentProblem.NAIVE if naive else MomentProblem.UNREADABLE)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:  # the right shape, but a 30 February
        raise InvalidMoment(MomentProblem.NO_SUCH_DAY) from None


def past_moment(
    at: dt.datetime, now: dt.datetime, tz: dt.tzinfo, breakup_date: dt.date
) -> dt.datetime:
    """``at`` as it will be recorded: never later than ``now``.

    Raises ``InvalidMoment`` for a moment without an offset, one still ahead (beyond
    ``rules.OFFLINE_CLOCK_SKEW_MINUTES``), or one on a day before ``breakup_date``.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidMoment(MomentProblem.NAIVE)
    if at > now + dt.timedelta(minutes=rules.OFFLINE_CLOCK_SKEW_MINUTES):
        raise InvalidMoment(MomentProblem.IN_FUTURE)
    try:
        day = at.astimezone(tz).date()
    except OverflowError:  # the first hours of year 1: long before any breakup
        raise InvalidMoment(MomentProblem.BEFORE_BREAKUP) from None
    if day < breakup_date:
        raise InvalidMoment(MomentProblem.BEFORE_BREAKUP)
    return min(at, now)
