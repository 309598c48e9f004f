"""Forms for the user's own settings and their reasons for No Contact."""

from __future__ import annotations

from typing import Any, Final

from django import forms
from django.utils.translation import gettext_lazy as _

from nocontact.web.forms_base import Form
from nocontact.web.forms_profile import TimezoneField

MAX_REASON_CHARS: Final = 300
MAX_REASONS: Final = 100
FRIEND_NAME_MAX_CHARS: Final = 60
FRIEND_MESSAGE_MAX_CHARS: Final = 1000

# Shown as placeholders only, one at a time: the user's own words are what count.
EXAMPLE_REASONS: Final = (
    _("I want to sleep through the night again."),
    _("I deserve someone who chooses me without doubt."),
    _("Each quiet day makes the next one a little easier."),
    _("I'd like to know who I am on my own."),
    _("Reaching out at 2 a.m. has never made me feel better."),
)


class SettingsForm(Form):
    timezone = TimezoneField()
    friend_name = forms.CharField(
        label=_("A friend you trust"),
        max_length=FRIEND_NAME_MAX_CHARS,
        required=False,
        help_text=_("Someone to write to instead, when the urge is strong."),
        error_messages={"max_length": _("Please keep the name under %(limit_value)s characters.")},
    )
    friend_message = forms.CharField(
        label=_("Your message to them"),
        max_length=FRIEND_MESSAGE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Written now, while things are calm, so it's ready on the SOS page. "
            "It goes to your friend, never to your ex."
        ),
        error_messages={
            "max_length": _("Please keep the message under %(limit_value)s characters.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["friend_name"].widget.attrs.update({"autocomplete": "off"})
        self.fields["friend_message"].widget.attrs["placeholder"] = _(
            "Hey, it's a hard night. Could you talk for a bit?"
        )

    def clean_friend_name(self) -> str:
        return " ".join(self.cleaned_data["friend_name"].split())


class ReasonForm(Form):
    text = forms.CharField(
        label=_("A reason of yours"),
        max_length=MAX_REASON_CHARS,
        strip=True,
        error_messages={
            "required": _("Please write your reason first."),
            "max_length": _("Please keep a reason under %(limit_value)s characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, example: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if example:
            self.fields["text"].widget.attrs["placeholder"] = example
        self.fields["text"].widget.attrs["maxlength"] = str(MAX_REASON_CHARS)
