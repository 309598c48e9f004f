"""The program beyond the day count: "am I ready?", the strategy, and where you are.

Every verdict and lock comes from ``repository.program_state`` (the core); these
views only choose what to show and record the user's answers as events.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.core import clock
from nocontact.core.events import InvalidEvent
from nocontact.core.guidance_care import STRATEGY_TEXTS, closing_for
from nocontact.core.model import EventKind, Goal, LockReason, Phase, Strategy
from nocontact.core.program import ProgramState
from nocontact.core.readiness import explain_answers
from nocontact.core.readiness_limits import next_readiness_check_on
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Event
from nocontact.web.forms_program import add_core_error
from nocontact.web.forms_readiness import ReadinessForm, StrategyForm
from nocontact.web.views.common import breakup_required
from nocontact.web.views.program_texts import (
    PHASE_TEXTS,
    VERDICT_TEXTS,
    contact_tools_offered,
    lock_note_for,
    reason_dict,
    section_dict,
)

SELF_CHECK_CODES = frozenset({"want_not_need", "discipline"})
TIME_CODES = frozenset({"time"})
ENDED_PHASES = frozenset({Phase.REUNITED, Phase.MOVED_ON, Phase.CLOSED})


def _breakup(request: HttpRequest) -> Breakup:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    breakup.user = cast(User, request.user)  # already loaded: spare a query
    return breakup


def phase_context(state: ProgramState) -> dict[str, Any]:
    title, text = PHASE_TEXTS[state.phase]
    return {"phase": state.phase.value, "phase_title": gettext(title), "phase_text": gettext(text)}


# --- Readiness ---------------------------------------------------------------------


def latest_answers(breakup: Breakup) -> Event | None:
    return (
        Event.objects.filter(
            breakup=breakup, kind=EventKind.READINESS_ANSWERS.value, at__lte=timezone.now()
        )
        .order_by("-at", "-pk")
        .first()
    )


def _readiness_page(
    request: HttpRequest,
    breakup: Breakup,
    form: ReadinessForm | None,
    status: int = 200,
    refused: str = "",
) -> HttpResponse:
    state = repository.program_state(breakup)
    tz = repository.user_tz(cast(User, request.user))
    latest = latest_answers(breakup)
    answered_on = clock.local_date(latest.at, tz) if latest else None
    next_on = next_readiness_check_on(answered_on, state.today)
    reasons = [reason_dict(r) for r in state.readiness.reasons]
    explained = []
    if latest is not None:
        for statement, answer, text in explain_answers(latest.data.get("answers", [])):
            explained.append(
                {"statement": gettext(statement.text), "answer": answer, "text": gettext(text)}
            )
    if next_on is not None:
        form = None
    elif form is None:
        form = ReadinessForm()
    context = {
        "nav": "today",
        "state": state,
        "unsafe": breakup.unsafe,
        "goal": breakup.goal,
        "verdict": state.readiness.verdict.value,
        "verdict_text": gettext(VERDICT_TEXTS[state.readiness.verdict]),
        "want_score": state.readiness.want_score,
        "time_reasons": [r for r in reasons if r["code"] in TIME_CODES],
        "self_check_reasons": [r for r in reasons if r["code"] in SELF_CHECK_CODES],
        "wellbeing_reasons": [r for r in reasons if r["code"] not in TIME_CODES | SELF_CHECK_CODES],
        "explained": explained,
        "answered_on": answered_on,
        "next_on": next_on,
        "form": form,
        "refused": refused,
        "strategy_offered": strategy_offered(breakup, state),
    }
    return render(request, "web/readiness.html", context, status=status)


@require_http_methods(["GET", "POST"])
@breakup_required
def readiness(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    if breakup.unsafe:
        # The safety track has no reconnect tools; support is what this page offers.
        status = 400 if request.method == "POST" else 200
        return render(request, "web/readiness_safety.html", {"nav": "today"}, status=status)
    if request.method != "POST":
        return _readiness_page(request, breakup, None)
    today = repository.today_for(cast(User, request.user))
    latest = latest_answers(breakup)
    tz = repository.user_tz(cast(User, request.user))
    next_on = next_readiness_check_on(clock.local_date(latest.at, tz) if latest else None, today)
    if next_on is not None:
        refused = gettext(
            "You've already taken the self-check today. You can take it again on {date}."
        ).format(date=date_format(next_on, "DATE_FORMAT"))
        return _readiness_page(request, breakup, None, status=400, refused=refused)
    form = ReadinessForm(request.POST)
    if form.is_valid():
        try:
            repository.record_event(
                breakup, EventKind.READINESS_ANSWERS, {"answers": form.answers()}
            )
        except InvalidEvent as error:
            add_core_error(form, error)
        else:
            messages.success(
                request, gettext("Thank you for answering honestly. Here is what it shows.")
            )
            return redirect("readiness")
    return _readiness_page(request, breakup, form, status=400)


# --- Strategy ------------------------------------------------------------------------


def strategy_offered(breakup: Breakup, state: ProgramState) -> bool:
    """Only someone safe, hoping to reconnect, with the story still open, chooses a way."""
    return (
        not breakup.unsafe
        and breakup.goal == Goal.RECONNECT.value
        and state.phase not in ENDED_PHASES
    )


def _strategy_page(
    request: HttpRequest, breakup: Breakup, form: StrategyForm | None, status: int = 200
) -> HttpResponse:
    state = repository.program_state(breakup)
    offered = strategy_offered(breakup, state)
    current = state.strategy.value if state.strategy else ""
    if offered and form is None:
        form = StrategyForm(initial={"strategy": current} if current else None)
    context = {
        "nav": "today",
        "state": state,
        "unsafe": breakup.unsafe,
        "goal": breakup.goal,
        "offered": offered,
        "form": form if offered else None,
        "current": current,
        "current_title": gettext(STRATEGY_TEXTS[state.strategy].title) if state.strategy else "",
        "strategies": [
            {"value": s.value, "current": s.value == current, **section_dict(STRATEGY_TEXTS[s])}
            for s in Strategy
        ],
        "ended": state.phase in ENDED_PHASES,
    }
    return render(request, "web/strategy.html", context, status=status)


@require_http_methods(["GET", "POST"])
@breakup_required
def strategy(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    if request.method != "POST":
        return _strategy_page(request, breakup, None)
    state = repository.program_state(breakup)
    if not strategy_offered(breakup, state):
        return _strategy_page(request, breakup, None, status=400)
    form = StrategyForm(request.POST)
    if form.is_valid():
        chosen = form.cleaned_data["strategy"]
        if state.strategy is not None and chosen == state.strategy.value:
            messages.info(request, gettext("That is already your way forward. Nothing changed."))
            return redirect("program")
        try:
            repository.record_event(breakup, EventKind.STRATEGY, {"strategy": chosen})
        except InvalidEvent as error:
            add_core_error(form, error)
        else:
            messages.success(
                request,
                gettext("Saved. You can change it again whenever it stops feeling right."),
            )
            return redirect("program")
    return _strategy_page(request, breakup, form, status=400)


# --- Where you are -----------------------------------------------------------------


@require_GET
@breakup_required
def program(request: HttpRequest) -> HttpResponse:
    breakup = _breakup(request)
    state = repository.program_state(breakup)
    closing = (
        section_dict(closing_for(state.phase.value))
        if state.phase in (Phase.REUNITED, Phase.MOVED_ON)
        else None
    )
    context = {
        "nav": "today",
        "state": state,
        "unsafe": breakup.unsafe,
        "goal": breakup.goal,
        **phase_context(state),
        "lock_note": lock_note_for(state),
        "distress": state.lock_reason is LockReason.DISTRESS,
        "tools_offered": contact_tools_offered(state),
        "strategy_offered": strategy_offered(breakup, state),
        "strategy_title": gettext(STRATEGY_TEXTS[state.strategy].title) if state.strategy else "",
        "closing": closing,
        "ended": state.phase in ENDED_PHASES,
        "show_attempts": not breakup.unsafe and breakup.goal == Goal.RECONNECT.value,
    }
    return render(request, "web/program.html", context)
