"""Installable and offline: the web app manifest, the service worker, and forgetting both.

The service worker is our own plain script (``static/nocontact/js/sw.js``), served from the
root so its scope covers the whole app. What it keeps is personal (the SOS page with the
friend's text, the reasons), so it keeps it only for a signed-in person without an app lock,
and every way of leaving (logging out, deleting the account, quick exit) tells the browser to
clear it with ``Clear-Site-Data``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import Any, Final

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# A replay from the offline queue asks for a short JSON answer instead of a page.
REPLAY_HEADER: Final = "X-Nocontact-Replay"
SAVED_OFFLINE_PARAM: Final = "saved-offline"
SERVICE_WORKER: Final = Path(__file__).resolve().parents[1] / "static/nocontact/js/sw.js"
# Everything the browser keeps for this site: caches, the offline queue, the worker itself.
CLEAR_SITE_DATA: Final = '"cache", "storage"'
THEME_COLOR: Final = "#2f6456"
BACKGROUND_COLOR: Final = "#f6f2ea"


def offline_pages() -> list[str]:
    """The pages kept for offline use: SOS (with the friend's text) and the reasons."""
    return [reverse("sos"), reverse("reasons")]


def offline_user(request: HttpRequest) -> str:
    """An opaque mark of the signed-in person ('' when signed out): queued urges carry it,
    so an urge logged offline is never sent from someone else's session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("nocontact.offline-user", str(user.pk)).hexdigest()[:24]


@cache
def _worker_source() -> str:
    return SERVICE_WORKER.read_text(encoding="utf-8")


def worker_config() -> dict[str, Any]:
    return {
        "pages": offline_pages(),
        "fallback": reverse("sos"),
        "urge": reverse("urge"),
        "replayHeader": REPLAY_HEADER,
        "savedParam": SAVED_OFFLINE_PARAM,
        "staticUrl": static(""),
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    config = json.dumps(worker_config(), sort_keys=True)
    source = _worker_source()
    # The cache name changes with the script or its settings, so an update starts clean.
    version = hashlib.sha256((config + source).encode()).hexdigest()[:12]
    body = f'self.nocontactConfig = {config};\nself.nocontactVersion = "{version}";\n{source}'
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    add_never_cache_headers(response)
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    document = {
        "name": "nocontact",
        "short_name": "nocontact",
        "description": _("A private coach for the weeks after a breakup."),
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static("nocontact/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("nocontact/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("nocontact/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("nocontact/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [{"name": _("SOS"), "url": reverse("sos")}],
    }
    response = JsonResponse(document, content_type="application/manifest+json")
    # Like every page a signed-in person gets: never stored (it is small, and rarely read).
    add_never_cache_headers(response)
    return response


def replay_for_someone_else(request: HttpRequest) -> bool:
    """A queued entry made while someone else was signed in on this browser."""
    marked = request.POST.get("offline_user", "")
    return bool(marked) and marked != offline_user(request)


ViewFunction = Callable[..., HttpResponse]


def clears_site_data(view: ViewFunction) -> ViewFunction:
    """Ask the browser to forget what it keeps for offline use (where it supports it)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method == "POST" or response.status_code < 300:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response

    return wrapper
