"""schemathesis hooks for run_schemathesis.sh: an event's ``at`` that the server can accept.

A schema cannot say "not in the future" or "not before the breakup": a date-time that the
schema allows (the year 2150, the year 1000) is refused with 422, rightly. So a *schema-valid*
``at`` (one ``core.moments.read_moment`` reads) is moved into the last week, keeping its
offset; an ``at`` the schema refuses is left as it is, so negative cases stay negative.
Everything else schemathesis generates, and every check, is untouched; the refusals of a
moment still ahead or before the breakup are tested in tests/integration/test_api_event_moments.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import schemathesis

from nocontact.core.moments import InvalidMoment, read_moment

WEEK_SECONDS = 7 * 24 * 3600


def recent(at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """A moment of the last week, chosen by ``at`` (so the same case gives the same moment)."""
    back = int(at.timestamp()) % WEEK_SECONDS + 60  # at least a minute ago
    return (now - dt.timedelta(seconds=back)).astimezone(at.tzinfo)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("at"), str):
        try:
            at = read_moment(body["at"])
        except InvalidMoment:
            return case  # not a moment the schema allows: a negative case stays one
        text = recent(at, dt.datetime.now(dt.UTC)).isoformat()
        body["at"] = text.replace("+00:00", "Z") if body["at"].endswith("Z") else text
    return case
