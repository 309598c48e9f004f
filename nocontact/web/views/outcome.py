"""How the story ends: reunited or moved on, its closing screen, and starting again.

An outcome is one event; nothing is deleted. Only a logged "they reached out"
after it reopens the program (the core decides). Starting again creates a new
breakup and keeps the old one, with its whole history, in the archive.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.core import model as core
from nocontact.core.events import InvalidEvent
from nocontact.core.guidance_care import closing_for
from nocontact.core.model import EventKind, Outcome, Phase
from nocontact.journey import repository
from nocontact.journey.models import Breakup
from nocontact.web.forms_profile import ProfileForm
from nocontact.web.forms_program import add_core_error
from nocontact.web.forms_readiness import OUTCOME_CHOICES, OutcomeForm
from nocontact.web.views.common import breakup_required
from nocontact.web.views.program_texts import CLOSING_LOCKS, section_dict

OUTCOME_LABELS = dict(OUTCOME_CHOICES)


def allowed_outcomes(breakup: Breakup, lock_reason: core.LockReason | None) -> tuple[str, ...]:
    """Moving on is always possible; "back together" never on the safety track or
    after they asked for no contact, blocked, or stopped answering."""
    if breakup.unsafe or lock_reason in CLOSING_LOCKS:
        return (Outcome.MOVED_ON.value,)
    return (Outcome.REUNITED.value, Outcome.MOVED_ON.value)


@require_http_methods(["GET", "POST"])
@breakup_required
def outcome(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    state = repository.program_state(breakup)
    allowed = allowed_outcomes(breakup, state.lock_reason)
    form = OutcomeForm(request.POST if request.method == "POST" else None, allowed=allowed)
    context = {"nav": "today", "state": state, "phase": state.phase.value, "unsafe": breakup.unsafe}
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["outcome"]
        if not form.cleaned_data.get("confirm"):
            # Step two: a calm look at what this means before it is saved.
            return render(
                request,
                "web/outcome_confirm.html",
                {**context, "chosen": chosen, "chosen_label": OUTCOME_LABELS[chosen]},
            )
        try:
            repository.record_event(breakup, EventKind.OUTCOME, {"outcome": chosen})
        except InvalidEvent as error:
            add_core_error(form, error)
        else:
            return redirect("closing")
    status = 400 if form.errors else 200
    return render(request, "web/outcome.html", {**context, "form": form}, status=status)


@require_GET
@breakup_required
def closing(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    state = repository.program_state(breakup)
    if state.phase not in (Phase.REUNITED, Phase.MOVED_ON):
        return redirect("program")
    context = {
        "nav": "today",
        "state": state,
        "phase": state.phase.value,
        "closing": section_dict(closing_for(state.phase.value)),
    }
    return render(request, "web/outcome_closing.html", context)


@require_http_methods(["GET", "POST"])
@breakup_required
def start_again(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    today = repository.today_for(user)
    form = ProfileForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        breakup = repository.create_breakup(user, core.Profile(**form.profile_fields()))
        if breakup.unsafe:
            return redirect("support")
        messages.success(
            request,
            gettext("A new beginning. Your earlier history is kept, and only you can see it."),
        )
        return redirect("dashboard")
    status = 400 if form.errors else 200
    return render(
        request, "web/outcome_start_again.html", {"nav": "today", "form": form}, status=status
    )
