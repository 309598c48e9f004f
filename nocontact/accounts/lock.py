"""App lock: an optional PIN asked once per session and again after an idle time.

Enforced here, on the server: while a session is locked, every request other than the
unlock page, logging out, the quick-exit page and static files is sent to the unlock page.
Idle time is measured from the last request of the session (the page's small script sends
a keep-alive while the person is actually typing or reading), written down at most every
tenth of the idle time (``seen_step``) so that requests do not save the session each time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from nocontact.accounts.models import UserSettings, settings_for

PIN_MIN_DIGITS: Final = 4
PIN_MAX_DIGITS: Final = 8
IDLE_MIN_MINUTES: Final = 1
IDLE_MAX_MINUTES: Final = 60
IDLE_DEFAULT_MINUTES: Final = 5
MAX_WRONG_PINS: Final = 5

SESSION_UNLOCKED: Final = "nc_lock_unlocked"
SESSION_SEEN: Final = "nc_lock_seen"
SESSION_WRONG: Final = "nc_lock_wrong"


def has_lock(user_settings: UserSettings) -> bool:
    return bool(user_settings.lock_pin)


def set_pin(user_settings: UserSettings, pin: str, idle_minutes: int) -> None:
    user_settings.lock_pin = make_password(pin)
    user_settings.lock_idle_minutes = idle_minutes
    user_settings.save(update_fields=["lock_pin", "lock_idle_minutes"])


def remove_pin(user_settings: UserSettings) -> None:
    user_settings.lock_pin = ""
    user_settings.lock_idle_minutes = IDLE_DEFAULT_MINUTES
    user_settings.save(update_fields=["lock_pin", "lock_idle_minutes"])


def pin_matches(user_settings: UserSettings, pin: str) -> bool:
    return has_lock(user_settings) and check_password(pin, user_settings.lock_pin)


def idle_seconds(user_settings: UserSettings) -> int:
    minutes = min(max(user_settings.lock_idle_minutes, IDLE_MIN_MINUTES), IDLE_MAX_MINUTES)
    return minutes * 60


def seen_step(user_settings: UserSettings) -> int:
    """How old the last-seen time may get before it is written again, in seconds.

    Writing it on every request would save the session on every request. A tenth of
    the idle time (6 s to 6 min) bounds the error: the lock comes at most a tenth
    early, never late.
    """
    return idle_seconds(user_settings) // 10


def is_locked(request: HttpRequest, user_settings: UserSettings, now: float) -> bool:
    if not has_lock(user_settings):
        return False
    if not request.session.get(SESSION_UNLOCKED):
        return True
    seen = request.session.get(SESSION_SEEN)
    return not isinstance(seen, (int, float)) or now - seen > idle_seconds(user_settings)


def lock(request: HttpRequest) -> None:
    # Only a session that was unlocked is written: a request that started before the
    # lock was turned on (a page's offline copies, another tab) must not save its older
    # session over the one that turned it on, and lock the person out at once.
    if request.session.get(SESSION_UNLOCKED):
        request.session[SESSION_UNLOCKED] = False


def unlock(request: HttpRequest, now: float) -> None:
    request.session[SESSION_UNLOCKED] = True
    request.session[SESSION_SEEN] = now
    request.session[SESSION_WRONG] = 0


def count_wrong_pin(request: HttpRequest) -> int:
    """Remember one more wrong PIN in this session; return how many so far."""
    wrong = int(request.session.get(SESSION_WRONG, 0)) + 1
    request.session[SESSION_WRONG] = wrong
    return wrong


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("unlock"),
        reverse("logout"),
        reverse("away"),
        settings.STATIC_URL or "/static/",
    )


class AppLockMiddleware:
    """A locked session sees only the unlock page (and log out, quick exit, static files)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        user_settings = settings_for(user)
        if not has_lock(user_settings):
            return self.get_response(request)
        now = time.time()
        locked = is_locked(request, user_settings, now)
        request.app_locked = locked  # type: ignore[attr-defined]
        request.app_lock_idle = idle_seconds(user_settings)  # type: ignore[attr-defined]
        if locked:
            lock(request)
            if not request.path.startswith(_open_paths()):
                url = reverse("unlock")
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(url)
        else:
            seen = request.session.get(SESSION_SEEN)
            if not isinstance(seen, (int, float)) or now - seen >= seen_step(user_settings):
                request.session[SESSION_SEEN] = now
        return self.get_response(request)
