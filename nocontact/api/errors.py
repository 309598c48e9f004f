"""Every error of the API is ``{"error": "..."}`` with the right status, in JSON.

Validation errors (422) and unreadable bodies (400) may carry ``details``: one
``{"field", "message"}`` per problem. ``ApiError`` is what the routes raise for a
refusal of their own (a guardrail, a missing breakup).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from nocontact.accounts.errors import WordsLocked
from nocontact.accounts.vault import TamperedText
from nocontact.core.events import InvalidEvent

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """A refusal with a kind message: ``status`` is 403, 404, 409..."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def error_response(status: int, message: str, **extra: Any) -> JsonResponse:
    response = JsonResponse({"error": message, **extra}, status=status)
    add_never_cache_headers(response)
    return response


def _field_name(location: Any) -> str:
    # ninja's locations look like ("body", "payload", "mood"): the last parts name the field.
    parts = [str(p) for p in location if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "body"


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"field": _field_name(error.get("loc", ())), "message": str(error.get("msg", ""))}
        for error in errors
    ]


def invalid_event(error: InvalidEvent) -> ApiError:
    return ApiError(422, error.text, details=[{"field": error.field, "message": error.text}])


def install_handlers(api: NinjaAPI) -> None:
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(
            422,
            gettext("Some fields need another look."),
            details=validation_details(list(exc.errors)),
        )

    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(
            401, gettext("Please send a valid API token: Authorization: Bearer <token>.")
        )
        response["WWW-Authenticate"] = 'Bearer realm="nocontact"'
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return error_response(400, gettext("We couldn't read that request as JSON."))
        return error_response(exc.status_code, str(exc))

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(exc.status, exc.message, **exc.extra)

    def on_words_locked(request: HttpRequest, exc: WordsLocked) -> HttpResponse:
        return error_response(
            403,
            gettext(
                "Your words are encrypted on this account, and the API has no passphrase "
                "to open them: read and write them in the app. Nothing was saved."
            ),
        )

    def on_tampered(request: HttpRequest, exc: TamperedText) -> HttpResponse:
        return error_response(
            409, gettext("A text of yours doesn't open as it was written: it was changed.")
        )

    def on_404(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(404, gettext("Nothing here: it doesn't exist, or it isn't yours."))

    def on_crash(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The traceback names the code, not what the user wrote; the body is never logged.
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return error_response(500, gettext("Something went wrong on our side. Nothing was lost."))

    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (Exception, on_crash),
        (Http404, on_404),
        (HttpError, on_http_error),
        (AuthenticationError, on_auth),
        (ValidationError, on_validation),
        (ApiError, on_api_error),
        (WordsLocked, on_words_locked),
        (TamperedText, on_tampered),
    ]
    for exception, handler in handlers:
        api.add_exception_handler(exception, handler)


View = Callable[..., HttpResponse]


def json_not_allowed(view: View) -> View:
    """ninja answers a method it does not route with a plain-text 405: make it JSON."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = error_response(405, gettext("This address doesn't take that method."))
            response["Allow"] = allowed
        return response

    return wrapper


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other address under /api/v1/."""
    return error_response(404, gettext("There is no such address in the API."))
