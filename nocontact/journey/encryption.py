"""Turning encryption at rest on and off for one user: every text at once, or none.

The vault (``accounts/words.py``) holds the key; ``sealing.py`` knows the rows.
Both directions run in one transaction, then fold SQLite's write-ahead log into
the database so no old copy of a plain text stays in the -wal file.
"""

from __future__ import annotations

from django.db import transaction

from nocontact.accounts import words
from nocontact.journey import sealing
from nocontact.journey.portability import scrub_sqlite

__all__ = ["turn_off", "turn_on", "unlock_with_passphrase"]


def turn_on(user_id: int, passphrase: str) -> tuple[words.UnlockedKey, str]:
    """Encrypt every text of the user; returns the key and the recovery code (shown once)."""
    with transaction.atomic():
        key, code = words.set_up(user_id, passphrase)
        sealing.seal_all(key)
    scrub_sqlite()
    return key, code


def turn_off(user_id: int, passphrase: str) -> None:
    """Decrypt every text of the user and drop the vault. Raises ``vault.WrongSecret``."""
    words_vault = words.vault_of(user_id)
    if words_vault is None:
        return
    key = words.open_with_passphrase(words_vault, passphrase)
    with transaction.atomic():
        sealing.open_all(key)
        words_vault.delete()


def unlock_with_passphrase(user_id: int, passphrase: str) -> words.UnlockedKey | None:
    """The key, or ``None`` when encryption is off. Raises ``vault.WrongSecret``."""
    words_vault = words.vault_of(user_id)
    if words_vault is None:
        return None
    return words.open_with_passphrase(words_vault, passphrase)
