"""What the page tells its service worker: whose copies these are, and whether to keep them."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from nocontact.web.views.offline import offline_pages, offline_user

register = template.Library()


def keeps_offline_copy(request: HttpRequest) -> bool:
    """Copies for offline use only when signed in, and never behind the app lock."""
    return bool(offline_user(request)) and not getattr(request, "app_lock_idle", None)


@register.inclusion_tag("web/_offline.html", takes_context=True)
def offline_notes(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    if request is None:
        return {"offline_user": "", "keep": False}
    return {
        "offline_user": offline_user(request),
        "keep": keeps_offline_copy(request),
        "keep_page": request.path in offline_pages(),
    }
