"""The two hidden fields the page's script adds to an entry that may be sent from a queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nocontact.core.offline import EntryTimeProblem, InvalidEntryTime, offline_entry_time
from nocontact.web.forms_base import QuickForm

TIME_PROBLEMS = {
    EntryTimeProblem.NAIVE: _("The moment of this entry has no time zone."),
    EntryTimeProblem.IN_FUTURE: _("The moment of this entry is still ahead. Is the clock right?"),
    EntryTimeProblem.TOO_OLD: _("This entry waited too long on the device to be added now."),
}


class OfflineEntryForm(QuickForm):
    """``client_key``: a UUID made by the browser; ``logged_at``: when it was logged there.

    Both are optional (a page without JavaScript sends neither), and both are checked.
    """

    client_key = forms.UUIDField(
        required=False, error_messages={"invalid": _("This entry's key is not valid.")}
    )
    logged_at = forms.DateTimeField(
        required=False, error_messages={"invalid": _("The moment of this entry is not valid.")}
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        logged_at: dt.datetime | None = cleaned.get("logged_at")
        raw = str(self.data.get("logged_at", ""))
        # Django reads a moment without an offset in the server's zone: insist on one.
        if logged_at is not None and not _has_offset(raw):
            self.add_error("logged_at", TIME_PROBLEMS[EntryTimeProblem.NAIVE])
            return cleaned
        try:
            cleaned["at"] = offline_entry_time(logged_at, timezone.now())
        except InvalidEntryTime as error:
            self.add_error("logged_at", TIME_PROBLEMS[error.problem])
        return cleaned

    def first_error(self) -> str:
        return str(next(iter(e for errors in self.errors.values() for e in errors), ""))


def _has_offset(raw: str) -> bool:
    raw = raw.strip()
    return raw.endswith(("Z", "z")) or (len(raw) > 6 and raw[-6] in "+-" and raw[-3] == ":")
