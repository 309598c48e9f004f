"""The interest trend: what the ex's signals add up to, with the evidence shown.

Each piece of evidence has a weight (positive for signs of interest, negative
for signs to respect) that fades with age, halving every
``RECENCY_HALF_LIFE_DAYS``: what happened last week says more than what happened
two months ago. The score is the sum; the direction reads it. Nothing is hidden:
the evidence list is exactly what a page shows, each item with its date, what it
was, its weight and what it counts for today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from nocontact.core.i18n import N_
from nocontact.core.model import AttemptOutcome, Event, EventKind, Signal, Tone
from nocontact.core.program import date_events

__all__ = [
    "ATTEMPT_WEIGHTS",
    "COOLING_SCORE",
    "EVIDENCE_WINDOW_DAYS",
    "MIN_EVIDENCE",
    "RECENCY_HALF_LIFE_DAYS",
    "SIGNAL_WEIGHTS",
    "WARMING_SCORE",
    "Direction",
    "Evidence",
    "InterestTrend",
    "interest_trend",
]

# Evidence halves in weight every two weeks.
RECENCY_HALF_LIFE_DAYS: Final = 14
# Older evidence is not listed (after 90 days it counts for under 2 % anyway).
EVIDENCE_WINDOW_DAYS: Final = 90
# With fewer items than this, the trend is "unclear" unless a clear "no" came last.
MIN_EVIDENCE: Final = 2
WARMING_SCORE: Final = 1.0
COOLING_SCORE: Final = -1.0

SIGNAL_WEIGHTS: Final[Mapping[Signal, float]] = MappingProxyType(
    {
        Signal.EX_INITIATED: 2.0,
        Signal.OFFERED_TO_MEET: 2.0,
        Signal.SUGGESTED_ANOTHER_MEETING: 2.0,
        Signal.LONG_REPLIES: 1.0,
        Signal.ASKED_ABOUT_YOUR_LIFE: 1.0,
        Signal.SHORT_REPLIES: -1.0,
        Signal.MENTIONS_NEW_PARTNER: -2.0,
        Signal.ASKS_FOR_SPACE: -3.0,
        # Warmth, but not the romance asked for: a gentle "not this way".
        Signal.OFFERED_FRIENDSHIP: -1.0,
    }
)
ATTEMPT_WEIGHTS: Final[Mapping[AttemptOutcome, float]] = MappingProxyType(
    {
        AttemptOutcome.POSITIVE: 2.0,
        AttemptOutcome.NEUTRAL: 0.0,  # says nothing either way: not listed
        AttemptOutcome.NOT_READY: -0.5,
        AttemptOutcome.NO_REPLY: -0.5,
        AttemptOutcome.ASKED_NO_CONTACT: -3.0,
        AttemptOutcome.BLOCKED: -3.0,
    }
)
MEETING_AGAIN_BOTH_SIDES_WEIGHT: Final = 2.0
# A cold message from them still counts as reaching out, at half the weight.
COLD_CONTACT_FACTOR: Final = 0.5

# Evidence that turns the trend "cooling" on its own until a warm sign follows
# it: a clear request deserves respect, whatever came before it.
_CLEAR_NO: Final = frozenset(
    {Signal.ASKS_FOR_SPACE.value, "attempt_asked_no_contact", "attempt_blocked"}
)

_WHAT: Final[Mapping[str, str]] = MappingProxyType(
    {
        Signal.EX_INITIATED.value: N_("They got in touch first"),
        Signal.OFFERED_TO_MEET.value: N_("They offered to meet"),
        Signal.SUGGESTED_ANOTHER_MEETING.value: N_("They suggested meeting again"),
        Signal.LONG_REPLIES.value: N_("They wrote long replies"),
        Signal.ASKED_ABOUT_YOUR_LIFE.value: N_("They asked about your life"),
        Signal.SHORT_REPLIES.value: N_("Their replies were short"),
        Signal.MENTIONS_NEW_PARTNER.value: N_("They mentioned someone new"),
        Signal.ASKS_FOR_SPACE.value: N_("They asked for space"),
        Signal.OFFERED_FRIENDSHIP.value: N_("They offered friendship"),
        "ex_contact": N_("They got in touch first"),
        "ex_contact_cold": N_("They got in touch, sounding distant"),
        "meeting_again": N_("'Let's do this again' came from both of you"),
        "attempt_positive": N_("They answered you warmly"),
        "attempt_not_ready": N_("They said they're not ready"),
        "attempt_no_reply": N_("No reply to your message"),
        "attempt_asked_no_contact": N_("They asked for no contact"),
        "attempt_blocked": N_("They blocked you"),
    }
)


class Direction(StrEnum):
    WARMING = "warming"
    STEADY = "steady"
    COOLING = "cooling"
    UNCLEAR = "unclear"


SUMMARIES: Final[Mapping[Direction, str]] = MappingProxyType(
    {
        Direction.WARMING: N_(
            "Recent signs point towards interest. Go gently, and let them set the pace too."
        ),
        Direction.STEADY: N_("The signs are mixed or quiet. That's normal; keep things light."),
        Direction.COOLING: N_("Recent signs point away. The kind thing now is to give them room."),
        Direction.UNCLEAR: N_("There are too few signs to tell yet. One moment says very little."),
    }
)


@dataclass(frozen=True, slots=True)
class Evidence:
    day: dt.date
    code: str  # a Signal value, or ex_contact, meeting_again, attempt_<outcome>
    what: str
    weight: float  # positive: a sign of interest; negative: a sign to respect
    counts: float  # the weight after fading with age, as it counts today

    @property
    def positive(self) -> bool:
        return self.weight > 0


@dataclass(frozen=True, slots=True)
class InterestTrend:
    direction: Direction
    score: float
    evidence: tuple[Evidence, ...]  # newest first

    @property
    def summary(self) -> str:
        return SUMMARIES[self.direction]


def _fade(weight: float, age_days: int) -> float:
    factor: float = 0.5 ** (max(0, age_days) / RECENCY_HALF_LIFE_DAYS)
    return weight * factor


def _weigh(event: Event, contact_days: set[dt.date], day: dt.date) -> tuple[str, float] | None:
    """The code and base weight of one event, or ``None`` when it is no evidence."""
    kind = event.kind
    if kind is EventKind.SIGNAL:
        signal = Signal(event.get("signal"))
        # The same contact logged twice (as contact and as signal) counts once.
        if signal is Signal.EX_INITIATED and day in contact_days:
            return None
        return signal.value, SIGNAL_WEIGHTS[signal]
    if kind is EventKind.EX_CONTACT:
        weight = SIGNAL_WEIGHTS[Signal.EX_INITIATED]
        if event.get("tone") == Tone.COLD:
            return "ex_contact_cold", weight * COLD_CONTACT_FACTOR
        return "ex_contact", weight
    if kind is EventKind.MEETING and event.get("again_both_sides") is True:
        return "meeting_again", MEETING_AGAIN_BOTH_SIDES_WEIGHT
    if kind is EventKind.ATTEMPT:
        outcome = AttemptOutcome(event.get("outcome"))
        weight = ATTEMPT_WEIGHTS[outcome]
        return (f"attempt_{outcome.value}", weight) if weight else None
    return None


def _clear_no_stands(evidence: list[Evidence]) -> bool:
    for item in reversed(evidence):
        if item.code in _CLEAR_NO:
            return True
        if item.positive:
            return False
    return False


def interest_trend(events: Iterable[Event], today: dt.date, tz: dt.tzinfo) -> InterestTrend:
    """The trend of the ex's interest from the log, with the evidence behind it."""
    # 1. Local dates, lived events only, within the window.
    window_start = today - dt.timedelta(days=EVIDENCE_WINDOW_DAYS)
    dated = [d for d in date_events(events, tz, today) if d.day >= window_start]
    contact_days = {d.day for d in dated if d.event.kind is EventKind.EX_CONTACT}

    # 2. Weigh each piece of evidence and let it fade with age.
    evidence: list[Evidence] = []
    for d in dated:
        weighed = _weigh(d.event, contact_days, d.day)
        if weighed is None:
            continue
        code, weight = weighed
        counts = round(_fade(weight, (today - d.day).days), 2)
        evidence.append(Evidence(d.day, code, _WHAT[code], weight, counts))
    score = round(sum(e.counts for e in evidence), 2)

    # 3. Read the direction: a clear "no" with nothing warm since wins; too little
    #    evidence is unclear; otherwise the score decides.
    if _clear_no_stands(evidence):
        direction = Direction.COOLING
    elif len(evidence) < MIN_EVIDENCE:
        direction = Direction.UNCLEAR
    elif score >= WARMING_SCORE:
        direction = Direction.WARMING
    elif score <= COOLING_SCORE:
        direction = Direction.COOLING
    else:
        direction = Direction.STEADY
    return InterestTrend(direction, score, tuple(reversed(evidence)))
