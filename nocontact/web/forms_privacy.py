"""Forms for your data: importing an export, deleting the account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nocontact.web.forms_base import Form


class ImportForm(Form):
    file = forms.FileField(
        label=_("Your export file (JSON)"),
        help_text=_("A file saved from “Download everything (JSON)”, up to 20 MB."),
        error_messages={
            "required": _("Please choose the file to import."),
            "empty": _("This file is empty."),
        },
    )


class DeleteAccountForm(Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
        error_messages={"required": _("Please type your password.")},
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        user = self.request.user
        # authenticate() goes through axes: repeated wrong guesses lock, as at login.
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(_("That password doesn't match. Please try again."))
        return password
