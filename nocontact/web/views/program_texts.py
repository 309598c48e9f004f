"""The core's program texts, translated and laid out for templates.

``lock_note_for(state)`` is the context variable ``lock_note`` that
``web/_lock_note.html`` renders (the reconnect routes use it too).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from nocontact.core.guidance import Section
from nocontact.core.guidance_care import explain_lock
from nocontact.core.model import LockReason, Phase, Verdict
from nocontact.core.program import ProgramState
from nocontact.core.readiness import Reason

__all__ = [
    "CLOSING_LOCKS",
    "PHASE_TEXTS",
    "VERDICT_TEXTS",
    "contact_tools_offered",
    "lock_note_for",
    "reason_dict",
    "section_dict",
]

# Locks that end contact for this breakup: the moving-on program takes over.
CLOSING_LOCKS = frozenset(
    {LockReason.ASKED_NO_CONTACT, LockReason.BLOCKED, LockReason.ATTEMPT_LIMIT}
)

PHASE_TEXTS: dict[Phase, tuple[str, str]] = {
    Phase.NO_CONTACT: (
        N_("No contact"),
        N_("You are giving yourself time and space. Each day without contact counts."),
    ),
    Phase.READINESS: (
        N_("Checking in with yourself"),
        N_("Your minimum time is behind you. Now it's about how you feel, not the calendar."),
    ),
    Phase.RECONNECT: (
        N_("Reconnecting"),
        N_("You're ready, and you've chosen to get back in touch, gently and honestly."),
    ),
    Phase.MEETING: (
        N_("After meeting again"),
        N_("You've met again. Take it slowly and notice how you feel."),
    ),
    Phase.REUNITED: (
        N_("Back together"),
        N_("You found your way back. Your history here stays yours."),
    ),
    Phase.MOVED_ON: (
        N_("Moving on"),
        N_("You chose your own path forward. Everything you built here stays with you."),
    ),
    Phase.CLOSED: (
        N_("Contact is closed"),
        N_("Reaching out has come to an end for this breakup. Now the focus is you."),
    ),
    Phase.SAFETY: (
        N_("Safety first"),
        N_("Here, no contact is about keeping you safe. Support is always close."),
    ),
}

VERDICT_TEXTS = {
    Verdict.READY: N_("Ready: this looks like wanting, not needing."),
    Verdict.ALMOST: N_("Almost there."),
    Verdict.NOT_YET: N_("Not yet, and that is okay."),
}


def contact_tools_offered(state: ProgramState) -> bool:
    """Contact tools show only when open, and not once the story has its ending."""
    return state.contact_tools_open and state.phase not in (Phase.REUNITED, Phase.MOVED_ON)


def _date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def reason_dict(reason: Reason) -> dict[str, Any]:
    return {
        "code": reason.code,
        "status": reason.status.value,
        "text": gettext(reason.template).format(**reason.params),
    }


def section_dict(section: Section) -> dict[str, Any]:
    return {
        "title": gettext(section.title),
        "intro": gettext(section.intro),
        "points": [gettext(point) for point in section.points],
        "why": [gettext(why) for why in section.why],
    }


def lock_note_for(state: ProgramState) -> dict[str, Any] | None:
    """Why contact tools are closed today, translated; ``None`` when they are open."""
    note = explain_lock(state)
    if note is None:
        return None
    params = dict(note.params)
    if note.date is not None:
        params["date"] = _date(note.date)
    explanation = note.explanation
    return {
        "reason": note.reason.value,
        "title": gettext(explanation.title),
        "text": gettext(explanation.body).format(**params),
        "date": note.date,
        "instead": [gettext(line) for line in explanation.instead],
        "next_step": explanation.next_step.value,
        "reopen": gettext(explanation.reopen) if explanation.reopen else "",
        "open_reasons": [reason_dict(r) for r in note.open_reasons],
        "moving_on": [section_dict(s) for s in note.moving_on],
    }
