"""Forms of encryption at rest: set up, unlock, change the passphrase, recover, turn off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nocontact.accounts import words
from nocontact.web.forms_base import Form
from nocontact.web.forms_lock import CurrentPasswordMixin, current_password_field


def _passphrase_help() -> str:
    return gettext(
        "At least %(count)s characters. A few unrelated words are easy to remember "
        "and hard to guess."
    ) % {"count": words.MIN_PASSPHRASE_CHARS}


PASSPHRASE_HELP = lazy(_passphrase_help, str)()


def passphrase_field(label: Any, *, new: bool = False, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=1000,
        min_length=words.MIN_PASSPHRASE_CHARS if new else None,
        help_text=help_text,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "new-password" if new else "current-password"}
        ),
        error_messages={
            "required": _("Please enter your passphrase."),
            "min_length": _("Please use at least %(limit_value)d characters."),
        },
    )


class NewPassphraseMixin(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("new_passphrase"), data.get("new_passphrase_again")
        if first and second and first != second:
            self.add_error("new_passphrase_again", _("The two passphrases are not the same."))
        return data


class SetUpForm(CurrentPasswordMixin, NewPassphraseMixin, Form):
    new_passphrase = passphrase_field(
        _("A passphrase for your words"), new=True, help_text=PASSPHRASE_HELP
    )
    new_passphrase_again = passphrase_field(_("The same passphrase again"), new=True)
    current_password = current_password_field()
    understood = forms.BooleanField(
        label=_(
            "I understand: if I lose both my passphrase and my recovery code, "
            "my encrypted words are gone for good."
        ),
        error_messages={"required": _("Please tick this box to go on.")},
    )


class UnlockWordsForm(Form):
    passphrase = passphrase_field(_("Your passphrase"))


class ChangePassphraseForm(NewPassphraseMixin, Form):
    passphrase = passphrase_field(_("Your current passphrase"))
    new_passphrase = passphrase_field(_("New passphrase"), new=True, help_text=PASSPHRASE_HELP)
    new_passphrase_again = passphrase_field(_("The same passphrase again"), new=True)


class TurnOffForm(Form):
    passphrase = passphrase_field(_("Your passphrase"))


class RecoverForm(NewPassphraseMixin, Form):
    code = forms.CharField(
        label=_("Your recovery code"),
        max_length=100,
        help_text=_("Dashes and spaces don't matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Please enter your recovery code.")},
    )
    new_passphrase = passphrase_field(_("New passphrase"), new=True, help_text=PASSPHRASE_HELP)
    new_passphrase_again = passphrase_field(_("The same passphrase again"), new=True)
