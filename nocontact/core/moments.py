"""When something happened, as a person gives it by hand: a moment that has passed, since the breakup.

The API's ``at`` asks of a moment what the web's "earlier" slip and the CLI's ``--at`` ask:
that it carries its offset, that it has come (a clock a little ahead is forgiven, as for an
entry logged offline), and that it is not before the day of the breakup on the user's own clock.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from nocontact.core import rules


class MomentProblem(StrEnum):
    NAIVE = "naive"
    IN_FUTURE = "in_future"
    BEFORE_BREAKUP = "before_breakup"


class InvalidMoment(ValueError):
    def __init__(self, problem: MomentProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


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
