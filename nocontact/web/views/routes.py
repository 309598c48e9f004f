"""The reconnect routes A-D: the hub, each route's guidance, and logging an attempt.

Every page here is a contact tool. ``contact_tool`` asks the core whether the
tools are open today (``ProgramState.lock_reason``); when they are not, the page
shows why, kindly, and what helps instead, and a POST answers 403 saving
nothing. The views never compute a rule themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from nocontact.core import guidance
from nocontact.core.events import InvalidEvent
from nocontact.core.guidance import Section, Step
from nocontact.core.model import (
    AttemptOutcome,
    EventKind,
    LockReason,
    Route,
    Signal,
    Strategy,
    Verdict,
)
from nocontact.core.program import ProgramState
from nocontact.journey import repository
from nocontact.journey.models import Breakup
from nocontact.web import forms_program
from nocontact.web.forms_routes import AttemptForm
from nocontact.web.views.common import breakup_required
from nocontact.web.views.program_texts import CLOSING_LOCKS, contact_tools_offered, lock_note_for

# The routes each contact strategy offers (DESIGN.md, phase 3). Route A, the ex
# reaching out, belongs to both: their message can come whatever the plan.
ROUTES_BY_STRATEGY: dict[Strategy, tuple[Route, ...]] = {
    Strategy.RECONNECT: (
        Route.EX_REACHED_OUT,
        Route.ENCOUNTER,
        Route.REACH_OUT,
        Route.OCCASION,
        Route.PICKUP,
    ),
    Strategy.INTENT_STATEMENT: (Route.EX_REACHED_OUT, Route.INTENT_STATEMENT),
}
# The message coach's route for the draft box of each route (B has no message).
COACH_ROUTES: dict[Route, str] = {
    Route.EX_REACHED_OUT: "reply",
    Route.REACH_OUT: "first_contact",
    Route.OCCASION: "occasion",
    Route.PICKUP: "pickup",
    Route.INTENT_STATEMENT: "intent_statement",
}


# --- Shared helpers ---------------------------------------------------------------


def breakup_of(request: HttpRequest) -> Breakup:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    breakup.user = request.user  # type: ignore[assignment]  # already loaded: spare a query
    return breakup


def show_date(day: Any) -> str:
    return date_format(day, "DATE_FORMAT")


def section_context(section: Section, **values: str) -> dict[str, Any]:
    """A core ``Section`` translated, with the user's words filled into its examples."""
    return {
        "title": gettext(section.title),
        "intro": gettext(section.intro),
        "points": [gettext(p) for p in section.points],
        "why": [gettext(w) for w in section.why],
        "examples": [guidance.fill(gettext(e), **values) for e in section.examples],
        "questions": [
            {"key": q.key, "text": gettext(q.text), "hint": gettext(q.hint) if q.hint else ""}
            for q in section.questions
        ],
    }


def locked_page(
    request: HttpRequest, state: ProgramState, title: str, status: int = 200
) -> HttpResponse:
    """The lock explained instead of any tool; 403 answers a refused POST."""
    context = {
        "nav": "today",
        "page_title": title,
        "lock_note": lock_note_for(state),
        "state": state,
        "refused": status == 403,
    }
    return render(request, "web/routes_locked.html", context, status=status)


ContactView = Callable[..., HttpResponse]


def contact_tool(title: Callable[[], str]) -> Callable[[ContactView], ContactView]:
    """Open the page only when the core says the contact tools are open today.

    The view receives the ``ProgramState`` as ``state``. ``title`` names the page
    in the lock explanation (a callable so it is translated per request).
    """

    def decorate(view: ContactView) -> ContactView:
        @breakup_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            state = repository.program_state(breakup_of(request))
            # Closed by the core, or the story has its ending (reunited, moved on).
            if not contact_tools_offered(state):
                status = 403 if request.method == "POST" else 200
                return locked_page(request, state, title(), status)
            return view(request, *args, state=state, **kwargs)

        return wrapper

    return decorate


def routes_for(state: ProgramState) -> tuple[Route, ...]:
    if state.strategy is None:
        return ()
    return ROUTES_BY_STRATEGY.get(state.strategy, ())


def record_with_signals(
    breakup: Breakup, kind: EventKind, data: dict[str, Any], signals: list[str]
) -> None:
    """The event and the signals seen, in one transaction: all saved or none."""
    with transaction.atomic():
        event = repository.record_event(breakup, kind, data)
        for signal in signals:
            repository.record_event(breakup, EventKind.SIGNAL, {"signal": signal}, at=event.at)


# --- The hub -------------------------------------------------------------------


def _route_card(route: Route, breakup: Breakup) -> dict[str, Any]:
    guide = guidance.route_guide(route)
    return {
        "route": route.value,
        "letter": guide.letter,
        "title": gettext(guide.title),
        "summary": gettext(guide.summary),
    }


@require_http_methods(["GET"])
@contact_tool(lambda: gettext("Reconnecting"))
def routes(request: HttpRequest, state: ProgramState) -> HttpResponse:
    breakup = breakup_of(request)
    profile = repository.to_profile(breakup)
    ready = state.readiness.verdict is Verdict.READY
    cards = []
    for route in routes_for(state):
        # Things left behind are a route only when something substantial is.
        if route is Route.PICKUP and not guidance.substantial_items(profile):
            continue
        cards.append(_route_card(route, breakup))
    occasions = [
        {"name": u.occasion.name, "date": u.occasion.date, "days_away": u.days_away}
        for u in guidance.upcoming_occasions(profile, state.today, ready)
    ]
    context = {
        "nav": "today",
        "state": state,
        "cards": cards,
        "occasions": occasions if Route.OCCASION in routes_for(state) else [],
        "strategy": state.strategy.value if state.strategy else "",
    }
    return render(request, "web/routes.html", context)


# --- One route ---------------------------------------------------------------------


def _route_page(
    request: HttpRequest,
    state: ProgramState,
    route: Route,
    form: AttemptForm | None = None,
    status: int = 200,
) -> HttpResponse:
    breakup = breakup_of(request)
    profile = repository.to_profile(breakup)
    guide = guidance.route_guide(route)
    name = breakup.ex_nickname
    in_strategy = route in routes_for(state)
    ready = state.readiness.verdict is Verdict.READY

    items = guidance.substantial_items(profile) if route is Route.PICKUP else []
    occasions = (
        guidance.upcoming_occasions(profile, state.today, ready) if route is Route.OCCASION else []
    )
    # Nothing substantial left behind: there is nothing to offer back, so no tool.
    usable = in_strategy and not (route is Route.PICKUP and not items)

    steps = []
    for step, section in guide.steps:
        context = section_context(section, name=name, item=items[0].name if items else "")
        if step is Step.GUIDE and route is Route.PICKUP and items:
            # One example per substantial item, each with its own name.
            context["examples"] = [
                guidance.fill(gettext(e), name=name, item=item.name)
                for e in section.examples
                for item in items
            ]
        steps.append({"step": step.value, "section": context})

    context = {
        "nav": "today",
        "state": state,
        "route": route.value,
        "letter": guide.letter,
        "title": gettext(guide.title),
        "summary": gettext(guide.summary),
        "steps": steps,
        "in_strategy": in_strategy,
        "usable": usable,
        "coach_route": COACH_ROUTES.get(route, ""),
        "items": [item.name for item in items],
        "occasions": [
            {"name": u.occasion.name, "date": u.occasion.date, "days_away": u.days_away}
            for u in occasions
        ],
        "decline": guidance.fill(gettext(guidance.DECLINE_TEMPLATES[0]), name=name),
        "form": form or AttemptForm(),
    }
    return render(request, "web/route.html", context, status=status)


def _route_or_404(value: str) -> Route:
    # The URL converter only lets route names through; this keeps the type honest.
    return Route(value)


@require_http_methods(["GET"])
@contact_tool(lambda: gettext("Reconnecting"))
def route(request: HttpRequest, route: str, state: ProgramState) -> HttpResponse:
    return _route_page(request, state, _route_or_404(route))


def _attempt_message(outcome: AttemptOutcome, state: ProgramState) -> str:
    """What the user reads after logging, from the state the attempt leaves behind."""
    if state.lock_reason in CLOSING_LOCKS:
        return gettext(
            "Logged. Thank you for being honest about it. Contact tools are closed now, "
            "and the moving-on program is here for you."
        )
    if outcome is AttemptOutcome.POSITIVE:
        return gettext(
            "Lovely. Go gently from here. If you plan to meet, the meeting checklist helps."
        )
    if outcome is AttemptOutcome.NEUTRAL:
        return gettext("Logged. A polite answer is still an answer. Keep things light.")
    if state.lock_reason is LockReason.COOLDOWN and state.next_attempt_on is not None:
        return gettext("Logged. Give them room: the next step can wait until {date}.").format(
            date=show_date(state.next_attempt_on)
        )
    return gettext("Logged. Thank you for being honest with yourself.")


@require_http_methods(["GET", "POST"])
@contact_tool(lambda: gettext("Logging an attempt"))
def log_attempt(request: HttpRequest, route: str, state: ProgramState) -> HttpResponse:
    chosen = _route_or_404(route)
    if request.method == "GET":
        return redirect(reverse("route", kwargs={"route": chosen.value}) + "#debrief")
    breakup = breakup_of(request)
    form = AttemptForm(request.POST)
    if chosen not in routes_for(state):
        form.add_error(None, gettext("This route isn't part of your strategy. Nothing was saved."))
        return _route_page(request, state, chosen, form, status=400)
    if not form.is_valid():
        return _route_page(request, state, chosen, form, status=400)
    try:
        record_with_signals(
            breakup,
            EventKind.ATTEMPT,
            form.attempt_data(chosen.value),
            form.cleaned_data["signals"],
        )
    except InvalidEvent as error:
        forms_program.add_core_error(form, error)
        return _route_page(request, state, chosen, form, status=400)
    after = repository.program_state(breakup)
    messages.info(request, _attempt_message(AttemptOutcome(form.cleaned_data["outcome"]), after))
    return redirect("routes")


@require_http_methods(["GET", "POST"])
@contact_tool(lambda: gettext("A statement of intent"))
def friendship_offer(request: HttpRequest, state: ProgramState) -> HttpResponse:
    """Route D: they offered friendship. Logged as a signal; a kind no is prepared."""
    url = reverse("route", kwargs={"route": Route.INTENT_STATEMENT.value}) + "#decline"
    if request.method == "GET":
        return redirect(url)
    if Route.INTENT_STATEMENT not in routes_for(state):
        return _route_page(request, state, Route.INTENT_STATEMENT, status=400)
    repository.record_event(
        breakup_of(request), EventKind.SIGNAL, {"signal": Signal.OFFERED_FRIENDSHIP.value}
    )
    messages.info(
        request,
        gettext(
            "Logged. Their offer is kindly meant, and it's okay to say no. "
            "Here is a gentle way to say it."
        ),
    )
    return redirect(url)
