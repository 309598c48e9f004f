"""When an entry logged offline happened: the device's moment, checked against the server's.

An urge logged with no network is sent later (sometimes days later); it keeps the moment the
person logged it, as long as that moment is believable: not ahead of now (beyond a little
clock skew) and not older than ``rules.OFFLINE_ENTRY_MAX_AGE_DAYS``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from nocontact.core import rules


class EntryTimeProblem(StrEnum):
    NAIVE = "naive"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"


class InvalidEntryTime(ValueError):
    def __init__(self, problem: EntryTimeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def offline_entry_time(logged_at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """The moment to record: ``now`` without a device moment, else the checked device moment.

    Raises ``InvalidEntryTime`` for a moment without a time zone, in the future or too old.
    """
    if logged_at is None:
        return now
    if logged_at.tzinfo is None or logged_at.utcoffset() is None:
        raise InvalidEntryTime(EntryTimeProblem.NAIVE)
    if logged_at > now + dt.timedelta(minutes=rules.OFFLINE_CLOCK_SKEW_MINUTES):
        raise InvalidEntryTime(EntryTimeProblem.IN_FUTURE)
    if logged_at < now - dt.timedelta(days=rules.OFFLINE_ENTRY_MAX_AGE_DAYS):
        raise InvalidEntryTime(EntryTimeProblem.TOO_OLD)
    return min(logged_at, now)
