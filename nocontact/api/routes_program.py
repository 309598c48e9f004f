"""Where you are (state), the message coach, and your data (export)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router

from nocontact.api.common import (
    AUTH,
    BODY,
    NEEDS_BREAKUP,
    WORDS,
    breakup_of,
    crisis_resources,
    refuse_sealed_words,
    user_of,
)
from nocontact.api.errors import ApiError
from nocontact.api.schemas import CoachIn, CoachOut, ErrorOut, ExportOut, StateOut
from nocontact.core.coach import Route
from nocontact.journey import portability, repository
from nocontact.web.coach_review import review
from nocontact.web.views.coach import coach_closed, lock_context, now_for

router = Router()


@router.get("/state", response={200: StateOut, **NEEDS_BREAKUP, **AUTH}, tags=["state"])
def get_state(request: HttpRequest) -> Any:
    """The derived state of your active breakup today: ``nocontact state --json``."""
    return repository.program_state(breakup_of(request)).to_json()


@router.post(
    "/coach",
    response={200: CoachOut, 403: ErrorOut, **NEEDS_BREAKUP, **AUTH, **BODY},
    tags=["coach"],
)
def coach(request: HttpRequest, payload: CoachIn) -> Any:
    """The message coach on a draft: ``nocontact coach --json``. Nothing is ever sent.

    A contact tool: 403 while the tools are closed (an unsent letter, ``letter: true``,
    is still read under the soft locks). Words of self-harm stop the coaching and
    bring the crisis resources, whatever the lock.
    """
    breakup = breakup_of(request)
    send_at = (
        dt.time.fromisoformat(payload.send_at) if payload.send_at else now_for(user_of(request))
    )
    result = review(payload.text, Route(payload.route), send_at, payload.unanswered)
    if not result.stop_coaching:
        note = coach_closed(repository.program_state(breakup), payload.letter)
        if note is not None:
            lock = lock_context(note)
            raise ApiError(403, f"{lock['title']}. {lock['text']}", lock_reason=lock["reason"])
    return {
        **result.to_json(),
        "crisis_resources": crisis_resources() if result.stop_coaching else [],
    }


@router.get("/export", response={200: ExportOut, **AUTH, **WORDS}, tags=["export"])
def export(request: HttpRequest) -> Any:
    """Everything of yours, as the JSON export of the app (the input of ``nocontact state``)."""
    refuse_sealed_words(user_of(request))
    return portability.export_for(user_of(request))
