"""The first meeting (prep checklist and debrief), signals and the interest trend.

The prep checklist is a contact tool and follows the lock. The debrief, a
signal and the trend record or show what already happened, so they stay
reachable, except on the safety track, where nothing here is offered at all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.core import guidance
from nocontact.core.events import InvalidEvent
from nocontact.core.model import EventKind, LockReason
from nocontact.core.program import ProgramState
from nocontact.core.signals import interest_trend
from nocontact.journey import repository
from nocontact.web import forms_program
from nocontact.web.forms_routes import MeetingForm, SignalForm
from nocontact.web.views.common import breakup_required
from nocontact.web.views.program_texts import contact_tools_offered
from nocontact.web.views.routes import (
    breakup_of,
    contact_tool,
    locked_page,
    record_with_signals,
    section_context,
)

PageView = Callable[..., HttpResponse]


def off_the_safety_track(title: Callable[[], str]) -> Callable[[PageView], PageView]:
    """Pages about the ex's interest make no sense on the safety track: support instead."""

    def decorate(view: PageView) -> PageView:
        @breakup_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            state = repository.program_state(breakup_of(request))
            if state.lock_reason is LockReason.SAFETY_TRACK:
                status = 403 if request.method == "POST" else 200
                return locked_page(request, state, title(), status)
            return view(request, *args, state=state, **kwargs)

        return wrapper

    return decorate


def _page(
    request: HttpRequest, template: str, state: ProgramState, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"nav": "today", "state": state, "tools_open": contact_tools_offered(state), **extra}
    return render(request, template, context, status=status)


@require_GET
@contact_tool(lambda: gettext("Before you meet"))
def meeting(request: HttpRequest, state: ProgramState) -> HttpResponse:
    return _page(request, "web/meeting.html", state, prep=section_context(guidance.MEETING_PREP))


@require_http_methods(["GET", "POST"])
@off_the_safety_track(lambda: gettext("After the meeting"))
def meeting_debrief(request: HttpRequest, state: ProgramState) -> HttpResponse:
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_with_signals(
                breakup_of(request),
                EventKind.MEETING,
                form.meeting_data(),
                form.cleaned_data["signals"],
            )
        except InvalidEvent as error:
            forms_program.add_core_error(form, error)
        else:
            messages.info(
                request,
                gettext("Logged. Whatever happened, you showed up as yourself. Rest a little now."),
            )
            return redirect("interest")
    return _page(
        request,
        "web/meeting_debrief.html",
        state,
        status=400 if form.errors else 200,
        form=form,
        debrief=section_context(guidance.MEETING_DEBRIEF),
    )


@require_http_methods(["GET", "POST"])
@off_the_safety_track(lambda: gettext("Log a signal"))
def log_signal(request: HttpRequest, state: ProgramState) -> HttpResponse:
    form = SignalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            repository.record_event(breakup_of(request), EventKind.SIGNAL, form.cleaned_data)
        except InvalidEvent as error:
            forms_program.add_core_error(form, error)
        else:
            messages.info(request, gettext("Logged. It's part of the picture now."))
            return redirect("interest")
    return _page(
        request, "web/routes_signal.html", state, status=400 if form.errors else 200, form=form
    )


@require_GET
@off_the_safety_track(lambda: gettext("Their interest"))
def interest(request: HttpRequest, state: ProgramState) -> HttpResponse:
    breakup = breakup_of(request)
    tz = repository.user_tz(request.user)  # type: ignore[arg-type]
    trend = interest_trend(repository.program_events(breakup, state.today), state.today, tz)
    evidence = [
        {
            "day": item.day,
            "what": gettext(item.what),
            "positive": item.positive,
            "weight": item.weight,
            "counts": item.counts,
        }
        for item in trend.evidence
    ]
    return _page(
        request,
        "web/interest.html",
        state,
        direction=trend.direction.value,
        summary=gettext(trend.summary),
        score=trend.score,
        evidence=evidence,
    )
