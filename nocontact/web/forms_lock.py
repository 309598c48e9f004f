"""Forms for the app lock: unlocking, and setting or removing the PIN."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from nocontact.accounts import lock
from nocontact.web.forms_base import Form

PIN_PATTERN = rf"^[0-9]{{{lock.PIN_MIN_DIGITS},{lock.PIN_MAX_DIGITS}}}$"
PIN_HELP = _("4 to 8 digits.")
PIN_INVALID = _("Please use 4 to 8 digits, numbers only.")


def pin_widget(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(
        attrs={"inputmode": "numeric", "autocomplete": autocomplete, "pattern": "[0-9]*"}
    )


class PinField(forms.CharField):
    def __init__(self, *, autocomplete: str = "off", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", lock.PIN_MAX_DIGITS)
        kwargs.setdefault("strip", True)
        super().__init__(
            widget=pin_widget(autocomplete),
            validators=[RegexValidator(PIN_PATTERN, PIN_INVALID)],
            error_messages={"required": _("Please enter your PIN."), "max_length": PIN_INVALID},
            **kwargs,
        )


class UnlockForm(Form):
    pin = PinField(label=_("Your PIN"), autocomplete="off")


class CurrentPasswordMixin(forms.Form):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self) -> str:
        password: str = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password doesn't match. Please try again."))
        return password


def current_password_field() -> forms.CharField:
    return forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password.")},
    )


class SetPinForm(CurrentPasswordMixin, Form):
    pin = PinField(label=_("New PIN"), help_text=PIN_HELP, autocomplete="new-password")
    pin_again = PinField(label=_("The same PIN again"), autocomplete="new-password")
    idle_minutes = forms.IntegerField(
        label=_("Lock after this many quiet minutes"),
        min_value=lock.IDLE_MIN_MINUTES,
        max_value=lock.IDLE_MAX_MINUTES,
        initial=lock.IDLE_DEFAULT_MINUTES,
        help_text=_("From 1 to 60 minutes."),
        error_messages={
            "required": _("Please choose a number of minutes, from 1 to 60."),
            "invalid": _("Please choose a number of minutes, from 1 to 60."),
            "min_value": _("Please choose a number of minutes, from 1 to 60."),
            "max_value": _("Please choose a number of minutes, from 1 to 60."),
        },
    )
    current_password = current_password_field()

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        pin, again = data.get("pin"), data.get("pin_again")
        if pin and again and pin != again:
            self.add_error("pin_again", _("The two PINs don't match. Please type them again."))
        return data


class RemovePinForm(CurrentPasswordMixin, Form):
    current_password = current_password_field()
