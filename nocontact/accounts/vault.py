"""Encryption at rest of the user's words: the envelope, behind a small interface.

No Django here, no hand-written crypto: AES-256-GCM from ``cryptography`` and
Argon2id from ``argon2-cffi``. The formats are documented in ``docs/encryption.md``
and versioned by their prefix, so a later version can read what this one wrote.

- A random 256-bit **data key** per user encrypts every text (``seal``/``open_text``).
- The data key is stored only **wrapped**: encrypted under a key derived with
  Argon2id from the passphrase, and once more under one derived from the recovery
  code (``wrap``/``unwrap``). Changing the passphrase re-wraps the key and leaves
  every text as it is.
- Every ciphertext is bound (AES-GCM associated data) to its user, its row and its
  field: copied to another row, it is refused like a tampered one.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from typing import Final

# cryptography and argon2 are imported where they are used: together they add about
# 0.1 s to every start, and the CLI's daily commands rarely need them.

__all__ = [
    "KDF_DEFAULT",
    "KdfParams",
    "Sealed",
    "TamperedText",
    "WrongSecret",
    "is_sealed",
    "new_data_key",
    "new_key_id",
    "new_recovery_code",
    "normalise_recovery_code",
    "open_text",
    "seal",
    "text_context",
    "unwrap",
    "wrap",
]

TEXT_PREFIX: Final = "nc1:"
WRAP_PREFIX: Final = "nc-wrap-1"
NONCE_BYTES: Final = 12  # 96 bits, GCM's native size; random per encryption
KEY_BYTES: Final = 32  # AES-256
SALT_BYTES: Final = 16
KEY_ID_BYTES: Final = 8
RECOVERY_BYTES: Final = 20  # 160 bits, written as 32 base32 letters
RECOVERY_GROUP: Final = 4


class TamperedText(Exception):
    """A ciphertext that does not open: changed, truncated or moved to another row."""


class WrongSecret(Exception):
    """The passphrase (or recovery code) does not open the wrapped key."""


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost: passes, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def encode(self) -> str:
        return f"t={self.time_cost},m={self.memory_kib},p={self.parallelism}"

    @classmethod
    def decode(cls, text: str) -> KdfParams:
        try:
            fields = dict(part.split("=", 1) for part in text.split(","))
            params = cls(int(fields["t"]), int(fields["m"]), int(fields["p"]))
        except (KeyError, ValueError):
            raise TamperedText("unreadable key derivation parameters") from None
        # A wrap edited to ask for terabytes would stall the server: refuse it.
        if not (
            1 <= params.time_cost <= KDF_MAX.time_cost
            and 8 * params.parallelism <= params.memory_kib <= KDF_MAX.memory_kib
            and 1 <= params.parallelism <= KDF_MAX.parallelism
        ):
            raise TamperedText("key derivation parameters out of range")
        return params


# RFC 9106's second recommended option (64 MiB), with one more pass than its
# minimum; about a third of a second on a small machine. Stored with each wrap,
# so raising it later re-wraps keys without touching any text.
KDF_DEFAULT = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4)
KDF_MAX = KdfParams(time_cost=20, memory_kib=1024 * 1024, parallelism=16)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise TamperedText("not base64") from None


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def encrypt(key: bytes, plaintext: bytes, context: bytes) -> bytes:
    """AES-256-GCM with a fresh random nonce: ``nonce || ciphertext || tag``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, context)


def decrypt(key: bytes, payload: bytes, context: bytes) -> bytes:
    """The plaintext of ``encrypt``'s output, or ``TamperedText``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(key) != KEY_BYTES or len(payload) < NONCE_BYTES + 16:
        raise TamperedText("truncated")
    try:
        return AESGCM(key).decrypt(payload[:NONCE_BYTES], payload[NONCE_BYTES:], context)
    except InvalidTag:
        raise TamperedText("authentication failed") from None


def new_key_id() -> str:
    """A public label of one data key, written in every ciphertext's header."""
    return secrets.token_hex(KEY_ID_BYTES)


# --- texts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sealed:
    """The parts of ``nc1:<key id>:<base64url(nonce || ciphertext || tag)>``."""

    key_id: str
    payload: bytes

    @classmethod
    def parse(cls, text: str) -> Sealed:
        if not is_sealed(text):
            raise TamperedText("not a sealed text")
        key_id, _sep, body = text[len(TEXT_PREFIX) :].partition(":")
        payload = _unb64(body)
        if not key_id or len(payload) < NONCE_BYTES + 16:
            raise TamperedText("truncated")
        return cls(key_id, payload)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(TEXT_PREFIX)


def text_context(user_id: int, table: str, row_id: int, field: str) -> bytes:
    """The associated data of a text: its user, its row and its field."""
    return f"nocontact-text-1|user:{user_id}|{table}:{row_id}|{field}".encode()


def seal(key: bytes, key_id: str, plaintext: str, context: bytes) -> str:
    payload = encrypt(key, plaintext.encode("utf-8"), context + _kid(key_id))
    return f"{TEXT_PREFIX}{key_id}:{_b64(payload)}"


def open_text(key: bytes, text: str, context: bytes) -> str:
    """The plaintext of ``text``, or ``TamperedText`` if it does not open here."""
    sealed = Sealed.parse(text)
    return decrypt(key, sealed.payload, context + _kid(sealed.key_id)).decode("utf-8")


def _kid(key_id: str) -> bytes:
    return f"|key:{key_id}".encode()


# --- wrapping the data key --------------------------------------------------------------


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=secret.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _wrap_context(user_id: int, key_id: str, purpose: str) -> bytes:
    return f"nocontact-wrap-1|user:{user_id}|key:{key_id}|{purpose}".encode()


def wrap(
    data_key: bytes,
    secret: str,
    *,
    user_id: int,
    key_id: str,
    purpose: str,
    params: KdfParams | None = None,
) -> str:
    """``nc-wrap-1$argon2id$t=..,m=..,p=..$<salt>$<nonce || wrapped key || tag>``.

    ``purpose`` is ``passphrase`` or ``recovery``: a wrap cannot stand in for the other.
    """
    params = params or KDF_DEFAULT
    salt = secrets.token_bytes(SALT_BYTES)
    payload = encrypt(
        _derive(secret, salt, params), data_key, _wrap_context(user_id, key_id, purpose)
    )
    return "$".join((WRAP_PREFIX, "argon2id", params.encode(), _b64(salt), _b64(payload)))


def unwrap(wrapped: str, secret: str, *, user_id: int, key_id: str, purpose: str) -> bytes:
    """The data key, or ``WrongSecret``. ``TamperedText`` if the wrap is unreadable."""
    parts = wrapped.split("$")
    if len(parts) != 5 or parts[0] != WRAP_PREFIX or parts[1] != "argon2id":
        raise TamperedText("unknown wrap format")
    from argon2.exceptions import HashingError

    params = KdfParams.decode(parts[2])
    salt, payload = _unb64(parts[3]), _unb64(parts[4])
    if len(payload) < NONCE_BYTES + 16:
        raise TamperedText("truncated wrap")
    try:
        kek = _derive(secret, salt, params)
    except HashingError as error:
        raise TamperedText("unusable wrap") from error
    try:
        return decrypt(kek, payload, _wrap_context(user_id, key_id, purpose))
    except TamperedText:
        # A wrong secret and a changed wrap look the same to GCM: the secret is the
        # likelier, and the answer the person can act on.
        raise WrongSecret from None


# --- the recovery code ------------------------------------------------------------------


def new_recovery_code() -> str:
    """32 base32 letters and digits in groups of four: ``ABCD-EFGH-...``."""
    letters = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    groups = [letters[i : i + RECOVERY_GROUP] for i in range(0, len(letters), RECOVERY_GROUP)]
    return "-".join(groups)


def normalise_recovery_code(typed: str) -> str:
    """Forgive case, spaces and dashes, and the letters people mistake for digits."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")
    groups = [letters[i : i + RECOVERY_GROUP] for i in range(0, len(letters), RECOVERY_GROUP)]
    return "-".join(groups)
