"""Crisis resources right after saving words that sound like self-harm.

Saving always happens first: a view keeps what the user wrote, then asks
``after_saving`` where to go. When any of the texts holds self-harm language
(``core.crisis``), the next page is the crisis panel, with a way back to where
the user was going; otherwise it is that page itself.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from nocontact.core.crisis import find_self_harm

__all__ = ["after_saving", "needs_crisis_panel", "saved_support"]


def needs_crisis_panel(*texts: object) -> bool:
    return any(isinstance(text, str) and find_self_harm(text) for text in texts)


def after_saving(then: str, *texts: object) -> HttpResponseRedirect:
    """Redirect to ``then`` (a URL or a route name), by way of the crisis panel if needed."""
    target = resolve_url(then)
    if needs_crisis_panel(*texts):
        return HttpResponseRedirect(f"{reverse('saved_support')}?{urlencode({'next': target})}")
    return HttpResponseRedirect(target)


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return reverse("dashboard")


@require_GET
@login_required
def saved_support(request: HttpRequest) -> HttpResponse:
    return render(request, "web/crisis_saved.html", {"nav": "", "next_url": _safe_next(request)})
