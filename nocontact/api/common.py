"""What every route needs: the token's user, their active breakup, the documented errors."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja.security import HttpBearer

from nocontact.accounts import words
from nocontact.accounts.errors import WordsLocked
from nocontact.api.errors import ApiError
from nocontact.api.schemas import PAGE_SIZE, ErrorOut, ValidationErrorOut
from nocontact.api.tokens import user_for_token
from nocontact.core.program import ProgramState
from nocontact.journey import repository
from nocontact.journey.models import Breakup
from nocontact.web.views.program_texts import lock_note_for


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``, and nothing else: no session, so no CSRF to forge."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token)


def user_of(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    return user


def breakup_of(request: HttpRequest) -> Breakup:
    """The user's active breakup, or 409: most of the API needs one."""
    user = user_of(request)
    breakup = repository.active_breakup(user)
    if breakup is None:
        raise ApiError(409, gettext("Tell us about your breakup first: POST /api/v1/breakup."))
    breakup.user = user  # already loaded: spare a query
    return breakup


def checked(form: Form) -> dict[str, Any]:
    """The form's cleaned fields, or 422 with each of its messages, by field."""
    if not form.is_valid():
        details = [
            {"field": field, "message": str(message)}
            for field, messages in form.errors.items()
            for message in messages
        ]
        raise ApiError(422, gettext("Some fields need another look."), details=details)
    return dict(form.cleaned_data)


def locked(state: ProgramState, fallback: str) -> ApiError:
    """403 with the core's reason, explained as the web explains it."""
    note = lock_note_for(state)
    if note is None:
        return ApiError(403, fallback)
    return ApiError(403, f"{note['title']}. {note['text']}", lock_reason=note["reason"])


def crisis_resources() -> list[dict[str, Any]]:
    return [
        {**resource, "name": gettext(resource["name"]), "detail": gettext(resource["detail"])}
        for resource in settings.CRISIS_RESOURCES
    ]


# Documented answers: every status an operation can give is in its schema.
AUTH: dict[int, Any] = {401: ErrorOut}
BODY: dict[int, Any] = {400: ValidationErrorOut, 422: ValidationErrorOut}
NEEDS_BREAKUP: dict[int, Any] = {409: ErrorOut}
# An account whose words are encrypted: the API holds no passphrase, so it can neither
# open nor seal them (docs/encryption.md), and says so instead of guessing.
WORDS: dict[int, Any] = {403: ErrorOut}


def refuse_sealed_words(user: User) -> None:
    if words.is_on(user.pk):
        raise WordsLocked


Row = TypeVar("Row", bound=Model)


def page_of(rows: QuerySet[Row], page: int, out: Callable[[Row], dict[str, Any]]) -> dict[str, Any]:
    """One page of a list: ``count``, ``page``, ``pages`` and its ``results``, newest first."""
    count = rows.count()
    start = (page - 1) * PAGE_SIZE
    return {
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / PAGE_SIZE)),
        "results": [out(row) for row in rows[start : start + PAGE_SIZE]],
    }
