"""The vocabulary of the program: enumerations and frozen records.

Everything here is plain data. Rules live in ``rules.py``; the derivation of the
user's state from their event log lives in ``program.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class EndedBy(StrEnum):
    ME = "me"
    THEM = "them"
    MUTUAL = "mutual"


class Goal(StrEnum):
    RECONNECT = "reconnect"
    UNSURE = "unsure"
    MOVE_ON = "move_on"


class Strategy(StrEnum):
    RECONNECT = "reconnect"
    INTENT_STATEMENT = "intent_statement"
    MOVE_ON = "move_on"


class Route(StrEnum):
    EX_REACHED_OUT = "ex_reached_out"
    ENCOUNTER = "encounter"
    REACH_OUT = "reach_out"
    OCCASION = "occasion"
    PICKUP = "pickup"
    INTENT_STATEMENT = "intent_statement"


class AttemptOutcome(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NOT_READY = "not_ready"
    NO_REPLY = "no_reply"
    ASKED_NO_CONTACT = "asked_no_contact"
    BLOCKED = "blocked"


class Outcome(StrEnum):
    REUNITED = "reunited"
    MOVED_ON = "moved_on"


class Channel(StrEnum):
    CALL = "call"
    TEXT = "text"
    SOCIAL = "social"
    EMAIL = "email"
    IN_PERSON = "in_person"


class UrgeOutcome(StrEnum):
    RESISTED = "resisted"
    SLIPPED = "slipped"


class Tone(StrEnum):
    WARM = "warm"
    NEUTRAL = "neutral"
    COLD = "cold"


class CheckedHow(StrEnum):
    PROFILE = "profile"
    MUTUAL_FRIENDS = "mutual_friends"
    OTHER = "other"


class Signal(StrEnum):
    # Positive signs of interest.
    EX_INITIATED = "ex_initiated"
    OFFERED_TO_MEET = "offered_to_meet"
    LONG_REPLIES = "long_replies"
    ASKED_ABOUT_YOUR_LIFE = "asked_about_your_life"
    SUGGESTED_ANOTHER_MEETING = "suggested_another_meeting"
    # Signs to respect.
    SHORT_REPLIES = "short_replies"
    MENTIONS_NEW_PARTNER = "mentions_new_partner"
    ASKS_FOR_SPACE = "asks_for_space"
    # Route D: friendship offered after a statement of intent (kindly meant, not a yes).
    OFFERED_FRIENDSHIP = "offered_friendship"


class EventKind(StrEnum):
    CHECKIN = "checkin"
    URGE = "urge"
    SLIP = "slip"
    CHECKED_ON_THEM = "checked_on_them"
    EX_CONTACT = "ex_contact"
    READINESS_ANSWERS = "readiness_answers"
    STRATEGY = "strategy"
    ATTEMPT = "attempt"
    MEETING = "meeting"
    SIGNAL = "signal"
    JOURNAL = "journal"
    UNSENT_LETTER = "unsent_letter"
    OUTCOME = "outcome"


class Phase(StrEnum):
    NO_CONTACT = "no_contact"
    READINESS = "readiness"
    RECONNECT = "reconnect"
    MEETING = "meeting"
    REUNITED = "reunited"
    MOVED_ON = "moved_on"
    CLOSED = "closed"
    SAFETY = "safety"


class LockReason(StrEnum):
    """Why contact tools are closed, in the order of precedence (first wins)."""

    SAFETY_TRACK = "safety_track"
    ASKED_NO_CONTACT = "asked_no_contact"
    BLOCKED = "blocked"
    ATTEMPT_LIMIT = "attempt_limit"
    NOT_CONTACT_STRATEGY = "not_contact_strategy"
    MINIMUM_NOT_REACHED = "minimum_not_reached"
    DISTRESS = "distress"
    NOT_READY_YET = "not_ready_yet"
    COOLDOWN = "cooldown"


class Verdict(StrEnum):
    READY = "ready"
    ALMOST = "almost"
    NOT_YET = "not_yet"


@dataclass(frozen=True, slots=True)
class Occasion:
    """A date the user already knows (a birthday, a graduation)."""

    name: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class HardDate:
    """A date that may be hard for the user (an anniversary, a holiday)."""

    name: str
    date: dt.date
    coping_plan: str = ""


@dataclass(frozen=True, slots=True)
class ItemLeft:
    name: str
    substantial: bool


@dataclass(frozen=True, slots=True)
class Profile:
    """The breakup profile: what the rules need to know about this breakup."""

    ex_nickname: str
    breakup_date: dt.date
    relationship_months: int
    ended_by: EndedBy
    intensity: int
    goal: Goal
    unsafe: bool = False
    occasions: tuple[Occasion, ...] = ()
    hard_dates: tuple[HardDate, ...] = ()
    items_left: tuple[ItemLeft, ...] = ()


def _frozen(data: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the append-only log.

    ``at`` is always timezone-aware. ``data`` holds the kind's fields, already
    validated by ``events.validate_event_data``.
    """

    kind: EventKind
    at: dt.datetime
    data: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("Event.at must be timezone-aware")
        object.__setattr__(self, "data", _frozen(self.data))

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)
