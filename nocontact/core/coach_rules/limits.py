"""Every number the message coach uses, in one place.

Changing how strict the coach is means changing a constant here, never an
``if`` buried in the analyser.
"""

from __future__ import annotations

import datetime
from types import MappingProxyType
from typing import Final

from nocontact.core.coach_rules.codes import FlagCode, Route

PERFECT_SCORE: Final = 100
LOWEST_SCORE: Final = 0

# A message sent in this window lands when the ex may be asleep and reads as
# impulsive; the window wraps around midnight (start inclusive, end exclusive).
LATE_NIGHT_STARTS: Final = datetime.time(22, 0)
LATE_NIGHT_ENDS: Final = datetime.time(6, 0)

# One unanswered message is already enough: the next one is a double text.
DOUBLE_TEXT_AFTER_UNANSWERED: Final = 1

# How many words before a phrase are searched for a negation that cancels it
# ("I'm not asking you to come back").
NEGATION_WINDOW_WORDS: Final = 4

# Short and simple wins: above either limit the draft is flagged as too long.
# The intent statement has the most to say; a birthday card the least.
MAX_CHARACTERS: Final = MappingProxyType(
    {
        Route.FIRST_CONTACT: 300,
        Route.REPLY: 400,
        Route.OCCASION: 300,
        Route.PICKUP: 350,
        Route.INTENT_STATEMENT: 600,
        Route.DECLINE_FRIENDSHIP: 400,
    }
)
MAX_SENTENCES: Final = MappingProxyType(
    {
        Route.FIRST_CONTACT: 5,
        Route.REPLY: 6,
        Route.OCCASION: 4,
        Route.PICKUP: 5,
        Route.INTENT_STATEMENT: 8,
        Route.DECLINE_FRIENDSHIP: 6,
    }
)

# Points taken off the perfect score, once per code however often it shows up.
# The heavier the harm to the user's dignity or to the ex's autonomy, the more.
PENALTY: Final = MappingProxyType(
    {
        FlagCode.BEGGING: 30,
        FlagCode.GUILT: 30,
        FlagCode.PITY: 25,
        FlagCode.PRESSURE: 30,
        FlagCode.REHASH_BREAKUP: 20,
        FlagCode.DATING_QUESTION: 25,
        FlagCode.DECLARES_FEELINGS: 20,
        FlagCode.MIND_GAMES: 30,
        FlagCode.TOO_LONG: 10,
        FlagCode.DOUBLE_TEXT: 25,
        FlagCode.LATE_NIGHT: 15,
        FlagCode.OFFERS_DROPOFF: 20,
        FlagCode.FRIENDSHIP_OFFER: 30,
        FlagCode.UNCLEAR_INTENT: 30,
        FlagCode.HOSTILE: 60,
        FlagCode.SELF_HARM: PERFECT_SCORE,
    }
)

# Route-specific codes; every other phrase code applies on every route.
ROUTES_FOR: Final = MappingProxyType(
    {
        FlagCode.OFFERS_DROPOFF: frozenset({Route.PICKUP}),
        FlagCode.FRIENDSHIP_OFFER: frozenset({Route.INTENT_STATEMENT}),
        FlagCode.UNCLEAR_INTENT: frozenset({Route.INTENT_STATEMENT}),
        FlagCode.DECLARES_FEELINGS: frozenset(
            {Route.FIRST_CONTACT, Route.REPLY, Route.OCCASION, Route.PICKUP}
        ),
    }
)
