"""The message coach on the web: the coach page, its JSON endpoint, and letters coming back.

The coach is a contact tool: while ``lock_reason`` is set it explains the lock
instead of coaching. Unsent letters are the exception the cool-off queue needs:
a letter is never sent, so it is still reviewed under the soft locks (minimum
period, distress, cooldown) and only the guardrails close it
(``core.cool_off.coach_open_for_letter``). Nothing here ever sends anything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from nocontact.core import clock, cool_off
from nocontact.core.coach import Route
from nocontact.core.guidance_care import LockNote, explain_lock
from nocontact.core.program import ProgramState
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Writing
from nocontact.web import forms_coach as fc
from nocontact.web.coach_review import Review, review
from nocontact.web.views.common import breakup_required

CRISIS_PANELS = ["web/_crisis_panel.html", "web/coach_crisis.html"]


def crisis_panel_template() -> str:
    """The shared crisis panel when it exists, else the coach's own."""
    name: str = select_template(CRISIS_PANELS).template.name
    return name


def lock_context(note: LockNote) -> dict[str, Any]:
    explanation = note.explanation
    return {
        "reason": note.reason.value,
        "title": gettext(explanation.title),
        "text": gettext(explanation.body).format(**note.params),
        "instead": [gettext(line) for line in explanation.instead],
        "reopen": gettext(explanation.reopen) if explanation.reopen else "",
        "open_reasons": [gettext(r.template).format(**r.params) for r in note.open_reasons],
    }


def coach_closed(state: ProgramState, letter: bool) -> LockNote | None:
    """The lock that closes the coach here, or ``None`` when it may coach."""
    if state.lock_reason is None:
        return None
    if letter and cool_off.coach_open_for_letter(state.lock_reason):
        return None
    return explain_lock(state)


def now_for(user: User) -> dt.time:
    """The user's wall-clock time: a draft with no send time is read as "sent now"."""
    return clock.local_now(repository.user_tz(user)).time().replace(tzinfo=None)


# --- The coach page (works without JavaScript) ------------------------------------------


@require_http_methods(["GET", "POST"])
@breakup_required
def coach(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    user = cast(User, request.user)
    source = request.POST if request.method == "POST" else request.GET
    letter = source.get("letter") == "1"
    note = coach_closed(repository.program_state(breakup), letter)
    if note is not None:
        locked = {"nav": "today", "lock": lock_context(note)}
        return render(request, "web/coach_locked.html", locked)

    result: Review | None = None
    if request.method == "POST":
        data = request.POST.copy()
        # A draft checked from another page may come from a field of another name.
        text_field = request.POST.get("text_field", "text")
        if text_field != "text" and text_field in request.POST:
            data["text"] = request.POST[text_field]
        form = fc.CoachForm(data)
        if form.is_valid():
            send_at = form.cleaned_data["send_at"] or now_for(user)
            result = review(
                form.cleaned_data["text"] or "",
                Route(form.cleaned_data["route"]),
                send_at,
                form.cleaned_data["unanswered"] or 0,
            )
    else:
        form = fc.CoachForm(initial={"route": fc.route_or_default(request.GET.get("route"))})
    context: dict[str, Any] = {
        "nav": "today",
        "form": form,
        "review": result,
        "letter": letter,
        "crisis_panel": crisis_panel_template(),
    }
    return render(request, "web/coach.html", context, status=400 if form.errors else 200)


# --- The JSON endpoint of the live panel ----------------------------------------------------


def _error(message: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def json_breakup_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``breakup_required``, but answers JSON instead of redirecting."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _error(gettext("Please log in again."), 401)
        breakup = repository.active_breakup(request.user)
        if breakup is None:
            return _error(gettext("Tell us about your breakup first."), 403)
        request.breakup = breakup  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


@require_POST
@json_breakup_required
def coach_analyse(request: HttpRequest) -> HttpResponse:
    """``{"text", "route", "send_at", "unanswered", "letter"}`` in, the review out.

    ``send_at`` is ``HH:MM`` on the user's clock (missing: now); ``letter`` is
    true when the draft is an unsent letter (see the module docstring).
    """
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    try:
        body = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _error(gettext("We couldn't read that request."), 400)
    if not isinstance(body, dict):
        return _error(gettext("We couldn't read that request."), 400)

    note = coach_closed(repository.program_state(breakup), body.get("letter") is True)
    if note is not None:
        lock = lock_context(note)
        return _error(f"{lock['title']}. {lock['text']}", 403, lock_reason=lock["reason"])
    try:
        route = fc.parse_route(body.get("route"))
        text = fc.parse_text(body.get("text"))
        send_at = fc.parse_send_at(body.get("send_at"))
        unanswered = fc.parse_unanswered(body.get("unanswered"))
    except fc.DraftError as error:
        return _error(error.message, 400, field=error.field)
    if send_at is None:
        send_at = now_for(cast(User, request.user))
    return JsonResponse(review(text, route, send_at, unanswered).to_json())


# --- A letter coming back from the cool-off queue ------------------------------------------


def _own_letter(request: HttpRequest, pk: int) -> Writing:
    return get_object_or_404(
        Writing,
        pk=pk,
        kind=Writing.Kind.UNSENT_LETTER,
        breakup__user=cast(User, request.user),
    )


@require_http_methods(["GET", "POST"])
@breakup_required
def letter_review(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _own_letter(request, pk)
    now = timezone.now()
    if request.method == "POST":
        return _decide(request, letter, now)

    status = cool_off.status(letter.might_send_at, now)
    context: dict[str, Any] = {
        "nav": "writings",
        "letter": letter,
        "status": status.value,
        "comes_back_at": (
            cool_off.comes_back_at(letter.might_send_at) if letter.might_send_at else None
        ),
    }
    if status is cool_off.CoolOffStatus.DUE:
        context.update(_review_context(request, letter))
    return render(request, "web/coach_letter.html", context)


def _review_context(request: HttpRequest, letter: Writing) -> dict[str, Any]:
    """The coach's review and today's readiness, or the guardrail that closes both."""
    from nocontact.web.views.dashboard import VERDICT_TEXTS

    state = repository.program_state(letter.breakup)
    note = coach_closed(state, letter=True)
    if note is not None:
        return {"lock": lock_context(note)}
    route = fc.route_or_default(letter.coach_route)
    too_long = len(letter.text) > fc.DRAFT_MAX_CHARACTERS
    soft_lock = explain_lock(state)
    return {
        "route_label": dict(fc.ROUTE_CHOICES)[route.value],
        "review": None
        if too_long
        else review(letter.text, route, now_for(cast(User, request.user)), 0),
        "too_long": too_long,
        "crisis_panel": crisis_panel_template(),
        "readiness": {
            "verdict": state.readiness.verdict.value,
            "verdict_text": gettext(VERDICT_TEXTS[state.readiness.verdict]),
            "reasons": [
                {"status": r.status.value, "text": gettext(r.template).format(**r.params)}
                for r in state.readiness.reasons
            ],
        },
        "soft_lock": lock_context(soft_lock) if soft_lock else None,
    }


def _decide(request: HttpRequest, letter: Writing, now: dt.datetime) -> HttpResponse:
    """Keep it unsent (it leaves the queue) or take it out of the queue before it is back."""
    action = request.POST.get("action")
    if action not in ("keep", "withdraw") or letter.might_send_at is None:
        messages.info(request, gettext("Nothing changed."))
        return redirect("letter_review", pk=letter.pk)
    letter.might_send_at = None
    letter.reviewed_at = now
    letter.save(update_fields=["might_send_at", "reviewed_at", "updated_at"])
    if action == "keep":
        messages.success(
            request, gettext("Kept, unsent. It stays here, for you. That took strength.")
        )
    else:
        messages.success(request, gettext("It's out of the queue and stays an unsent letter."))
    return redirect(f"{reverse('writings')}?kind=unsent_letter")
