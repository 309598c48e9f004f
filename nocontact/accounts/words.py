"""The user's data key while they use the app: unlocked, held for one request, forgotten.

- ``WordsVault`` rows hold the key wrapped (``vault.wrap``); ``set_up``,
  ``open_with_passphrase``, ``open_with_recovery`` and ``change_passphrase`` are the
  only ways in and out.
- During a request (or a CLI command) the unlocked key sits in a context variable
  (``unlocked``/``current``): ``journey/sealing.py`` seals and opens rows with it.
- Between requests it lives in the session only encrypted under a random key that
  is kept in its own HttpOnly, SameSite=Strict cookie (``remember``/``key_from``):
  neither the session table nor the cookie alone reveals it, and logging out (the
  session is flushed) forgets it.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from nocontact.accounts import request_cache, vault
from nocontact.accounts.errors import WordsLocked as WordsLocked
from nocontact.accounts.models import WordsVault, words_key_memo
from nocontact.accounts.prepared import ID, Prepared

SESSION_KEY: Final = "nc_words"  # the data key, encrypted under the cookie's key
SESSION_ASK: Final = "nc_words_ask"  # just signed in: offer to unlock once
SESSION_WRONG: Final = "nc_words_wrong"
COOKIE: Final = "nc_words"
MAX_WRONG_PASSPHRASES: Final = 5
MIN_PASSPHRASE_CHARS: Final = 10


@dataclass(frozen=True, slots=True)
class UnlockedKey:
    user_id: int
    key_id: str
    key: bytes = field(repr=False)


_current: ContextVar[UnlockedKey | None] = ContextVar("nc_unlocked_words", default=None)


def current() -> UnlockedKey | None:
    return _current.get()


@contextmanager
def unlocked(key: UnlockedKey | None) -> Iterator[None]:
    """Make ``key`` the key of this request or command, and forget it afterwards."""
    token = _current.set(key)
    try:
        yield
    finally:
        _current.reset(token)


def vault_of(user_id: int) -> WordsVault | None:
    return WordsVault.objects.filter(user_id=user_id).first()


_KEY_ID = Prepared(lambda user_id: WordsVault.objects.filter(user_id=user_id).only("key_id"), ID)


def key_id_of(user_id: int) -> str | None:
    """The id of the user's data key, or ``None`` when they keep their words in plain.

    Asked once per request (the middleware, then each save of words), and answered by
    the settings' query when it ran first (``settings_for``); a change of the vault
    during the request is seen at once (``_vault_changed``).
    """

    def load() -> str | None:
        found = _KEY_ID.rows(user_id)
        return found[0].key_id if found else None

    return request_cache.memo(words_key_memo(user_id), load)


@receiver(post_save, sender=WordsVault, dispatch_uid="nc-words-vault-saved")
@receiver(post_delete, sender=WordsVault, dispatch_uid="nc-words-vault-deleted")
def _vault_changed(sender: Any, instance: WordsVault, **_: Any) -> None:
    request_cache.forget(words_key_memo(instance.user_id))


def is_on(user_id: int) -> bool:
    return key_id_of(user_id) is not None


def is_current(key: UnlockedKey) -> bool:
    """Whether ``key`` is still the user's key (not turned off, or off and on again)."""
    return key_id_of(key.user_id) == key.key_id


# --- the vault ---------------------------------------------------------------------------


@transaction.atomic
def set_up(user_id: int, passphrase: str) -> tuple[UnlockedKey, str]:
    """A new data key, wrapped twice; returns it with the recovery code (shown once)."""
    data_key, key_id, code = vault.new_data_key(), vault.new_key_id(), vault.new_recovery_code()
    WordsVault.objects.create(
        user_id=user_id,
        key_id=key_id,
        passphrase_wrap=vault.wrap(
            data_key, passphrase, user_id=user_id, key_id=key_id, purpose="passphrase"
        ),
        recovery_wrap=vault.wrap(
            data_key, code, user_id=user_id, key_id=key_id, purpose="recovery"
        ),
    )
    return UnlockedKey(user_id, key_id, data_key), code


def open_with_passphrase(words_vault: WordsVault, passphrase: str) -> UnlockedKey:
    """Raises ``vault.WrongSecret``."""
    key = vault.unwrap(
        words_vault.passphrase_wrap,
        passphrase,
        user_id=words_vault.user_id,
        key_id=words_vault.key_id,
        purpose="passphrase",
    )
    return UnlockedKey(words_vault.user_id, words_vault.key_id, key)


def open_with_recovery(words_vault: WordsVault, code: str) -> UnlockedKey:
    """Raises ``vault.WrongSecret``."""
    key = vault.unwrap(
        words_vault.recovery_wrap,
        vault.normalise_recovery_code(code),
        user_id=words_vault.user_id,
        key_id=words_vault.key_id,
        purpose="recovery",
    )
    return UnlockedKey(words_vault.user_id, words_vault.key_id, key)


def change_passphrase(words_vault: WordsVault, key: UnlockedKey, new_passphrase: str) -> None:
    """Re-wrap the data key only: not one text is touched."""
    words_vault.passphrase_wrap = vault.wrap(
        key.key,
        new_passphrase,
        user_id=words_vault.user_id,
        key_id=words_vault.key_id,
        purpose="passphrase",
    )
    words_vault.save(update_fields=["passphrase_wrap", "updated_at"])


# --- between requests: the session holds the key, encrypted under the cookie's key ----


def _session_context(user_id: int, key_id: str) -> bytes:
    return f"nocontact-session-1|user:{user_id}|key:{key_id}".encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def remember(request: HttpRequest, key: UnlockedKey) -> None:
    """Keep ``key`` for this session; the middleware sets the cookie on the response."""
    cookie_key = secrets.token_bytes(vault.KEY_BYTES)
    blob = vault.encrypt(cookie_key, key.key, _session_context(key.user_id, key.key_id))
    request.session[SESSION_KEY] = {"key_id": key.key_id, "blob": _b64(blob)}
    request.session.pop(SESSION_ASK, None)
    request.session.pop(SESSION_WRONG, None)
    request.nc_words_cookie = _b64(cookie_key)  # type: ignore[attr-defined]


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.nc_words_cookie = ""  # type: ignore[attr-defined]


def key_from(request: HttpRequest) -> UnlockedKey | None:
    """The key this session unlocked, if both its halves are here and agree."""
    user_id = getattr(request.user, "pk", None)
    stored = request.session.get(SESSION_KEY)
    cookie = request.COOKIES.get(COOKIE, "")
    if user_id is None or not isinstance(stored, dict) or not cookie:
        return None
    try:
        cookie_key = base64.urlsafe_b64decode(cookie)
        payload = base64.urlsafe_b64decode(str(stored["blob"]))
        key_id = str(stored["key_id"])
        key = vault.decrypt(cookie_key, payload, _session_context(int(user_id), key_id))
    except (KeyError, ValueError, binascii.Error, vault.TamperedText):
        return None
    return UnlockedKey(int(user_id), key_id, key)


def set_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """Write or delete the cookie half, as ``remember``/``forget`` asked."""
    value = getattr(request, "nc_words_cookie", None)
    if value:
        response.set_cookie(
            COOKIE,
            value,
            # A browser session: closing the browser forgets the key, not the sign-in.
            max_age=None,
            httponly=True,
            samesite="Strict",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    elif value == "" or (COOKIE in request.COOKIES and SESSION_KEY not in request.session):
        response.delete_cookie(COOKIE, samesite="Strict")


def count_wrong(request: HttpRequest) -> int:
    wrong = int(request.session.get(SESSION_WRONG, 0)) + 1
    request.session[SESSION_WRONG] = wrong
    return wrong


def locked_here(request: HttpRequest) -> bool:
    """Encryption is on for this person and this session has not unlocked it."""
    user = request.user
    if not user.is_authenticated or getattr(request, "nc_words_key", None) is not None:
        return False
    return is_on(int(user.pk))
