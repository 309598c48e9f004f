"""Encryption at rest, on the web: the key of the request, and the pages that need it.

- Each request of a session that unlocked its words runs with that key
  (``words.unlocked``), so the journey rows seal and open themselves.
- Pages that show or take the user's words (``WORDS_PAGES``) first ask to unlock
  when encryption is on and the key is not here. Any other save of words without
  the key raises ``WordsLocked`` (``journey/sealing.py``): the person is sent to
  unlock, and nothing is written in plain.
- Right after signing in, the first page is the unlock page (it can be skipped).
- A text that does not open (changed outside the app) gets a calm 409 page, never a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from nocontact.accounts import vault, words

logger = logging.getLogger(__name__)

# Route names of the pages that show the user's words, or forms that take them.
WORDS_PAGES: Final = frozenset(
    {
        "writings",
        "new_journal",
        "new_letter",
        "edit_writing",
        "delete_writing",
        "letter_review",
        "history",
        "checkin",
        "urge",
        "slip",
        "checked_on_them",
        "ex_contact",
        "route",
        "meeting_debrief",
        "export_download",
        "import_data",
    }
)
# Reachable right after signing in without being asked to unlock first.
NOT_ASKED: Final = frozenset(
    {
        "words_unlock",
        "words_recover",
        "logout",
        "away",
        "lock_alive",
        "unlock",
        "saved_support",
        "support",
        "sos",
    }
)


@receiver(user_logged_in, dispatch_uid="nc-words-ask")
def _ask_after_sign_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if request is not None and words.is_on(user.pk):
        request.session[words.SESSION_ASK] = True


def unlock_url(next_url: str) -> str:
    return f"{reverse('words_unlock')}?{urlencode({'next': next_url})}"


class WordsMiddleware:
    """After the app lock: the key of the request, the pages that ask for it, two errors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        key = words.key_from(request) if user is not None and user.is_authenticated else None
        if key is not None and not words.is_current(key):
            words.forget(request)  # encryption was turned off (and maybe on again) elsewhere
            key = None
        request.nc_words_key = key  # type: ignore[attr-defined]
        with words.unlocked(key):
            response = self.get_response(request)
        words.set_cookie(request, response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.nc_words_key is not None:  # type: ignore[attr-defined]
            return None
        match = request.resolver_match
        name = match.url_name if match else None
        asked = request.session.get(words.SESSION_ASK) and name not in NOT_ASKED
        if request.method == "GET" and (name in WORDS_PAGES or asked) and words.is_on(user.pk):
            return HttpResponseRedirect(unlock_url(request.get_full_path()))
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, words.WordsLocked):
            messages.info(
                request,
                gettext("Your words are locked. Unlock them, then try again: nothing was saved."),
            )
            back = request.path if request.method == "GET" else reverse("dashboard")
            return HttpResponseRedirect(unlock_url(back))
        if isinstance(exception, vault.TamperedText):
            # No text, no key: only that it happened, for the person who runs the app.
            logger.warning("a sealed text did not open (changed outside the app)")
            return render(request, "web/words_tampered.html", {"nav": ""}, status=409)
        return None
