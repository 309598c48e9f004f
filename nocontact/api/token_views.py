"""API tokens in the settings: create one (shown once), see when each was used, revoke."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from nocontact.api.models import MAX_TOKEN_NAME_CHARS, ApiToken
from nocontact.api.tokens import create_token, revoke_token
from nocontact.web.forms_base import Form


class TokenForm(Form):
    name = forms.CharField(
        label=_("A name for this token"),
        max_length=MAX_TOKEN_NAME_CHARS,
        help_text=_("Where you will use it, like “my laptop script”."),
        error_messages={"required": _("Please give the token a name.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = TokenForm(request.POST or None)
    new_token = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_token = create_token(user, form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    context = {
        "nav": "settings",
        "form": form,
        "tokens": ApiToken.objects.filter(user=user),
        "new_token": new_token,
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not revoke_token(cast(User, request.user), pk):
        raise Http404
    messages.success(request, gettext("Revoked. That token no longer opens anything."))
    return redirect("api_tokens")
