"""Forms of the reconnect routes: an attempt's debrief, the first meeting, a signal.

The forms only shape the input; ``core.events`` checks every value through
``repository.record_event``, and a value it refuses comes back as a form error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nocontact.core import events as core_events
from nocontact.core import rules
from nocontact.core.model import AttemptOutcome, Signal
from nocontact.web.forms_base import Form
from nocontact.web.forms_program import YES_NO_CHOICES

ATTEMPT_OUTCOME_CHOICES = [
    (AttemptOutcome.POSITIVE.value, _("They answered warmly")),
    (AttemptOutcome.NEUTRAL.value, _("They answered, politely but briefly")),
    (AttemptOutcome.NOT_READY.value, _("They said they're not ready")),
    (AttemptOutcome.NO_REPLY.value, _("No reply")),
    (AttemptOutcome.ASKED_NO_CONTACT.value, _("They asked me not to contact them")),
    (AttemptOutcome.BLOCKED.value, _("They blocked me")),
]
ATTEMPT_OUTCOME_LABELS = dict(ATTEMPT_OUTCOME_CHOICES)

SIGNAL_CHOICES = [
    (Signal.EX_INITIATED.value, _("They got in touch first")),
    (Signal.OFFERED_TO_MEET.value, _("They offered to meet")),
    (Signal.LONG_REPLIES.value, _("They wrote long replies")),
    (Signal.ASKED_ABOUT_YOUR_LIFE.value, _("They asked about my life")),
    (Signal.SUGGESTED_ANOTHER_MEETING.value, _("They suggested meeting again")),
    (Signal.SHORT_REPLIES.value, _("Their replies were short")),
    (Signal.MENTIONS_NEW_PARTNER.value, _("They mentioned someone new")),
    (Signal.ASKS_FOR_SPACE.value, _("They asked for space")),
    (Signal.OFFERED_FRIENDSHIP.value, _("They offered friendship")),
]
SIGNAL_LABELS = dict(SIGNAL_CHOICES)

FEELING_CHOICES = [
    (str(n), label)
    for n, label in zip(
        range(rules.MOOD_RANGE[0], rules.MOOD_RANGE[1] + 1),
        (_("1 · very low"), "2", "3", "4", _("5 · good")),
        strict=True,
    )
]


def _note(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=core_events.MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _signals_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=_("Pick any that fit. Each one is kept with today's date."),
        required=False,
        choices=SIGNAL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )


def _feeling_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("How do you feel now?"),
        help_text=_("There is no right answer."),
        required=False,
        choices=FEELING_CHOICES,
        widget=forms.RadioSelect,
    )


class AttemptForm(Form):
    """The debrief of one attempt: what happened, the signals seen, how you feel."""

    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=ATTEMPT_OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please pick what happened.")},
    )
    signals = _signals_field(_("Which signals did you notice?"))
    feeling = _feeling_field()
    note = _note(_("Anything you'd like to remember?"), _("Optional. Only you see it."))

    def attempt_data(self, route: str) -> dict[str, Any]:
        data = self.cleaned_data
        attempt: dict[str, Any] = {"route": route, "outcome": data["outcome"]}
        # Not a field the rules read: kept with the attempt for the user's history.
        if data.get("feeling"):
            attempt["feeling"] = int(data["feeling"])
        if data.get("note"):
            attempt["note"] = data["note"]
        return attempt


class MeetingForm(Form):
    """The debrief of the first meeting."""

    signals = _signals_field(_("Which signals did you notice?"))
    again_both_sides = forms.ChoiceField(
        label=_("Did 'let's do this again' come from both of you?"),
        help_text=_("Count it only if they said it too, or agreed warmly."),
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    feeling = _feeling_field()
    note = _note(_("Anything you'd like to remember?"), _("Optional. Only you see it."))

    def meeting_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "again_both_sides": data["again_both_sides"],
            "feeling": data.get("feeling") or None,
            "note": data.get("note") or None,
        }


class SignalForm(Form):
    signal = forms.ChoiceField(
        label=_("What did you notice?"),
        choices=SIGNAL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please pick what you noticed.")},
    )
    note = _note(_("A few words about it?"), _("Optional. Only you see it."))
