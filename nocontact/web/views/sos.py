"""SOS: the urge to contact them is here. Slow down, remember why, write instead.

Nothing on this page is ever addressed to the ex: the only outward button opens
the user's own prepared text to a trusted friend.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, cast
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from nocontact.accounts import vault, words
from nocontact.accounts.models import settings_for
from nocontact.accounts.prepared import ID, Prepared
from nocontact.core import rules
from nocontact.core.events import InvalidEvent, validate_event_data
from nocontact.core.model import EventKind
from nocontact.journey.models import Breakup, Event, Reason, Writing
from nocontact.journey.sealing import opened_event_data
from nocontact.web import forms_program as f
from nocontact.web.forms_base import EmptyForm
from nocontact.web.views.common import breakup_required
from nocontact.web.views.crisis import after_saving

RECENT_URGES = 3
REASONS_SHOWN = 20
SLIPS_LOOKED_AT = 5


# The SOS page is opened in the worst minutes: its look-ups run with SQL compiled once,
# and read values, not instances (no ``__init__`` and signals for each row).
_LAST_SLIPS = Prepared(
    lambda breakup_id: (
        Event.objects.filter(breakup_id=breakup_id, kind=EventKind.SLIP.value)
        .order_by("-at", "-pk")
        .values_list("pk", "at", "data")[:SLIPS_LOOKED_AT]
    ),
    ID,
)
_RESISTED_URGES = Prepared(
    lambda breakup_id: (
        Event.objects.filter(
            breakup_id=breakup_id, kind=EventKind.URGE.value, data__outcome="resisted"
        )
        .order_by("-at", "-pk")
        .values_list("pk", "at", "data")[:RECENT_URGES]
    ),
    ID,
)
_REASONS = Prepared(
    lambda user_id: Reason.objects.filter(user_id=user_id).values_list("text")[:REASONS_SHOWN],
    ID,
)


class SlipNote(NamedTuple):
    at: dt.datetime
    note: str


class ResistedUrge(NamedTuple):
    at: dt.datetime
    intensity: int | None
    triggers: str  # their labels, in the user's words
    note: str


def last_slip_note(breakup: Breakup) -> SlipNote | None:
    """The latest slip the user wrote something about."""
    for pk, at, data in _LAST_SLIPS.tuples(breakup.pk):
        note = _readable(opened_event_data(pk, EventKind.SLIP, data or {}).get("note", ""))
        if note.strip():
            return SlipNote(at, note)
    return None


def _readable(note: object) -> str:
    # A sealed note (encryption on, words locked) is not shown: the page works without it.
    return "" if vault.is_sealed(note) or not isinstance(note, str) else note


def resisted_urges(breakup: Breakup) -> list[ResistedUrge]:
    found = []
    for pk, at, data in _RESISTED_URGES.tuples(breakup.pk):
        data = opened_event_data(pk, EventKind.URGE, data or {})
        triggers = ", ".join(str(f.TRIGGER_LABELS.get(t, t)) for t in data.get("triggers", []))
        found.append(ResistedUrge(at, data.get("intensity"), triggers, _readable(data.get("note"))))
    return found


def save_writing(breakup: Breakup, form: f.WritingForm, kind: EventKind) -> Writing | None:
    """Check the text through the core and keep it; None with a form error."""
    try:
        clean = validate_event_data(kind, {"text": form.cleaned_data.get("text", "")})
    except InvalidEvent as error:
        f.add_core_error(form, error)
        return None
    with transaction.atomic():  # inserted, then sealed when encryption is on
        return Writing.objects.create(
            breakup=breakup, kind=kind.value, text=clean["text"], at=timezone.now()
        )


@require_http_methods(["GET", "POST"])
@breakup_required
def sos(request: HttpRequest) -> HttpResponse:
    breakup: Breakup = request.breakup  # type: ignore[attr-defined]
    letter_form: f.LetterForm | EmptyForm = f.LetterForm.empty(prefix="letter")
    if request.POST:
        letter_form = f.LetterForm(request.POST, prefix="letter")
        if letter_form.is_valid() and save_writing(breakup, letter_form, EventKind.UNSENT_LETTER):
            messages.success(
                request,
                gettext("Your letter is saved here, and only here. It will never be sent."),
            )
            return after_saving("sos", letter_form.cleaned_data.get("text"))
    now = timezone.now()
    user = cast(User, request.user)  # breakup_required: never anonymous here
    user_settings = settings_for(user)
    friend_message = user_settings.friend_message.strip()
    context = {
        "nav": "",
        "unsafe": breakup.unsafe,
        "delay_minutes": rules.SOS_DELAY_MINUTES,
        "delay_seconds": rules.SOS_DELAY_MINUTES * 60,
        "delay_ends": now + dt.timedelta(minutes=rules.SOS_DELAY_MINUTES),
        "reasons": [text for (text,) in _REASONS.tuples(user.pk)],
        "last_slip": last_slip_note(breakup),
        "resisted": resisted_urges(breakup),
        "friend_name": user_settings.friend_name,
        "friend_message": friend_message,
        "friend_sms": "sms:?body=" + quote(friend_message) if friend_message else "",
        "letter_form": letter_form,
        "words_locked": words.locked_here(request),
        "form": f.UrgeForm.empty(initial={"from": "sos", "outcome": "resisted"}),
    }
    return render(request, "web/sos.html", context, status=400 if letter_form.errors else 200)
