"""The lists of the breakup profile: occasions of theirs, hard dates, items left behind.

Each is checked by the profile page's own form (``DateForm``, ``ItemForm``), so the API
accepts what the page accepts. They belong to the active breakup: a row of another
user (or of an older breakup) is a 404. As on the page, the safety track has no
occasions of theirs and no items to give back (403); hard dates are for everyone.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Router, Status

from nocontact.api.common import AUTH, BODY, NEEDS_BREAKUP, breakup_of, checked
from nocontact.api.errors import ApiError
from nocontact.api.schemas import (
    ErrorOut,
    HardDateIn,
    HardDateOut,
    ItemLeftIn,
    ItemLeftOut,
    ObjectId,
    OccasionIn,
    OccasionOut,
    ValidationErrorOut,
)
from nocontact.core.model import LockReason
from nocontact.journey.models import Breakup, ItemLeft, Occasion
from nocontact.web.forms_profile import DateForm, ItemForm

router = Router(tags=["breakup"])

LIST: dict[int, Any] = {**NEEDS_BREAKUP, **AUTH}
CREATE: dict[int, Any] = {403: ErrorOut, **NEEDS_BREAKUP, **AUTH, **BODY}
ONE: dict[int, Any] = {404: ErrorOut, 422: ValidationErrorOut, **NEEDS_BREAKUP, **AUTH}


def occasion_out(row: Occasion) -> dict[str, Any]:
    return {"id": row.pk, "name": row.name, "date": row.date}


def hard_date_out(row: Occasion) -> dict[str, Any]:
    return {"id": row.pk, "name": row.name, "date": row.date, "coping_plan": row.coping_plan}


def item_out(row: ItemLeft) -> dict[str, Any]:
    return {"id": row.pk, "name": row.name, "substantial": row.substantial}


def _no_contact_lists_on_safety_track(breakup: Breakup, message: str) -> None:
    if breakup.unsafe:
        raise ApiError(403, message, lock_reason=LockReason.SAFETY_TRACK.value)


def _dates(breakup: Breakup, kind: str) -> Any:
    return Occasion.objects.filter(breakup=breakup, kind=kind).order_by("date", "pk")


def _date(breakup: Breakup, pk: int, kind: str) -> Occasion:
    """One of this breakup's dates of ``kind``; anything else is a 404, never a 403."""
    return get_object_or_404(Occasion, pk=pk, breakup=breakup, kind=kind)


def _create_date(breakup: Breakup, kind: str, fields: dict[str, Any]) -> Occasion:
    form = DateForm({f"{kind}-{name}": value for name, value in fields.items()}, kind=kind)
    clean = checked(form)
    return Occasion.objects.create(
        breakup=breakup,
        kind=kind,
        name=clean["name"],
        date=clean["date"],
        coping_plan=clean.get("coping_plan", ""),
    )


# --- Occasions of theirs -----------------------------------------------------------------

OCCASION = "/breakup/occasions/{int:occasion_id}"


@router.get("/breakup/occasions", response={200: list[OccasionOut], **LIST})
def list_occasions(request: HttpRequest) -> Any:
    """Their dates you already know (a birthday, a graduation), soonest in the calendar first."""
    breakup = breakup_of(request)
    return [occasion_out(row) for row in _dates(breakup, Occasion.Kind.OCCASION)]


@router.post("/breakup/occasions", response={201: OccasionOut, **CREATE})
def create_occasion(request: HttpRequest, payload: OccasionIn) -> Any:
    """Only the date, never where they are or what they do. Not on the safety track (403)."""
    breakup = breakup_of(request)
    _no_contact_lists_on_safety_track(
        breakup, gettext("On the safety track there are no occasions of theirs to keep.")
    )
    row = _create_date(breakup, Occasion.Kind.OCCASION, payload.model_dump())
    return Status(201, occasion_out(row))


@router.get(OCCASION, response={200: OccasionOut, **ONE})
def get_occasion(request: HttpRequest, occasion_id: ObjectId) -> Any:
    breakup = breakup_of(request)
    return occasion_out(_date(breakup, occasion_id, Occasion.Kind.OCCASION))


@router.delete(OCCASION, response={204: None, **ONE})
def delete_occasion(request: HttpRequest, occasion_id: ObjectId) -> Any:
    breakup = breakup_of(request)
    _date(breakup, occasion_id, Occasion.Kind.OCCASION).delete()
    return HttpResponse(status=204)


# --- Hard dates for you ------------------------------------------------------------------

HARD_DATE = "/breakup/hard_dates/{int:hard_date_id}"


@router.get("/breakup/hard_dates", response={200: list[HardDateOut], **LIST})
def list_hard_dates(request: HttpRequest) -> Any:
    """Days that may sting, each with its plan, soonest in the calendar first."""
    breakup = breakup_of(request)
    return [hard_date_out(row) for row in _dates(breakup, Occasion.Kind.HARD_DATE)]


@router.post("/breakup/hard_dates", response={201: HardDateOut, **CREATE})
def create_hard_date(request: HttpRequest, payload: HardDateIn) -> Any:
    """An anniversary, a holiday: the plan shows up a few days ahead of it."""
    breakup = breakup_of(request)
    row = _create_date(breakup, Occasion.Kind.HARD_DATE, payload.model_dump())
    return Status(201, hard_date_out(row))


@router.get(HARD_DATE, response={200: HardDateOut, **ONE})
def get_hard_date(request: HttpRequest, hard_date_id: ObjectId) -> Any:
    breakup = breakup_of(request)
    return hard_date_out(_date(breakup, hard_date_id, Occasion.Kind.HARD_DATE))


@router.delete(HARD_DATE, response={204: None, **ONE})
def delete_hard_date(request: HttpRequest, hard_date_id: ObjectId) -> Any:
    breakup = breakup_of(request)
    _date(breakup, hard_date_id, Occasion.Kind.HARD_DATE).delete()
    return HttpResponse(status=204)


# --- Items left behind -----------------------------------------------------------------------

ITEM = "/breakup/items_left/{int:item_id}"


@router.get("/breakup/items_left", response={200: list[ItemLeftOut], **LIST})
def list_items_left(request: HttpRequest) -> Any:
    """What you left at their place (or they at yours), in the order you added them."""
    breakup = breakup_of(request)
    return [item_out(row) for row in ItemLeft.objects.filter(breakup=breakup).order_by("pk")]


@router.post("/breakup/items_left", response={201: ItemLeftOut, **CREATE})
def create_item_left(request: HttpRequest, payload: ItemLeftIn) -> Any:
    """Only a substantial item is worth offering back. Not on the safety track (403)."""
    breakup = breakup_of(request)
    _no_contact_lists_on_safety_track(
        breakup,
        gettext(
            "On the safety track, nothing is offered back through the app. If you need "
            "something back, ask someone you trust or a support service."
        ),
    )
    clean = checked(ItemForm({f"item-{k}": v for k, v in payload.model_dump().items()}))
    row = ItemLeft.objects.create(
        breakup=breakup, name=clean["name"], substantial=clean["substantial"]
    )
    return Status(201, item_out(row))


@router.get(ITEM, response={200: ItemLeftOut, **ONE})
def get_item_left(request: HttpRequest, item_id: ObjectId) -> Any:
    breakup = breakup_of(request)
    return item_out(get_object_or_404(ItemLeft, pk=item_id, breakup=breakup))


@router.delete(ITEM, response={204: None, **ONE})
def delete_item_left(request: HttpRequest, item_id: ObjectId) -> Any:
    breakup = breakup_of(request)
    get_object_or_404(ItemLeft, pk=item_id, breakup=breakup).delete()
    return HttpResponse(status=204)
