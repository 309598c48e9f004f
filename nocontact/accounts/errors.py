"""Errors of encryption at rest that the CLI catches without loading Django or crypto."""

from __future__ import annotations


class WordsLocked(Exception):
    """The user's words are encrypted and their key is not unlocked here."""
