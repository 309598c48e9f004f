"""Noticing self-harm language in anything the user writes.

Used on every free text (journal, unsent letters, notes, drafts) so that a page
can show crisis resources next to what was written. It never blocks saving and
never judges: a false alarm costs one calm panel, a miss could cost far more, so
the patterns lean towards noticing. Obvious figures of speech ("this song kills
me", "I nearly killed myself laughing", "I'd die for a coffee") are left alone.

The patterns are English and compiled once, at import. Curly apostrophes are
straightened one character for one, so a match's span points into the text as
the user wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["CrisisMatch", "find_self_harm", "mentions_self_harm"]

_STRAIGHT: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

# Words after "kill/hurt myself" that turn it into an idiom or an accident.
_NOT_A_CRISIS_AFTER: Final = (
    r"(?!\s+(?:laughing|with\s+laughter|at\s+(?:work|the\s+gym)|over\s+(?:this|it|work)"
    r"|to\s+(?:get|finish|make|meet|keep)|(?:while|when)\s+(?:running|playing|lifting|"
    r"cooking|skiing|climbing|training|cycling)|(?:running|playing|lifting|at\s+football"
    r"|at\s+training|shaving|on\s+(?:a|the)\b|by\s+accident)))"
)
_DONT: Final = r"(?:don't|dont|do\s+not|no\s+longer|never)"

_PATTERNS: Final[tuple[re.Pattern[str], ...]] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "kill myself", "killing myself", "hurt myself", "cut myself", "harm myself"
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|starve|starving)\s+"
        r"(?:my\s*self)\b" + _NOT_A_CRISIS_AFTER,
        r"\bself[-\s]?harm(?:ing)?\b",
        # "suicide", "suicidal", not the film title
        r"\bsuicid(?:e|al)\b(?!\s+squad)",
        # "end it all", "end my life", "ending it", "take my own life"
        # ("end it" alone is left out: here it usually means the relationship)
        r"\bend(?:ing)?\s+(?:it\s+all|my\s+(?:own\s+)?life)\b",
        r"\btake\s+my\s+(?:own\s+)?life\b",
        # "don't want to be here/alive/live anymore", "don't want to wake up"
        r"\b" + _DONT + r"\s+(?:want|wanna)\s+(?:to\s+)?(?:be\s+alive|live|exist|wake\s+up)\b"
        r"(?!\s+(?:in|at|near|there|here|together|abroad|early|before|with\s+(?:him|her|them)))",
        r"\b" + _DONT + r"\s+(?:want|wanna)\s+(?:to\s+)?be\s+here\b"
        r"(?!\s+(?:at|in|with|for|during|when|on|tonight|today|right\s+now)\b)",
        # "I want to die", "I wanna die", "I'd rather be dead", "wish I was dead"
        r"\b(?:want|wanna|deserve)\s+(?:to\s+)?die\b"
        r"(?!\s+(?:of|from|laughing|for|with\s+embarrassment))",
        r"\b(?:rather|better\s+off|wish\s+i\s+(?:was|were))\s+(?:be\s+)?dead\b",
        r"\bbetter\s+off\s+without\s+me\b",
        r"\b(?:no|any)\s+reason\s+to\s+(?:live|go\s+on|keep\s+going)\b",
        r"\bnot\s+worth\s+living\b",
        r"\b(?:won't|will\s+not)\s+be\s+(?:around|here)\s+(?:much\s+)?(?:longer|for\s+long)\b",
        r"\b(?:wasn't|weren't|wasnt|was\s+not)\s+here\s+any\s*more\b",
        r"\bcan't\s+go\s+on\s+(?:living|any\s*more)\b",
        r"\boverdos(?:e|ed|ing)\s+on\b(?!\s+(?:coffee|caffeine|sugar|chocolate|tv))",
    )
)


@dataclass(frozen=True, slots=True)
class CrisisMatch:
    """Where self-harm language was found: ``text[start:end]`` is the phrase."""

    start: int
    end: int
    phrase: str


def find_self_harm(text: str) -> CrisisMatch | None:
    """The earliest self-harm phrase in ``text``, or ``None``."""
    if not text:
        return None
    plain = text.translate(_STRAIGHT)
    found: CrisisMatch | None = None
    for pattern in _PATTERNS:
        match = pattern.search(plain)
        if match and (found is None or match.start() < found.start):
            found = CrisisMatch(match.start(), match.end(), text[match.start() : match.end()])
    return found


def mentions_self_harm(text: str) -> bool:
    """True when ``text`` holds self-harm language: show crisis resources, save anyway."""
    return find_self_harm(text) is not None
