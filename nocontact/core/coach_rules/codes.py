"""The stable names the message coach speaks in: routes and flag codes.

They live apart from ``coach.py`` so the numbers, messages and language data can
refer to them without importing the analyser itself.
"""

from __future__ import annotations

from enum import StrEnum


class Route(StrEnum):
    """What the draft is for; some rules only make sense on some routes."""

    FIRST_CONTACT = "first_contact"
    REPLY = "reply"
    OCCASION = "occasion"
    PICKUP = "pickup"
    INTENT_STATEMENT = "intent_statement"
    DECLINE_FRIENDSHIP = "decline_friendship"


class FlagCode(StrEnum):
    """Stable codes of the coach's flags (DESIGN.md, "Message coach")."""

    BEGGING = "begging"
    GUILT = "guilt"
    PITY = "pity"
    PRESSURE = "pressure"
    REHASH_BREAKUP = "rehash_breakup"
    DATING_QUESTION = "dating_question"
    DECLARES_FEELINGS = "declares_feelings"
    MIND_GAMES = "mind_games"
    TOO_LONG = "too_long"
    DOUBLE_TEXT = "double_text"
    LATE_NIGHT = "late_night"
    OFFERS_DROPOFF = "offers_dropoff"
    FRIENDSHIP_OFFER = "friendship_offer"
    UNCLEAR_INTENT = "unclear_intent"
    HOSTILE = "hostile"
    SELF_HARM = "self_harm"
