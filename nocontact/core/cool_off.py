"""The cool-off queue: an unsent letter the user might send waits before it comes back.

A letter marked "I might send this" waits ``rules.COOL_OFF_HOURS``; then it
comes back with the coach's review and the user's current readiness, and the
user keeps it unsent, edits it or deletes it. The app itself never sends it.

Pure functions of the moment the letter was marked and the moment now, so the
pages, the tests and any reminder all agree on when a letter comes back.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Final

from nocontact.core import rules
from nocontact.core.model import LockReason

__all__ = [
    "COOL_OFF",
    "LETTER_COACH_CLOSED_BY",
    "CoolOffStatus",
    "coach_open_for_letter",
    "comes_back_at",
    "is_due",
    "status",
    "time_left",
]

COOL_OFF: Final = dt.timedelta(hours=rules.COOL_OFF_HOURS)

# A letter is never sent, so the coach may still read one while the minimum
# period, distress or a cooldown closes the contact tools: its review says
# "not yet" through the readiness verdict. These guardrails close it too: the
# ex's wish (or the user's safety) ends every talk of sending.
LETTER_COACH_CLOSED_BY: Final = frozenset(
    {
        LockReason.SAFETY_TRACK,
        LockReason.ASKED_NO_CONTACT,
        LockReason.BLOCKED,
        LockReason.ATTEMPT_LIMIT,
    }
)


class CoolOffStatus(StrEnum):
    NOT_QUEUED = "not_queued"  # an ordinary unsent letter
    WAITING = "waiting"  # marked, still cooling off
    DUE = "due"  # back, waiting for the user's decision


def _aware(moment: dt.datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def comes_back_at(marked_at: dt.datetime) -> dt.datetime:
    """When a letter marked at ``marked_at`` comes back (same time zone as given)."""
    _aware(marked_at, "marked_at")
    # Elapsed hours, not wall-clock ones: across a DST change it still waits 24 h.
    return (marked_at.astimezone(dt.UTC) + COOL_OFF).astimezone(marked_at.tzinfo)


def is_due(marked_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a letter marked at ``marked_at`` is back for review at ``now``."""
    return status(marked_at, now) is CoolOffStatus.DUE


def status(marked_at: dt.datetime | None, now: dt.datetime) -> CoolOffStatus:
    if marked_at is None:
        return CoolOffStatus.NOT_QUEUED
    _aware(now, "now")
    return CoolOffStatus.DUE if now >= comes_back_at(marked_at) else CoolOffStatus.WAITING


def time_left(marked_at: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """How long until the letter comes back; zero once it is back."""
    _aware(now, "now")
    return max(dt.timedelta(0), comes_back_at(marked_at) - now)


def coach_open_for_letter(lock_reason: LockReason | None) -> bool:
    """Whether the coach may review an unsent letter under this lock."""
    return lock_reason not in LETTER_COACH_CLOSED_BY
