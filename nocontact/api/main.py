"""The API object: bearer tokens on every operation, JSON errors, the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from nocontact.api import (
    routes_breakup,
    routes_events,
    routes_profile_lists,
    routes_program,
    routes_writings,
)
from nocontact.api.common import BearerToken
from nocontact.api.errors import install_handlers

DESCRIPTION = (
    "Your own nocontact data, for your own scripts. Every call needs a token "
    "(Settings → API tokens) sent as `Authorization: Bearer <token>`. Every error is "
    '`{"error": "..."}` with its status. The same guardrails as in the app apply: while '
    "contact tools are closed, contact-tool calls answer 403. Nothing is ever sent to your ex."
)

ROOT = "/api/v1/"


class Api(NinjaAPI):
    def get_root_path(self, path_params: dict[str, Any]) -> str:
        # Our URLconf names the routes itself (urls.py), without ninja's namespace.
        return ROOT

    def get_openapi_operation_id(self, operation: Operation) -> str:
        # The function's name is unique here and reads well in links and docs.
        return operation.view_func.__name__


api = Api(
    title="nocontact API",
    version="1",
    description=DESCRIPTION,
    auth=BearerToken(),
    docs_url=None,  # our own docs page: no CDN, strict CSP (see docs.py)
    urls_namespace="api",
)
install_handlers(api)
api.add_router("/", routes_breakup.router)
api.add_router("/", routes_profile_lists.router)
api.add_router("/", routes_events.router)
api.add_router("/", routes_writings.router)
api.add_router("/", routes_program.router)
