"""An event's ``at``: read as the schema documents it, then checked by the core.

The shape (``schemas.MOMENT``) is matched here rather than by pydantic, so that each
problem gets its own kind sentence instead of a regular expression.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from django.utils import timezone
from django.utils.translation import gettext

from nocontact.api.errors import ApiError
from nocontact.api.schemas import MOMENT_BODY
from nocontact.core.moments import InvalidMoment, MomentProblem, past_moment
from nocontact.journey import repository
from nocontact.journey.models import Breakup

# The same moment without its offset: a clock time that could be anywhere.
_NAIVE: Final = re.compile(MOMENT_BODY.rsplit("(?:Z|", 1)[0])
_SHAPE: Final = re.compile(MOMENT_BODY)
EXAMPLE: Final = "2026-11-22T21:30:00+01:00"


def _refused(message: str) -> ApiError:
    return ApiError(422, message, details=[{"field": "at", "message": message}])


def _problem_text(problem: MomentProblem) -> str:
    if problem is MomentProblem.NAIVE:
        return gettext("Please add the time zone offset to the moment, like {example}.").format(
            example=EXAMPLE
        )
    if problem is MomentProblem.IN_FUTURE:
        return gettext("That moment hasn't come yet. Please give a time that has passed.")
    return gettext("That is before the breakup. Please give a date since then.")


def moment_of(breakup: Breakup, raw: str | None) -> dt.datetime | None:
    """The moment to record (None: now), or 422 with what to change."""
    if raw is None:
        return None
    if not _SHAPE.fullmatch(raw):
        if _NAIVE.fullmatch(raw):
            raise _refused(_problem_text(MomentProblem.NAIVE))
        raise _refused(
            gettext("Please give the moment as ISO 8601 with its offset, like {example}.").format(
                example=EXAMPLE
            )
        )
    try:
        at = dt.datetime.fromisoformat(raw)
    except ValueError:  # the right shape, but no such day (a 30 February)
        raise _refused(gettext("There is no such day in the calendar.")) from None
    tz = repository.user_tz(breakup.user)
    try:
        return past_moment(at, timezone.now(), tz, breakup.breakup_date)
    except InvalidMoment as error:
        raise _refused(_problem_text(error.problem)) from None
