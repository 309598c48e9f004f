"""Forms of the daily program: check-in, urge, slip, checked on them, they reached out.

The forms only shape the input. The ranges come from ``core.rules`` (as hints for
the browser) and the checks themselves from ``core.events``, through
``repository.record_event``: an ``InvalidEvent`` becomes a form error with
``add_core_error``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nocontact.core import events as core_events
from nocontact.core import rules
from nocontact.core.events import InvalidEvent
from nocontact.web.forms_base import Form

CHANNEL_CHOICES = [
    ("call", _("A call")),
    ("text", _("A text")),
    ("social", _("Social media")),
    ("email", _("An email")),
    ("in_person", _("In person")),
]
CHANNEL_LABELS = dict(CHANNEL_CHOICES)
TONE_CHOICES = [("warm", _("Warm")), ("neutral", _("Neutral")), ("cold", _("Cold"))]
TONE_LABELS = dict(TONE_CHOICES)
CHECKED_HOW_CHOICES = [
    ("profile", _("I looked at their profile")),
    ("mutual_friends", _("I asked mutual friends")),
    ("other", _("Another way")),
]
CHECKED_HOW_LABELS = dict(CHECKED_HOW_CHOICES)
OUTCOME_CHOICES = [
    ("resisted", _("I didn't contact them")),
    ("slipped", _("I contacted them")),
]
YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]
# The suggested triggers are stored in English (they are data); shown translated.
TRIGGER_LABELS = {
    "lonely": _("Lonely"),
    "late night": _("Late night"),
    "alcohol": _("Alcohol"),
    "a song": _("A song"),
    "photos": _("Photos"),
    "social media": _("Social media"),
    "a special date": _("A special date"),
    "saw them": _("Saw them"),
    "bored": _("Bored"),
    "stressed": _("Stressed"),
}
TRIGGER_CHOICES = [(tag, TRIGGER_LABELS.get(tag, tag)) for tag in core_events.SUGGESTED_TRIGGERS]


def _scale(low: int, high: int, labels: dict[int, Any] | None = None) -> list[tuple[str, Any]]:
    labels = labels or {}
    return [(str(n), labels.get(n, str(n))) for n in range(low, high + 1)]


class SharedChoicesField(forms.ChoiceField):
    """Choices fixed when the form class is made, shared by every form built from it.

    Django deep-copies a choice field's choices, and its widget's, for each new form (a
    third of the time to build the check-in and urge forms); ours are never changed in
    place, only ever replaced (``field.choices = ...``), which gives that one form its
    own list. ``forms_base.copied_field`` copies neither.
    """

    shares_choices = True

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return forms.Field.__deepcopy__(self, memo)


class SharedChoicesMultipleField(SharedChoicesField, forms.MultipleChoiceField):
    """``SharedChoicesField`` for several choices at once."""


class CoreChoiceField(SharedChoicesField):
    """A choice the core checks: the form does not second-guess the value."""

    def valid_value(self, value: Any) -> bool:
        return True


def add_core_error(form: forms.BaseForm, error: InvalidEvent) -> None:
    """Show the core's reason on the field it is about, translated and accessible."""
    message = gettext(error.message).format(**error.params)
    name = error.field if error.field in form.fields else None
    form.add_error(name, message)
    if name is not None:
        widget = form.fields[name].widget
        widget.attrs["aria-invalid"] = "true"
        widget.attrs["aria-describedby"] = f"{form[name].auto_id}_error"


def _number_attrs(low: float, high: float, step: str = "1") -> dict[str, str]:
    return {"min": str(low), "max": str(high), "step": step, "inputmode": "numeric"}


def _note(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=core_events.MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CheckinForm(Form):
    renders_alike = True  # an empty one, printed once (forms_base.EmptyForm)
    mood = CoreChoiceField(
        label=_("How is your mood today?"),
        choices=_scale(*rules.MOOD_RANGE, labels={1: _("1 · very low"), 5: _("5 · good")}),
        widget=forms.RadioSelect,
    )
    desperation = forms.CharField(
        label=_("How desperate do you feel to reach them?"),
        help_text=_("0 means not at all, 10 means it is all you can think of."),
        widget=forms.NumberInput(attrs=_number_attrs(*rules.DESPERATION_RANGE)),
    )
    cried = CoreChoiceField(
        label=_("Did you cry today?"), choices=YES_NO_CHOICES, widget=forms.RadioSelect
    )
    sleep_hours = forms.CharField(
        label=_("About how many hours did you sleep?"),
        required=False,
        widget=forms.NumberInput(
            attrs={**_number_attrs(*rules.SLEEP_HOURS_RANGE, step="0.5"), "inputmode": "decimal"}
        ),
    )
    control = CoreChoiceField(
        label=_("How much does life feel under control?"),
        required=False,
        choices=_scale(
            *rules.LIFE_CONTROL_RANGE, labels={1: _("1 · not at all"), 5: _("5 · very much")}
        ),
        widget=forms.RadioSelect,
    )
    note = _note(_("Anything you want to remember about today?"), _("Optional. Only you see it."))

    def event_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class UrgeForm(Form):
    renders_alike = True  # an empty one, printed once (forms_base.EmptyForm)
    intensity = forms.CharField(
        label=_("How strong is (or was) the urge?"),
        help_text=_("1 is a passing thought, 10 is overwhelming."),
        widget=forms.NumberInput(attrs=_number_attrs(*rules.URGE_INTENSITY_RANGE)),
    )
    triggers = SharedChoicesMultipleField(
        label=_("What set it off?"),
        required=False,
        choices=TRIGGER_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    other_trigger = forms.CharField(
        label=_("Something else"),
        required=False,
        max_length=core_events.MAX_TRIGGER_CHARS,
        help_text=_("Optional: a word or two."),
    )
    channel = CoreChoiceField(
        label=_("How were you tempted to reach them?"),
        required=False,
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
    )
    outcome = CoreChoiceField(
        label=_("What happened?"), choices=OUTCOME_CHOICES, widget=forms.RadioSelect
    )
    note = _note(_("A note for yourself"), _("What helped, or how it felt. Optional."))
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The field is called "from" in the page; "from" is a Python keyword.
        self.fields["from"] = self.fields.pop("source")

    def event_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"other_trigger", "from"}}
        triggers = list(data.get("triggers") or [])
        if self.cleaned_data.get("other_trigger"):
            triggers.append(self.cleaned_data["other_trigger"])
        data["triggers"] = triggers
        return data

    @property
    def from_sos(self) -> bool:
        return self.data.get("from") == "sos"


class SlipForm(Form):
    when = forms.ChoiceField(
        label=_("When was it?"),
        choices=[("now", _("Just now")), ("earlier", _("Earlier"))],
        initial="now",
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("Only if it was earlier."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        help_text=_("Your own time. Leave empty if you don't remember."),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    channel = CoreChoiceField(
        label=_("How was the contact?"),
        required=False,
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
    )
    note = _note(
        _("How do you feel now?"),
        _("Optional. Next time the urge comes, the SOS page can show you these words."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("when") == "earlier"
            and not cleaned.get("date")
            and "date" not in self.errors
        ):
            self.add_error("date", gettext("Please give the date, or choose \u201cJust now\u201d."))
        return cleaned


class CheckedOnThemForm(Form):
    how = CoreChoiceField(
        label=_("How did you check?"),
        required=False,
        choices=CHECKED_HOW_CHOICES,
        widget=forms.RadioSelect,
    )
    note = _note(_("How did it feel?"), _("Optional. Only you see it."))


class ExContactForm(Form):
    channel = CoreChoiceField(
        label=_("How did they reach out?"),
        required=False,
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
    )
    tone = CoreChoiceField(
        label=_("How did it feel?"), required=False, choices=TONE_CHOICES, widget=forms.RadioSelect
    )
    text = _note(_("What did they say?"), _("Optional. In your own words, or copied in."))


def _writing(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,  # the core says what is missing, kindly
        widget=forms.Textarea(attrs={"rows": 14}),
    )


class WritingForm(Form):
    text = _writing(_("Your words"))


class LetterForm(WritingForm):
    """The SOS page's letter to the ex, kept here and never sent."""

    renders_alike = True  # an empty one, printed once (forms_base.EmptyForm)
    text = _writing(_("Write to them here instead. This is never sent."))
