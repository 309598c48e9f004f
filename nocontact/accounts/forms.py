from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from nocontact.web.forms_base import AccessibleFormMixin

# Said for a taken username and for a reserved one alike.
USERNAME_UNAVAILABLE = _("Please choose a different username.")
# Names that could pass for the app itself or its staff.
RESERVED_USERNAMES = frozenset(
    {"admin", "administrator", "root", "staff", "support", "help", "nocontact", "system"}
)


class SignUpForm(AccessibleFormMixin, UserCreationForm):  # type: ignore[type-arg]
    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)
        help_texts = {
            "username": _(
                "Any name you like: it is only for logging in. No email, no real name needed."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        self.fields["password1"].help_text = _(
            "At least 10 characters. A short sentence works well."
        )

    def clean_username(self) -> str:
        username: str = self.cleaned_data.get("username", "")
        User = get_user_model()
        if (
            username.lower() in RESERVED_USERNAMES
            or User.objects.filter(username__iexact=username).exists()
        ):
            # Spend the same effort as a successful sign-up so timing tells nothing.
            make_password(self.data.get("password1") or "")
            raise forms.ValidationError(USERNAME_UNAVAILABLE, code="unavailable")
        return username


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "That username and password don't match. Please check them and try again."
        ),
        "inactive": _("That username and password don't match. Please check them and try again."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "spellcheck": "false"}
        )


class ChangePasswordForm(AccessibleFormMixin, PasswordChangeForm):
    pass
