"""Dates as the user lives them: local days in the user's own time zone.

Every timestamp is stored in UTC; a day boundary is midnight where the user is.
Working with ``datetime.date`` values after one conversion keeps the day
arithmetic DST-safe (a 23- or 25-hour day is still one day).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = [
    "UnknownTimeZone",
    "days_between",
    "is_valid_timezone",
    "local_date",
    "local_now",
    "timezone",
]


class UnknownTimeZone(ValueError):
    pass


@lru_cache(maxsize=64)
def timezone(name: str) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name, or ``UnknownTimeZone``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZone(name) from exc


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_timezone(name: str) -> bool:
    """A name ``available_timezones()`` lists, without walking the zone directory.

    The walk opens every zone file (a noticeable part of a one-shot command's
    start-up); loading the one zone asked for answers the same question.
    """
    if name == "posixrules" or name.startswith(("posix/", "right/")):
        return False  # files in the zone directory that available_timezones() leaves out
    try:
        timezone(name)
    except UnknownTimeZone:
        return False
    return True


def local_date(at: dt.datetime, tz: dt.tzinfo) -> dt.date:
    """The calendar date the user saw on their clock at ``at``."""
    if at.tzinfo is None:
        raise ValueError("local_date needs an aware datetime")
    return at.astimezone(tz).date()


def local_now(tz: dt.tzinfo, now: dt.datetime | None = None) -> dt.datetime:
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(tz)


def days_between(start: dt.date, end: dt.date) -> int:
    """Whole days from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    return (end - start).days
