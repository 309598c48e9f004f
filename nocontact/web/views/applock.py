"""Quick exit and the app lock (issue 5, point 3)."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from nocontact.accounts import lock
from nocontact.accounts.models import settings_for
from nocontact.web.forms_lock import RemovePinForm, SetPinForm, UnlockForm
from nocontact.web.views.offline import clears_site_data


@clears_site_data
@require_GET
def away(request: HttpRequest) -> HttpResponse:
    """A plain, neutral page that shows nothing of the app. Locks the app if a PIN is set."""
    if request.user.is_authenticated and lock.has_lock(settings_for(request.user)):
        lock.lock(request)
    response = render(request, "web/away.html")
    add_never_cache_headers(response)
    return response


@require_GET
def alive(request: HttpRequest) -> HttpResponse:
    """The page's script says the person is still here; the lock middleware notes the time."""
    return HttpResponse("", content_type="text/plain; charset=utf-8")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@sensitive_post_parameters("pin")
@login_required
@require_http_methods(["GET", "POST"])
def unlock(request: HttpRequest) -> HttpResponse:
    user_settings = settings_for(request.user)  # type: ignore[arg-type]
    if not lock.has_lock(user_settings):
        return redirect(_next_url(request))
    status = 200
    if request.method == "POST":
        form = UnlockForm(request.POST)
        if form.is_valid() and lock.pin_matches(user_settings, form.cleaned_data["pin"]):
            lock.unlock(request, time.time())
            return redirect(_next_url(request))
        status = 400
        if form.is_valid():
            wrong = lock.count_wrong_pin(request)
            left = lock.MAX_WRONG_PINS - wrong
            if left <= 0:
                logout(request)
                messages.info(
                    request,
                    _("For your safety we signed you out. Please log in again with your password."),
                )
                return redirect("login")
            form.add_error(
                "pin",
                _("That PIN doesn't match. You can try %(left)s more times.") % {"left": left},
            )
    else:
        # Showing this page locks the app: the idle timer and "Lock now" both come here.
        lock.lock(request)
        form = UnlockForm()
    context = {"form": form, "next": _next_url(request), "app_locked": True}
    return render(request, "web/unlock.html", context, status=status)


@sensitive_post_parameters("pin", "pin_again", "current_password")
@login_required
@require_http_methods(["GET", "POST"])
def lock_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    user_settings = settings_for(user)  # type: ignore[arg-type]
    status = 200
    set_form = SetPinForm(
        user=user,  # type: ignore[arg-type]
        initial={"idle_minutes": user_settings.lock_idle_minutes},
        prefix="set",
    )
    remove_form = RemovePinForm(user=user, prefix="remove")  # type: ignore[arg-type]
    if request.method == "POST":
        if "remove" in request.POST and lock.has_lock(user_settings):
            remove_form = RemovePinForm(request.POST, user=user, prefix="remove")  # type: ignore[arg-type]
            if remove_form.is_valid():
                lock.remove_pin(user_settings)
                messages.success(request, _("The app lock is off."))
                return redirect("settings")
        else:
            set_form = SetPinForm(request.POST, user=user, prefix="set")  # type: ignore[arg-type]
            if set_form.is_valid():
                lock.set_pin(
                    user_settings,
                    set_form.cleaned_data["pin"],
                    set_form.cleaned_data["idle_minutes"],
                )
                lock.unlock(request, time.time())
                messages.success(request, _("Your PIN is set. The app will ask for it."))
                return redirect("settings")
        status = 400
    context = {
        "nav": "settings",
        "set_form": set_form,
        "remove_form": remove_form,
        "has_lock": lock.has_lock(user_settings),
        "idle_minutes": user_settings.lock_idle_minutes,
    }
    return render(request, "web/lock_settings.html", context, status=status)
