"""The coach's verdict on a draft, as pages and the JSON endpoint show it (translated).

One place turns ``core.coach.analyse`` into what the user reads, so the live
panel, the no-JavaScript page and the cool-off review always say the same thing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any, Final

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from nocontact.core.coach import CoachResult, FlagCode, Route, analyse
from nocontact.core.coach_rules import WHOLE_MESSAGE_CODES

FLAG_LABELS: Final = {
    FlagCode.BEGGING: N_("Pleading"),
    FlagCode.GUILT: N_("Guilt"),
    FlagCode.PITY: N_("Asking for pity"),
    FlagCode.PRESSURE: N_("Pressure"),
    FlagCode.REHASH_BREAKUP: N_("Going over the breakup"),
    FlagCode.DATING_QUESTION: N_("Asking about their dating life"),
    FlagCode.DECLARES_FEELINGS: N_("Feelings, too early"),
    FlagCode.MIND_GAMES: N_("Mind games"),
    FlagCode.TOO_LONG: N_("Too long"),
    FlagCode.DOUBLE_TEXT: N_("A second message before a reply"),
    FlagCode.LATE_NIGHT: N_("Late at night"),
    FlagCode.OFFERS_DROPOFF: N_("Offering to drop things off"),
    FlagCode.FRIENDSHIP_OFFER: N_("Offering friendship"),
    FlagCode.UNCLEAR_INTENT: N_("Intent not clear"),
    FlagCode.HOSTILE: N_("Anger"),
    FlagCode.SELF_HARM: N_("You matter more than this message"),
}


def flag_labels() -> dict[str, str]:
    return {code.value: gettext(label) for code, label in FLAG_LABELS.items()}


@dataclass(frozen=True)
class Segment:
    """A run of the draft, marked when a flag points at it."""

    text: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    result: CoachResult
    text: str
    flags: list[dict[str, Any]]
    segments: list[Segment]

    @property
    def score(self) -> int:
        return self.result.score

    @property
    def stop_coaching(self) -> bool:
        return self.result.stop_coaching

    @property
    def hostile(self) -> bool:
        return FlagCode.HOSTILE in self.result.codes

    @property
    def clean(self) -> bool:
        return not self.result.flags and bool(self.text.strip())

    def to_json(self) -> dict[str, Any]:
        """``analyse(...).to_json()`` in the user's language, plus ``stop_coaching``."""
        document: dict[str, Any] = dict(self.result.to_json())
        for flag in document["flags"]:
            flag["why"] = gettext(flag["why"])
            flag["suggestion"] = gettext(flag["suggestion"])
        document["stop_coaching"] = self.stop_coaching
        return document


def review(
    text: str, route: Route, send_at: dt.time | dt.datetime | None, unanswered: int
) -> Review:
    result = analyse(text, route, send_at=send_at, unanswered=unanswered)
    flags = [
        {
            "code": flag.code.value,
            "label": gettext(FLAG_LABELS[flag.code]),
            "quote": "" if flag.code in WHOLE_MESSAGE_CODES else text[flag.start : flag.end],
            "why": gettext(flag.why),
            "suggestion": gettext(flag.suggestion),
        }
        for flag in result.flags
    ]
    return Review(result, text, flags, segments(text, result))


def segments(text: str, result: CoachResult) -> list[Segment]:
    """The draft cut where flagged spans begin and end (whole-message flags mark nothing)."""
    spans = [
        (flag.start, flag.end, flag.code.value)
        for flag in result.flags
        if flag.code not in WHOLE_MESSAGE_CODES and flag.end > flag.start
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        codes = tuple(code for s, e, code in spans if s <= start and end <= e)
        pieces.append(Segment(text[start:end], codes))
    return pieces
