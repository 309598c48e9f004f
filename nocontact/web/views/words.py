"""Encryption at rest, on the web (issue 5, point 4): set up, unlock, change, recover, off.

The passphrase is not the password: it opens the key of the user's words
(``accounts/words.py``). Five wrong passphrases in a session sign the person out,
as five wrong PINs do, so the forms cannot be used to guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from nocontact.accounts import vault, words
from nocontact.accounts.words_middleware import WORDS_PAGES
from nocontact.journey import encryption
from nocontact.web import forms_words as fw


@dataclass(frozen=True, slots=True)
class ShownOnce:
    """The recovery code on its way to the page: a repr (debug logs print the
    template context) does not show it, ``{{ code }}`` does."""

    value: str = field(repr=False)

    def __str__(self) -> str:
        return self.value


SECRETS = ("passphrase", "new_passphrase", "new_passphrase_again", "current_password", "code")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _shows_words(url: str) -> bool:
    try:
        return resolve(urlsplit(url).path).url_name in WORDS_PAGES
    except Resolver404:
        return False


def _wrong(request: HttpRequest, form: Any, field: str, text: str) -> HttpResponse | None:
    """Count a wrong passphrase or code; the fifth signs the person out."""
    left = words.MAX_WRONG_PASSPHRASES - words.count_wrong(request)
    if left <= 0:
        logout(request)
        messages.info(
            request,
            _("For your safety we signed you out. Please log in again with your password."),
        )
        return redirect("login")
    form.add_error(field, text % {"left": left})
    return None


def _wrong_passphrase() -> str:
    return _("That passphrase doesn't open your words. You can try %(left)s more times.")


@sensitive_post_parameters(*SECRETS)
@login_required
@require_http_methods(["GET", "POST"])
def words_settings(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    words_vault = words.vault_of(user.pk)
    if words_vault is not None:
        return redirect("words") if request.method == "POST" else _on_page(request)
    form = fw.SetUpForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        key, code = encryption.turn_on(user.pk, form.cleaned_data["new_passphrase"])
        words.remember(request, key)
        # Rendered here, never stored: this is the only time the code is shown.
        context = {"nav": "settings", "code": ShownOnce(code)}
        return render(request, "web/words_code.html", context)
    context = {"nav": "settings", "on": False, "form": form}
    return render(request, "web/words.html", context, status=400 if form.errors else 200)


def _on_page(request: HttpRequest, **forms: Any) -> HttpResponse:
    """The page while encryption is on; with a form given back, its errors (400)."""
    context = {
        "nav": "settings",
        "on": True,
        "unlocked": request.nc_words_key is not None,  # type: ignore[attr-defined]
        "change_form": forms.get("change_form") or fw.ChangePassphraseForm(),
        "off_form": forms.get("off_form") or fw.TurnOffForm(),
    }
    return render(request, "web/words.html", context, status=400 if forms else 200)


@sensitive_post_parameters(*SECRETS)
@login_required
@require_POST
def words_change(request: HttpRequest) -> HttpResponse:
    """A new passphrase: the key is wrapped again, and not one text changes."""
    words_vault = words.vault_of(_user(request).pk)
    if words_vault is None:
        return redirect("words")
    form = fw.ChangePassphraseForm(request.POST)
    if form.is_valid():
        try:
            key = words.open_with_passphrase(words_vault, form.cleaned_data["passphrase"])
        except vault.WrongSecret:
            if signed_out := _wrong(request, form, "passphrase", _wrong_passphrase()):
                return signed_out
        else:
            words.change_passphrase(words_vault, key, form.cleaned_data["new_passphrase"])
            words.remember(request, key)
            messages.success(request, _("Your passphrase is changed. Your words are as they were."))
            return redirect("words")
    return _on_page(request, change_form=form)


@sensitive_post_parameters(*SECRETS)
@login_required
@require_POST
def words_off(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if words.vault_of(user.pk) is None:
        return redirect("words")
    form = fw.TurnOffForm(request.POST)
    if form.is_valid():
        try:
            encryption.turn_off(user.pk, form.cleaned_data["passphrase"])
        except vault.WrongSecret:
            if signed_out := _wrong(request, form, "passphrase", _wrong_passphrase()):
                return signed_out
        else:
            words.forget(request)
            messages.success(request, _("Encryption is off. Your words are stored as plain text."))
            return redirect("settings")
    return _on_page(request, off_form=form)


@sensitive_post_parameters(*SECRETS)
@login_required
@require_http_methods(["GET", "POST"])
def words_unlock(request: HttpRequest) -> HttpResponse:
    words_vault = words.vault_of(_user(request).pk)
    next_url = _next_url(request)
    if words_vault is None or request.nc_words_key is not None:  # type: ignore[attr-defined]
        return redirect(next_url)
    form = fw.UnlockWordsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "later" in request.POST:
        request.session.pop(words.SESSION_ASK, None)
        # A page of words would only ask again: "not now" goes to today instead.
        return redirect("dashboard" if _shows_words(next_url) else next_url)
    if request.method == "POST" and form.is_valid():
        try:
            key = words.open_with_passphrase(words_vault, form.cleaned_data["passphrase"])
        except vault.WrongSecret:
            if signed_out := _wrong(request, form, "passphrase", _wrong_passphrase()):
                return signed_out
        else:
            words.remember(request, key)
            return redirect(next_url)
    context = {"nav": "", "form": form, "next": next_url}
    return render(request, "web/words_unlock.html", context, status=400 if form.errors else 200)


@sensitive_post_parameters(*SECRETS)
@login_required
@require_http_methods(["GET", "POST"])
def words_recover(request: HttpRequest) -> HttpResponse:
    """The recovery code opens the key; the person chooses a new passphrase."""
    words_vault = words.vault_of(_user(request).pk)
    if words_vault is None:
        return redirect("words")
    form = fw.RecoverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            key = words.open_with_recovery(words_vault, form.cleaned_data["code"])
        except vault.WrongSecret:
            wrong_code = _("That recovery code doesn't match. You can try %(left)s more times.")
            if signed_out := _wrong(request, form, "code", wrong_code):
                return signed_out
        else:
            words.change_passphrase(words_vault, key, form.cleaned_data["new_passphrase"])
            words.remember(request, key)
            messages.success(request, _("Your new passphrase is set, and your words are open."))
            return redirect("words")
    context = {"nav": "settings", "form": form}
    return render(request, "web/words_recover.html", context, status=400 if form.errors else 200)
