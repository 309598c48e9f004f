from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.middleware import get_user
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from nocontact.core import clock


class UserTimezoneMiddleware:
    """Show every time in the signed-in user's own time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if hasattr(request, "user"):
            # Loaded here in any case: from now on the request holds the user itself,
            # not the lazy proxy (each of a page's few dozen reads went through a call).
            request.user = get_user(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from nocontact.accounts.models import settings_for

            name = settings_for(user).timezone
            try:
                timezone.activate(clock.timezone(name))
            except clock.UnknownTimeZone:
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
