"""The event log: list, read one, and log each kind.

Every value goes through ``repository.record_event`` (the core's checks). Every
guardrail is the web's own function: the contact tools follow
``contact_tools_offered``, the routes ``routes_for``, the strategy
``strategy_offered``, the outcomes ``allowed_outcomes``, the self-check
``next_readiness_check_on``. A refusal is 403 (closed) or 409 (not now).
The day-to-day kinds take an optional ``at`` (api/moments.py, core/moments.py).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nocontact.accounts import vault
from nocontact.api import schemas_events as s
from nocontact.api.common import (
    AUTH,
    BODY,
    NEEDS_BREAKUP,
    WORDS,
    breakup_of,
    locked,
    page_of,
    user_of,
)
from nocontact.api.errors import ApiError, invalid_event
from nocontact.api.moments import moment_of
from nocontact.api.schemas import (
    MAX_PAGE,
    ErrorOut,
    In,
    LoggedKind,
    ObjectId,
    ValidationErrorOut,
)
from nocontact.core import clock
from nocontact.core.events import InvalidEvent
from nocontact.core.model import EventKind, LockReason, Route
from nocontact.core.program import ProgramState
from nocontact.core.readiness_limits import next_readiness_check_on
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Event
from nocontact.web.views.outcome import allowed_outcomes
from nocontact.web.views.program import latest_answers, strategy_offered
from nocontact.web.views.program_texts import contact_tools_offered
from nocontact.web.views.routes import routes_for

router = Router(tags=["events"])


def event_out(row: Event) -> dict[str, Any]:
    # A note sealed by encryption at rest stays sealed here: the API has no passphrase.
    data = {k: v for k, v in (row.data or {}).items() if not vault.is_sealed(v)}
    return {**data, "id": row.pk, "kind": row.kind, "at": row.at}


class EventFilter(Schema):
    kind: LoggedKind | None = Field(
        None, description="Only this kind (journal entries: /writings)."
    )
    page: int = Field(1, ge=1, le=MAX_PAGE)


@router.get(
    "/events", response={200: s.EventPage, **AUTH, **NEEDS_BREAKUP, 422: ValidationErrorOut}
)
def list_events(request: HttpRequest, filters: Query[EventFilter]) -> Any:
    """The log of the active breakup, newest first, 50 a page."""
    breakup = breakup_of(request)
    rows = Event.objects.filter(breakup=breakup).order_by("-at", "-pk")
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    return page_of(rows, filters.page, event_out)


@router.get(
    "/events/{int:event_id}",
    response={200: s.EventOut, 404: ErrorOut, 422: ValidationErrorOut, **AUTH},
)
def get_event(request: HttpRequest, event_id: ObjectId) -> Any:
    """One event, from any of your breakups."""
    return event_out(get_object_or_404(Event, pk=event_id, breakup__user=user_of(request)))


# --- Guardrails: the web's functions, one place per kind -----------------------------------


def _refuse_readiness(breakup: Breakup, state: ProgramState) -> None:
    if breakup.unsafe:
        raise ApiError(
            403,
            gettext("On the safety track there is no self-check about your ex."),
            lock_reason=LockReason.SAFETY_TRACK.value,
        )
    latest = latest_answers(breakup)
    tz = repository.user_tz(breakup.user)
    answered_on = clock.local_date(latest.at, tz) if latest else None
    next_on = next_readiness_check_on(answered_on, state.today)
    if next_on is not None:
        raise ApiError(
            409,
            gettext(
                "You've already taken the self-check today. You can take it again on {date}."
            ).format(date=next_on.isoformat()),
        )


def _refuse_strategy(breakup: Breakup, state: ProgramState, chosen: str) -> None:
    if not strategy_offered(breakup, state):
        raise ApiError(
            403, gettext("Choosing a way forward is for someone safe, hoping to reconnect.")
        )
    if state.strategy is not None and state.strategy.value == chosen:
        raise ApiError(409, gettext("That is already your way forward. Nothing changed."))


def _refuse_attempt(state: ProgramState, route: str) -> None:
    if not contact_tools_offered(state):
        raise locked(state, gettext("Contact tools are closed for this breakup."))
    if Route(route) not in routes_for(state):
        raise ApiError(409, gettext("This route isn't part of your strategy. Nothing was saved."))


def _refuse_on_safety_track(state: ProgramState) -> None:
    if state.lock_reason is LockReason.SAFETY_TRACK:
        raise locked(state, gettext("Not on the safety track."))


def _refuse_outcome(breakup: Breakup, state: ProgramState, chosen: str) -> None:
    if chosen not in allowed_outcomes(breakup, state.lock_reason):
        raise ApiError(
            403,
            gettext("Moving on is always possible here; back together is not, for this breakup."),
        )


def _guard(kind: EventKind, breakup: Breakup, data: dict[str, Any]) -> None:
    if kind not in CHECKED_KINDS:
        return
    state = repository.program_state(breakup)
    if kind is EventKind.READINESS_ANSWERS:
        _refuse_readiness(breakup, state)
    elif kind is EventKind.STRATEGY:
        _refuse_strategy(breakup, state, data["strategy"])
    elif kind is EventKind.ATTEMPT:
        _refuse_attempt(state, data["route"])
    elif kind in (EventKind.MEETING, EventKind.SIGNAL):
        _refuse_on_safety_track(state)
    elif kind is EventKind.OUTCOME:
        _refuse_outcome(breakup, state, data["outcome"])


CHECKED_KINDS = frozenset(
    {
        EventKind.READINESS_ANSWERS,
        EventKind.STRATEGY,
        EventKind.ATTEMPT,
        EventKind.MEETING,
        EventKind.SIGNAL,
        EventKind.OUTCOME,
    }
)


def log(request: HttpRequest, kind: EventKind, payload: In) -> Status[dict[str, Any]]:
    """Guard, then record through the core: 201 with the event, or 403/409/422."""
    breakup = breakup_of(request)
    data = payload.model_dump(mode="json", exclude_none=True)
    signals = data.pop("signals", [])
    at = moment_of(breakup, data.pop("at", None))
    _guard(kind, breakup, data)
    try:
        with transaction.atomic():
            if kind is EventKind.URGE:
                row, _slip = repository.log_urge(breakup, data, at=at)
            else:
                row = repository.record_event(breakup, kind, data, at=at)
            for signal in signals:  # seen at the attempt or meeting: the same moment
                repository.record_event(breakup, EventKind.SIGNAL, {"signal": signal}, at=row.at)
    except InvalidEvent as error:
        raise invalid_event(error) from None
    return Status(201, event_out(row))


GUARDED: dict[int, Any] = {403: ErrorOut, 409: ErrorOut, **AUTH, **BODY}
OPEN: dict[int, Any] = {**NEEDS_BREAKUP, **AUTH, **WORDS, **BODY}


@router.post("/events/checkin", response={201: s.CheckinOut, **OPEN})
def log_checkin(request: HttpRequest, payload: s.CheckinIn) -> Any:
    """A check-in: now, or for an evening that has passed (``at``)."""
    return log(request, EventKind.CHECKIN, payload)


@router.post("/events/urge", response={201: s.UrgeOut, **OPEN})
def log_urge(request: HttpRequest, payload: s.UrgeIn) -> Any:
    """An urge; ``outcome: slipped`` logs the contact too (a slip: the count starts again)."""
    return log(request, EventKind.URGE, payload)


@router.post("/events/slip", response={201: s.SlipOut, **OPEN})
def log_slip(request: HttpRequest, payload: s.SlipIn) -> Any:
    """A contact you started (now, or ``at``). Your count starts again; what you built stays."""
    return log(request, EventKind.SLIP, payload)


@router.post("/events/checked_on_them", response={201: s.CheckedOnThemOut, **OPEN})
def log_checked_on_them(request: HttpRequest, payload: s.CheckedOnThemIn) -> Any:
    """You looked at their profile or asked about them: not a slip."""
    return log(request, EventKind.CHECKED_ON_THEM, payload)


@router.post("/events/ex_contact", response={201: s.ExContactOut, **OPEN})
def log_ex_contact(request: HttpRequest, payload: s.ExContactIn) -> Any:
    """They reached out: not a slip."""
    return log(request, EventKind.EX_CONTACT, payload)


@router.post("/events/readiness_answers", response={201: s.ReadinessAnswersOut, **GUARDED})
def log_readiness_answers(request: HttpRequest, payload: s.ReadinessAnswersIn) -> Any:
    """The "am I ready?" self-check: once a day, never on the safety track."""
    return log(request, EventKind.READINESS_ANSWERS, payload)


@router.post("/events/strategy", response={201: s.StrategyOut, **GUARDED})
def log_strategy(request: HttpRequest, payload: s.StrategyIn) -> Any:
    """Your way forward: only when safe, hoping to reconnect, and the story still open."""
    return log(request, EventKind.STRATEGY, payload)


@router.post("/events/attempt", response={201: s.AttemptOut, **GUARDED})
def log_attempt(request: HttpRequest, payload: s.AttemptIn) -> Any:
    """A contact tool: 403 while the core's ``lock_reason`` closes the tools."""
    return log(request, EventKind.ATTEMPT, payload)


@router.post("/events/meeting", response={201: s.MeetingOut, **GUARDED})
def log_meeting(request: HttpRequest, payload: s.MeetingIn) -> Any:
    """The debrief after meeting again (not on the safety track)."""
    return log(request, EventKind.MEETING, payload)


@router.post("/events/signal", response={201: s.SignalOut, **GUARDED})
def log_signal(request: HttpRequest, payload: s.SignalIn) -> Any:
    """A sign of their interest, or of their wish for space (not on the safety track)."""
    return log(request, EventKind.SIGNAL, payload)


@router.post("/events/outcome", response={201: s.OutcomeOut, **GUARDED})
def log_outcome(request: HttpRequest, payload: s.OutcomeIn) -> Any:
    """How the story ends: moving on is always possible; back together not after a no."""
    return log(request, EventKind.OUTCOME, payload)
