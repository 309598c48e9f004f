"""Marking user-facing text in the pure core.

The core must not import Django, yet every sentence a user reads has to be
translatable. Core modules mark their texts with ``gettext_noop`` (a keyword
that ``makemessages``/xgettext already extracts) and the adapters translate the
marked string at render time: the web with Django's ``gettext``, the CLI too.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Return ``message`` unchanged; marks it for extraction into the catalogue."""
    return message


N_ = gettext_noop
