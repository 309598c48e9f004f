"""The active breakup: read it, create it when there is none, change its profile.

The profile is checked by the web's own ``ProfileForm`` (dates, contact details in
a nickname), so the API accepts exactly what the profile page accepts.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Status

from nocontact.api.common import AUTH, BODY, breakup_of, checked, user_of
from nocontact.api.errors import ApiError
from nocontact.api.routes_profile_lists import hard_date_out, item_out, occasion_out
from nocontact.api.schemas import BreakupIn, BreakupOut, BreakupPatch, ErrorOut
from nocontact.core import model as core
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Occasion
from nocontact.web.forms_profile import ProfileForm

router = Router(tags=["breakup"])


def breakup_out(breakup: Breakup) -> dict[str, Any]:
    dates = list(breakup.occasions.all())
    return {
        "id": breakup.pk,
        "ex_nickname": breakup.ex_nickname,
        "breakup_date": breakup.breakup_date,
        "relationship_months": breakup.relationship_months,
        "ended_by": breakup.ended_by,
        "intensity": breakup.intensity,
        "goal": breakup.goal,
        "unsafe": breakup.unsafe,
        "occasions": [occasion_out(o) for o in dates if o.kind == Occasion.Kind.OCCASION],
        "hard_dates": [hard_date_out(o) for o in dates if o.kind == Occasion.Kind.HARD_DATE],
        "items_left": [item_out(i) for i in breakup.items_left.all()],
        "created_at": breakup.created_at,
    }


def _checked_profile(request: HttpRequest, fields: dict[str, Any], safety_track: bool) -> Any:
    """The profile form's verdict on ``fields``; 422 with its messages."""
    data = {key: value for key, value in fields.items() if value is not None}
    data["unsafe"] = "yes" if data.get("unsafe") else "no"
    form = ProfileForm(
        data, today=repository.today_for(user_of(request)), safety_track=safety_track
    )
    checked(form)
    return form.profile_fields()


@router.get("/breakup", response={200: BreakupOut, 404: ErrorOut, **AUTH})
def get_breakup(request: HttpRequest) -> Any:
    """Your active breakup and its profile."""
    breakup = repository.active_breakup(user_of(request))
    if breakup is None:
        raise ApiError(404, gettext("There is no breakup yet: POST /api/v1/breakup."))
    return breakup_out(breakup)


@router.post("/breakup", response={201: BreakupOut, 409: ErrorOut, **AUTH, **BODY})
def create_breakup(request: HttpRequest, payload: BreakupIn) -> Any:
    """Start: only when there is no active breakup yet (the web's "start again" archives one)."""
    user = user_of(request)
    if repository.active_breakup(user) is not None:
        raise ApiError(409, gettext("You already have a breakup here: PATCH it instead."))
    fields = _checked_profile(request, payload.model_dump(mode="json"), safety_track=False)
    breakup = repository.create_breakup(user, core.Profile(**fields))
    return Status(201, breakup_out(breakup))


@router.patch("/breakup", response={200: BreakupOut, 403: ErrorOut, 409: ErrorOut, **AUTH, **BODY})
def update_breakup(request: HttpRequest, payload: BreakupPatch) -> Any:
    """Change the profile; what you leave out stays as it is."""
    breakup = breakup_of(request)
    changes = payload.model_dump(mode="json", exclude_none=True)
    if breakup.unsafe and "goal" in changes:
        raise ApiError(
            403, gettext("On the safety track there is no goal about your ex: it stays as it is.")
        )
    current = {
        "ex_nickname": breakup.ex_nickname,
        "breakup_date": breakup.breakup_date.isoformat(),
        "relationship_months": breakup.relationship_months,
        "ended_by": breakup.ended_by,
        "intensity": breakup.intensity,
        "goal": breakup.goal,
        "unsafe": breakup.unsafe,
    }
    fields = _checked_profile(request, {**current, **changes}, safety_track=breakup.unsafe)
    breakup.ex_nickname = fields["ex_nickname"]
    breakup.relationship_months = fields["relationship_months"]
    breakup.ended_by = fields["ended_by"].value
    breakup.intensity = fields["intensity"]
    if "goal" in fields:
        breakup.goal = fields["goal"].value
    breakup.save(
        update_fields=["ex_nickname", "relationship_months", "ended_by", "intensity", "goal"]
    )
    return breakup_out(breakup)
