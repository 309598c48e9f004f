"""The user's own settings: their clock and their safety net."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nocontact.accounts.models import settings_for
from nocontact.journey import repository
from nocontact.web.forms_settings import SettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    user_settings = settings_for(request.user)  # type: ignore[arg-type]
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            user_settings.timezone = form.cleaned_data["timezone"]
            user_settings.friend_name = form.cleaned_data["friend_name"]
            user_settings.friend_message = form.cleaned_data["friend_message"]
            user_settings.save(update_fields=["timezone", "friend_name", "friend_message"])
            messages.success(request, _("Saved. Everything is up to date."))
            return redirect("settings")
        status = 400
    else:
        form = SettingsForm(
            initial={
                "timezone": user_settings.timezone,
                "friend_name": user_settings.friend_name,
                "friend_message": user_settings.friend_message,
            }
        )
    context = {
        "nav": "settings",
        "form": form,
        "has_breakup": repository.active_breakup(request.user) is not None,  # type: ignore[arg-type]
        "lock_on": bool(user_settings.lock_pin),
    }
    return render(request, "web/settings.html", context, status=status)
