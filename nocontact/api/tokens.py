"""Creating, checking and revoking API tokens.

A token is 32 random bytes, URL-safe base64 with an ``nc_`` prefix (so it is easy
to recognise in a leaked file). Only its SHA-256 is stored; a look-up hashes the
presented token and finds the row by that hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Final

from django.contrib.auth.models import User
from django.utils import timezone

from nocontact.api.models import ApiToken

PREFIX: Final = "nc_"
TOKEN_BYTES: Final = 32
# last_used_at is a hint for the user, not an audit log: one write a minute is plenty.
LAST_USED_RESOLUTION: Final = dt.timedelta(minutes=1)
MAX_TOKEN_CHARS: Final = 200


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the raw token is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(user=user, name=name, token_hash=hash_token(raw))
    return token, raw


def user_for_token(raw: str, now: dt.datetime | None = None) -> User | None:
    """The active user the token belongs to, or ``None``. Notes when it was used."""
    if not raw or len(raw) > MAX_TOKEN_CHARS:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_token(user: User, pk: int) -> bool:
    """Delete one of the user's tokens; False when it is not theirs (or gone already)."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=pk).delete()
    return deleted > 0
