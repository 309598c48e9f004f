"""The CSRF token of a page's forms: Django's ``get_token``, with its mask drawn at once.

Django masks the CSRF secret anew for each page (so that a compressed page never shows
the same secret twice, against BREACH): a random mask of 32 letters and digits, added
letter by letter to the secret. ``get_random_string`` draws each letter with its own
read of the system's random source: 32 reads, 2% of a page's time. ``page_token`` draws
the whole mask from one read of 48 bytes (384 bits for a mask of 190, so no letter is
likelier than another by more than 2**-190) and masks the secret as Django does, so
``CsrfViewMiddleware`` checks it as its own. With no secret yet (a first visit), Django
makes one, and the token.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_BASE = len(CSRF_ALLOWED_CHARS)
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
_MASK_BYTES = 48


def masked(secret: str) -> str:
    """A new random mask, then ``secret`` with the mask added (``_mask_cipher_secret``)."""
    number = int.from_bytes(secrets.token_bytes(_MASK_BYTES))
    mask = []
    for _ in range(len(secret)):
        number, digit = divmod(number, _BASE)
        mask.append(digit)
    chars = CSRF_ALLOWED_CHARS
    cipher = "".join(chars[(_INDEX[s] + m) % _BASE] for s, m in zip(secret, mask, strict=True))
    return "".join(chars[m] for m in mask) + cipher


def page_token(request: HttpRequest) -> str:
    """``django.middleware.csrf.get_token(request)``, with the mask drawn at once."""
    secret = request.META.get("CSRF_COOKIE")
    if not (
        isinstance(secret, str)
        and len(secret) == CSRF_SECRET_LENGTH
        and secret.isascii()
        and secret.isalnum()
    ):
        return get_token(request)  # none yet (or not one of Django's): Django's own
    # As get_token: the cookie is used, so it is sent again (its expiry renewed).
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return masked(secret)
