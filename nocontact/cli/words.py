"""The passphrase of encrypted words, for the commands that read or write them.

Asked at the terminal (not echoed), or read from the first line of stdin when
stdin is a pipe (``printf '%s\\n' "$PASSPHRASE" | nocontact export``). Never an
argument or an environment variable: those end up in shell history and ``ps``.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from nocontact.cli import messages
from nocontact.cli.base import CommandError, Output


def _read_passphrase(out: Output) -> str:
    if out.interactive:
        return getpass.getpass(messages.PASSPHRASE_PROMPT)
    line = out.stdin.readline() if out.stdin is not None else ""
    passphrase = line.rstrip("\r\n")
    if not passphrase:
        raise CommandError(messages.PASSPHRASE_NEEDED)
    return passphrase


@contextmanager
def unlocked_for(user: Any, out: Output) -> Iterator[None]:
    """Run the body with the user's key when their words are encrypted."""
    from nocontact.accounts import vault, words

    words_vault = words.vault_of(user.pk)
    if words_vault is None:
        yield
        return
    try:
        key = words.open_with_passphrase(words_vault, _read_passphrase(out))
    except vault.WrongSecret:
        raise CommandError(messages.PASSPHRASE_WRONG) from None
    with words.unlocked(key):
        yield
