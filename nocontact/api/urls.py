"""``/api/v1/``: the operations, the OpenAPI schema, the docs page, and JSON 404s.

ninja's routes are named ``api_<operation>`` (the web has a ``coach`` and an
``export`` of its own), and a method a route does not take answers JSON too.
"""

from __future__ import annotations

from django.urls import URLPattern, include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from nocontact.api.docs import docs
from nocontact.api.errors import json_not_allowed, not_found
from nocontact.api.main import api


def _api_patterns() -> list[URLPattern]:
    patterns, _app_name, _namespace = api.urls
    ours = []
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "api-root":
            continue  # ninja's home page: the JSON 404 below answers /api/v1/ instead
        if pattern.name == "openapi-json":
            pattern.callback = require_GET(pattern.callback)
        pattern.callback = csrf_exempt(json_not_allowed(pattern.callback))
        pattern.name = f"api_{pattern.name}".replace("-", "_")
        ours.append(pattern)
    return ours


urlpatterns = [
    path("", include(_api_patterns())),
    path("docs/", csrf_exempt(json_not_allowed(docs)), name="api_docs"),
    # Last: any other address under /api/v1/ is a JSON 404, never the HTML page.
    # No session is read here, so there is nothing for CSRF to protect.
    re_path(r"^", csrf_exempt(not_found), name="api_not_found"),
]
