"""What every signed-in page needs: the user's active breakup, or onboarding."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from nocontact.journey import repository
from nocontact.journey.models import Breakup

BreakupView = Callable[..., HttpResponse]


class JourneyRequest(HttpRequest):
    breakup: Breakup


def breakup_required(view: BreakupView) -> Callable[..., HttpResponse]:
    """Log in first; with no breakup yet, start onboarding. Sets ``request.breakup``,
    read in this request (``repository.active_breakup`` marks it so).

    Objects are always looked up through ``request.breakup`` or ``request.user``,
    so another user's data answers 404, never 403 (nothing is revealed).
    """

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        breakup = repository.active_breakup(request.user)  # type: ignore[arg-type]
        if breakup is None:
            return redirect("onboarding")
        request.breakup = breakup  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
