"""The reminders form: an address used for nothing else, which reminders, and when."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nocontact.web.forms_base import Form

EMAIL_MAX_CHARS = 254


class ReminderForm(Form):
    email = forms.EmailField(
        label=_("Your e-mail address for reminders"),
        required=False,
        max_length=EMAIL_MAX_CHARS,
        help_text=_(
            "Optional. Used only to send the reminders you choose below: nothing else, "
            "never shared. Leave it empty to get none."
        ),
        error_messages={
            "invalid": _("That doesn't look like an e-mail address. Please check it."),
            "max_length": _("Please keep the address under %(limit_value)s characters."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    daily_checkin = forms.BooleanField(label=_("A daily nudge to check in"), required=False)
    milestones = forms.BooleanField(label=_("Your milestones (day 7, 30, 90...)"), required=False)
    hard_dates = forms.BooleanField(label=_("The day before a hard date"), required=False)
    send_at = forms.TimeField(
        label=_("At what time?"),
        help_text=_("Your own local time. Reminders come once a day at most per kind."),
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Please give a time, like 21:00."),
            "invalid": _("Please give a time like 21:00."),
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = any(cleaned.get(k) for k in ("daily_checkin", "milestones", "hard_dates"))
        if chosen and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email",
                _("Reminders need an address to go to. Add one, or leave the reminders off."),
            )
        return cleaned
