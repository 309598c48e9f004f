"""The message coach: instant, explainable feedback on a draft to the ex.

``analyse`` reads a draft for a route and returns a score from 0 to 100 and the
flags it found, each with a stable code, the span of text it is about, why it
matters and a kinder phrasing. It is deterministic, pure and quick enough to run
on every keystroke: the patterns are compiled once, when this module is
imported. Patterns are language data (``coach_rules/en.py``), the numbers live
in ``coach_rules/limits.py`` and the texts in ``coach_rules/messages.py``.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final, TypedDict

from nocontact.core.coach_rules import DEFAULT_LANGUAGE, FIXED_GROUP, LanguageRules, rules_for
from nocontact.core.coach_rules.codes import FlagCode, Route
from nocontact.core.coach_rules.limits import (
    DOUBLE_TEXT_AFTER_UNANSWERED,
    LATE_NIGHT_ENDS,
    LATE_NIGHT_STARTS,
    LOWEST_SCORE,
    MAX_CHARACTERS,
    MAX_SENTENCES,
    NEGATION_WINDOW_WORDS,
    PENALTY,
    PERFECT_SCORE,
    ROUTES_FOR,
)
from nocontact.core.coach_rules.messages import advice_for
from nocontact.core.crisis import find_self_harm

__all__ = [
    "CoachResult",
    "Flag",
    "FlagCode",
    "Route",
    "analyse",
    "is_late_night",
]

# Curly quotes become straight ones so one pattern covers both; every
# replacement is one character for one, so spans stay true to the draft.
_STRAIGHT_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})
_WORD: Final = re.compile(r"\w")
_CODE_ORDER: Final = {code: index for index, code in enumerate(FlagCode)}
# The languages ``core/crisis.py`` reads: there its self-harm phrases (the ones the
# journal and letters are checked with) serve the coach too, next to the few
# coaching-only phrases of ``coach_rules/<language>.py``.
_CRISIS_LANGUAGES: Final = frozenset({"en"})

# Compiled at import so the first keystroke is as fast as the thousandth.
rules_for(DEFAULT_LANGUAGE)


class FlagJson(TypedDict):
    code: str
    start: int
    end: int
    why: str
    suggestion: str


class CoachJson(TypedDict):
    score: int
    flags: list[FlagJson]


@dataclass(frozen=True, slots=True)
class Flag:
    """One thing the coach noticed, with the characters ``text[start:end]`` it is about."""

    code: FlagCode
    start: int
    end: int
    why: str
    suggestion: str

    def to_json(self) -> FlagJson:
        return {
            "code": self.code.value,
            "start": self.start,
            "end": self.end,
            "why": self.why,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class CoachResult:
    """The verdict on one draft.

    When ``stop_coaching`` is true the draft speaks of self-harm: the score is 0,
    the only flag is ``self_harm`` and adapters must show crisis resources
    instead of any message advice.
    """

    score: int
    flags: tuple[Flag, ...] = ()
    stop_coaching: bool = False
    codes: frozenset[FlagCode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", frozenset(flag.code for flag in self.flags))

    def to_json(self) -> CoachJson:
        return {"score": self.score, "flags": [flag.to_json() for flag in self.flags]}


def analyse(
    text: str,
    route: Route | str,
    send_at: datetime.time | datetime.datetime | None = None,
    unanswered: int = 0,
    language: str = DEFAULT_LANGUAGE,
) -> CoachResult:
    """Coach ``text``, a draft for ``route``.

    ``send_at`` is the user's local time of sending (a datetime is read at its
    own wall-clock time), ``unanswered`` how many of the user's messages are still
    waiting for a reply. Raises ``ValueError`` for an unknown route.
    """
    # 1. Read the draft as plain text; an empty draft has nothing to coach yet.
    route = Route(route)
    if not text.strip():
        return CoachResult(score=PERFECT_SCORE)
    rules = rules_for(language)
    reading = _Reading(_folded(text), rules)

    # 2. Self-harm language ends coaching: nothing else is said about the draft.
    harm = reading.phrase_spans(FlagCode.SELF_HARM)
    if rules.language in _CRISIS_LANGUAGES and (crisis := find_self_harm(text)) is not None:
        harm = _without_overlaps([*harm, (crisis.start, crisis.end)])
    if harm:
        flags = tuple(_flag(FlagCode.SELF_HARM, span, route) for span in harm)
        return CoachResult(score=LOWEST_SCORE, flags=flags, stop_coaching=True)

    # 3. Phrases: each code that applies to this route, wherever it shows up.
    found: list[Flag] = []
    for code in FlagCode:
        if code is FlagCode.SELF_HARM or not _applies(code, route):
            continue
        found.extend(_flag(code, span, route) for span in reading.phrase_spans(code))

    # 4. The message as a whole and the moment it would be sent.
    whole = (0, len(text))
    if len(text) > MAX_CHARACTERS[route] or reading.sentence_count() > MAX_SENTENCES[route]:
        found.append(_flag(FlagCode.TOO_LONG, whole, route))
    if unanswered >= DOUBLE_TEXT_AFTER_UNANSWERED:
        found.append(_flag(FlagCode.DOUBLE_TEXT, whole, route))
    if send_at is not None and is_late_night(send_at):
        found.append(_flag(FlagCode.LATE_NIGHT, whole, route))
    if _applies(FlagCode.UNCLEAR_INTENT, route) and not reading.states_clear_intent():
        found.append(_flag(FlagCode.UNCLEAR_INTENT, whole, route))

    # 5. Each code costs its penalty once, however many times it shows up.
    found.sort(key=lambda flag: (flag.start, _CODE_ORDER[flag.code]))
    penalty = sum(PENALTY[code] for code in {flag.code for flag in found})
    return CoachResult(score=max(LOWEST_SCORE, PERFECT_SCORE - penalty), flags=tuple(found))


def is_late_night(send_at: datetime.time | datetime.datetime) -> bool:
    """Whether a message sent at this local time lands in the late-night window."""
    moment = send_at.time() if isinstance(send_at, datetime.datetime) else send_at
    moment = moment.replace(tzinfo=None)
    if LATE_NIGHT_STARTS <= LATE_NIGHT_ENDS:
        return LATE_NIGHT_STARTS <= moment < LATE_NIGHT_ENDS
    return moment >= LATE_NIGHT_STARTS or moment < LATE_NIGHT_ENDS


def _folded(text: str) -> str:
    """The draft in lower case with straight quotes, character for character."""
    folded = text.translate(_STRAIGHT_QUOTES).lower()
    if len(folded) == len(text):
        return folded
    # A few letters grow when lower-cased ("İ"); keep those as they are so that
    # every span still points at the user's own characters.
    return "".join(
        lower if len(lower := char.lower()) == 1 else char
        for char in text.translate(_STRAIGHT_QUOTES)
    )


def _applies(code: FlagCode, route: Route) -> bool:
    routes = ROUTES_FOR.get(code)
    return routes is None or route in routes


def _flag(code: FlagCode, span: tuple[int, int], route: Route) -> Flag:
    advice = advice_for(code, route)
    return Flag(code, span[0], span[1], advice.why, advice.suggestion)


class _Reading:
    """One draft seen through one language's rules; clause breaks are found once, lazily."""

    __slots__ = ("_clause_starts", "rules", "text")

    def __init__(self, text: str, rules: LanguageRules) -> None:
        self.text = text
        self.rules = rules
        self._clause_starts: list[int] | None = None

    def phrase_spans(self, code: FlagCode) -> list[tuple[int, int]]:
        """Spans where ``code`` shows up, minus negated hits and harmless exceptions."""
        pattern = self.rules.phrases.get(code)
        if pattern is None:
            return []
        spans: list[tuple[int, int]] = []
        position = 0
        while (match := pattern.search(self.text, position)) is not None:
            if match.lastgroup == FIXED_GROUP or not self.is_negated(match.start()):
                spans.append(match.span())
                position = match.end()
            else:
                # A cancelled phrase may hide another one inside it
                # ("never talked about why you left").
                position = match.start() + 1
        if not spans:
            return spans
        exception = self.rules.exceptions.get(code)
        if exception is not None:
            harmless = [match.span() for match in exception.finditer(self.text)]
            spans = [span for span in spans if not any(_overlap(span, h) for h in harmless)]
        return _without_overlaps(spans)

    def is_negated(self, start: int) -> bool:
        """Whether a negation comes a few words before ``start`` in the same clause."""
        if self._clause_starts is None:
            self._clause_starts = [m.end() for m in self.rules.clause_break.finditer(self.text)]
        index = bisect_right(self._clause_starts, start) - 1
        clause_start = self._clause_starts[index] if index >= 0 else 0
        words = self.text[clause_start:start].split()[-NEGATION_WINDOW_WORDS:]
        return bool(words) and self.rules.negation.search(" ".join(words)) is not None

    def sentence_count(self) -> int:
        parts = self.rules.sentence_end.split(self.text)
        return sum(1 for part in parts if _WORD.search(part))

    def states_clear_intent(self) -> bool:
        """Says it wants to be together again and asks for contact only if that is mutual."""
        romantic = any(
            not self.is_negated(match.start())
            for match in self.rules.romantic_intent.finditer(self.text)
        )
        return romantic and self.rules.asks_only_if_same.search(self.text) is not None


def _overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for span in sorted(spans):
        if kept and _overlap(kept[-1], span):
            continue
        kept.append(span)
    return kept
