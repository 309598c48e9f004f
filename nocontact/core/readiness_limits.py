"""How often "am I ready?" can be asked: at most once a day.

Answering the self-check again and again until it says "ready" would turn an
honest look inward into a slot machine. One answer per local day keeps it a
reflection; the page shows the date the next one is welcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from nocontact.core import rules
from nocontact.core.clock import local_date
from nocontact.core.model import Event, EventKind

__all__ = ["last_readiness_answers_on", "next_readiness_check_on"]


def next_readiness_check_on(
    last_answers_at_local_date: dt.date | None, today: dt.date
) -> dt.date | None:
    """The date the self-check can be taken again, or ``None`` when it can be today.

    ``last_answers_at_local_date`` is the user's local date of their latest
    answers (``None`` when they never answered).
    """
    if last_answers_at_local_date is None:
        return None
    next_on = last_answers_at_local_date + dt.timedelta(days=rules.READINESS_ASK_INTERVAL_DAYS)
    return next_on if next_on > today else None


def last_readiness_answers_on(
    events: Iterable[Event], tz: dt.tzinfo, today: dt.date
) -> dt.date | None:
    """The local date of the latest readiness answers up to today, if any."""
    days = [
        local_date(event.at, tz) for event in events if event.kind is EventKind.READINESS_ANSWERS
    ]
    lived = [day for day in days if day <= today]
    return max(lived) if lived else None
