"""An event's ``at``: read as the schema documents it, then checked by the core.

The shape (``core.moments.SHAPE``, documented as ``schemas.MOMENT``) is matched here
rather than by pydantic, so that each problem gets its own kind sentence instead of a
regular expression.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from django.utils import timezone
from django.utils.translation import gettext

from nocontact.api.errors import ApiError
from nocontact.core.moments import InvalidMoment, MomentProblem, past_moment, read_moment
from nocontact.journey import repository
from nocontact.journey.models import Breakup

EXAMPLE: Final = "2026-11-22T21:30:00+01:00"


def _text(problem: MomentProblem) -> str:
    if problem is MomentProblem.UNREADABLE:
        return gettext(
            "Please give the moment as ISO 8601 with its offset, like {example}."
        ).format(example=EXAMPLE)
    if problem is MomentProblem.NAIVE:
        return gettext("Please add the time zone offset to the moment, like {example}.").format(
            example=EXAMPLE
        )
    if problem is MomentProblem.NO_SUCH_DAY:
        return gettext("There is no such day in the calendar.")
    if problem is MomentProblem.IN_FUTURE:
        return gettext("That moment hasn't come yet. Please give a time that has passed.")
    return gettext("That is before the breakup. Please give a date since then.")


def moment_of(breakup: Breakup, raw: str | None) -> dt.datetime | None:
    """The moment to record (None: now), or 422 with what to change."""
    if raw is None:
        return None
    try:
        at = read_moment(raw)
        return past_moment(
            at, timezone.now(), repository.user_tz(breakup.user), breakup.breakup_date
        )
    except InvalidMoment as error:
        message = _text(error.problem)
        raise ApiError(422, message, details=[{"field": "at", "message": message}]) from None
