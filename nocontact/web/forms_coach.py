"""Forms of the message coach: a draft to check, and the "I might send this" mark."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django import forms
from django.utils.translation import gettext_lazy as _

from nocontact.core import rules
from nocontact.core.coach import Route
from nocontact.web.forms_base import Form

# Longer than any message worth sending; the coach reads it in a few ms.
DRAFT_MAX_CHARACTERS: Final = 10_000
UNANSWERED_MAX: Final = 50

ROUTE_CHOICES: Final = [
    (Route.FIRST_CONTACT.value, _("A first message after the silence")),
    (Route.REPLY.value, _("A reply to them")),
    (Route.OCCASION.value, _("A message for an occasion")),
    (Route.PICKUP.value, _("About things left behind")),
    (Route.INTENT_STATEMENT.value, _("A statement of intent")),
    (Route.DECLINE_FRIENDSHIP.value, _("Kindly declining friendship")),
]


class DraftError(ValueError):
    """Bad coach input, with a kind message for the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


ROUTE_VALUES: Final = frozenset(route.value for route in Route)


def route_or_default(value: Any, default: Route = Route.FIRST_CONTACT) -> Route:
    """The route named by ``value``, or ``default`` for anything else."""
    return Route(value) if isinstance(value, str) and value in ROUTE_VALUES else default


def parse_route(value: Any) -> Route:
    try:
        return Route(str(value))
    except ValueError:
        raise DraftError("route", str(_("Please choose what the message is for."))) from None


def parse_send_at(value: Any) -> dt.time | None:
    """``HH:MM`` (or empty for "now"); anything else is a kind error."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            parsed = dt.time.fromisoformat(value)
        except ValueError:
            pass
        else:
            if len(value) in (5, 8):  # HH:MM or HH:MM:SS, nothing fancier
                return parsed.replace(tzinfo=None)
    raise DraftError("send_at", str(_("Please give the time like 21:30.")))


def parse_unanswered(value: Any) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise DraftError("unanswered", _unanswered_error())
    try:
        number = int(value)
    except ValueError:
        raise DraftError("unanswered", _unanswered_error()) from None
    if not 0 <= number <= UNANSWERED_MAX:
        raise DraftError("unanswered", _unanswered_error())
    return number


def parse_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DraftError("text", str(_("The draft should be plain text.")))
    if len(value) > DRAFT_MAX_CHARACTERS:
        raise DraftError("text", _too_long_error())
    return value


def _unanswered_error() -> str:
    return str(_("Please give a whole number from 0 to %(max)s.") % {"max": UNANSWERED_MAX})


def _too_long_error() -> str:
    return str(
        _("This is longer than the coach can read (%(max)s characters).")
        % {"max": f"{DRAFT_MAX_CHARACTERS:,}"}
    )


class CoachForm(Form):
    """The coach page: what the draft is for, the draft, and when it would be sent."""

    route = forms.ChoiceField(label=_("What is this message for?"), choices=ROUTE_CHOICES)
    text = forms.CharField(
        label=_("Your draft"),
        required=False,
        max_length=DRAFT_MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    send_at = forms.TimeField(
        label=_("When would you send it?"),
        required=False,
        help_text=_("Leave it empty for now."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Please give the time like 21:30.")},
    )
    unanswered = forms.IntegerField(
        label=_("How many of your messages are still waiting for a reply?"),
        required=False,
        min_value=0,
        max_value=UNANSWERED_MAX,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["max_length"] = _too_long_error()
        self.fields["route"].error_messages["invalid_choice"] = _(
            "Please choose what the message is for."
        )
        self.fields["text"].widget.attrs.update(
            {"data-coach-route": "#id_route", "data-coach-send-at": "#id_send_at"}
        )
        self.fields["text"].widget.attrs["data-coach-unanswered"] = "#id_unanswered"


class MightSendForm(Form):
    """On an unsent letter: "I might send this", and what it would be for."""

    might_send = forms.BooleanField(
        label=_("I might send this"),
        required=False,
    )
    route = forms.ChoiceField(
        label=_("If you sent it, what would it be?"),
        choices=ROUTE_CHOICES,
        initial=Route.FIRST_CONTACT.value,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["might_send"].help_text = _(
            "It waits %(hours)s hours, then comes back with the coach's review. "
            "Nothing is ever sent from here."
        ) % {"hours": rules.COOL_OFF_HOURS}

    def clean_route(self) -> str:
        value: str = self.cleaned_data.get("route") or Route.FIRST_CONTACT.value
        return value
