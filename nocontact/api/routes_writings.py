"""Journal entries and unsent letters: the user's own words, to list, write, edit, delete.

A letter is never sent: not by the app, not by the API. Text that speaks of
self-harm is saved all the same, and the answer carries the crisis resources.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nocontact.api.common import (
    AUTH,
    BODY,
    NEEDS_BREAKUP,
    WORDS,
    breakup_of,
    crisis_resources,
    page_of,
    refuse_sealed_words,
    user_of,
)
from nocontact.api.errors import invalid_event
from nocontact.api.schemas import (
    MAX_PAGE,
    ErrorOut,
    ObjectId,
    ValidationErrorOut,
    WritingIn,
    WritingKind,
    WritingOut,
    WritingPage,
    WritingPatch,
)
from nocontact.core.crisis import mentions_self_harm
from nocontact.core.events import InvalidEvent, validate_event_data
from nocontact.journey.models import Writing

router = Router(tags=["writings"])
ITEM = "/writings/{int:writing_id}"


def writing_out(writing: Writing, support: bool = False) -> dict[str, Any]:
    return {
        "id": writing.pk,
        "kind": writing.kind,
        "text": writing.text,
        "at": writing.at,
        "updated_at": writing.updated_at,
        "crisis_resources": crisis_resources() if support else [],
    }


def _clean_text(kind: str, text: str) -> str:
    try:
        clean: str = validate_event_data(kind, {"text": text})["text"]
    except InvalidEvent as error:
        raise invalid_event(error) from None
    return clean


def _own(request: HttpRequest, writing_id: ObjectId) -> Writing:
    """The user's own writing, from any of their breakups; another user's is a 404."""
    refuse_sealed_words(user_of(request))
    return get_object_or_404(Writing, pk=writing_id, breakup__user=user_of(request))


class WritingFilter(Schema):
    kind: WritingKind | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)


@router.get("/writings", response={200: WritingPage, **AUTH, **WORDS, 422: ValidationErrorOut})
def list_writings(request: HttpRequest, filters: Query[WritingFilter]) -> Any:
    """Your journal entries and unsent letters, from every breakup, newest first."""
    refuse_sealed_words(user_of(request))
    rows: QuerySet[Writing] = Writing.objects.filter(breakup__user=user_of(request))
    if filters.kind is not None:
        rows = rows.filter(kind=filters.kind)
    rows = rows.order_by("-at", "-pk")
    return page_of(rows, filters.page, writing_out)


@router.post(
    "/writings",
    response={201: WritingOut, **NEEDS_BREAKUP, **AUTH, **WORDS, **BODY},
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    name: {
                        "operationId": operation,
                        "parameters": {"writing_id": "$response.body#/id"},
                    }
                    for name, operation in (
                        ("GetWriting", "get_writing"),
                        ("UpdateWriting", "update_writing"),
                        ("DeleteWriting", "delete_writing"),
                    )
                }
            }
        }
    },
)
def create_writing(request: HttpRequest, payload: WritingIn) -> Any:
    """A journal entry or an unsent letter, for the active breakup."""
    breakup = breakup_of(request)
    refuse_sealed_words(user_of(request))
    text = _clean_text(payload.kind, payload.text)
    writing = Writing.objects.create(
        breakup=breakup, kind=payload.kind, text=text, at=timezone.now()
    )
    return Status(201, writing_out(writing, support=mentions_self_harm(text)))


@router.get(
    ITEM, response={200: WritingOut, 404: ErrorOut, 422: ValidationErrorOut, **AUTH, **WORDS}
)
def get_writing(request: HttpRequest, writing_id: ObjectId) -> Any:
    writing = _own(request, writing_id)
    return writing_out(writing, support=mentions_self_harm(writing.text))


@router.patch(
    ITEM,
    response={200: WritingOut, 404: ErrorOut, 422: ValidationErrorOut, **AUTH, **WORDS, **BODY},
)
def update_writing(request: HttpRequest, writing_id: ObjectId, payload: WritingPatch) -> Any:
    writing = _own(request, writing_id)
    writing.text = _clean_text(writing.kind, payload.text)
    writing.updated_at = timezone.now()
    # One conditional UPDATE: a delete that came first (another tab) is a 404, not a crash.
    if not Writing.objects.filter(pk=writing.pk).update(
        text=writing.text, updated_at=writing.updated_at
    ):
        raise Http404
    return writing_out(writing, support=mentions_self_harm(writing.text))


@router.delete(ITEM, response={204: None, 404: ErrorOut, 422: ValidationErrorOut, **AUTH, **WORDS})
def delete_writing(request: HttpRequest, writing_id: ObjectId) -> Any:
    """Gone for good."""
    _own(request, writing_id).delete()
    return HttpResponse(status=204)
