"""One input and one output shape per kind of event (``core.events.SCHEMAS``).

Inputs carry what the core checks, in the same ranges and lengths, so the schema
refuses what the core would; the core still checks everything on the way in.
Outputs are the stored event: ``id``, ``kind``, ``at`` and the kind's fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from ninja import Schema
from pydantic import Field, StrictBool

from nocontact.api.schemas import JSON_INTEGER, MOMENT, NO_NUL, In
from nocontact.core import rules
from nocontact.core.events import MAX_NOTE_CHARS, MAX_TRIGGER_CHARS, MAX_TRIGGERS
from nocontact.core.model import (
    AttemptOutcome,
    Channel,
    CheckedHow,
    Outcome,
    Route,
    Signal,
    Strategy,
    Tone,
    UrgeOutcome,
)

MOOD = rules.MOOD_RANGE
DESPERATION = rules.DESPERATION_RANGE
CONTROL = rules.LIFE_CONTROL_RANGE
URGE = rules.URGE_INTENSITY_RANGE
ANSWER = rules.READINESS_ANSWER_RANGE

Mood = Annotated[int, Field(strict=True, ge=MOOD[0], le=MOOD[1]), JSON_INTEGER]
Desperation = Annotated[int, Field(strict=True, ge=DESPERATION[0], le=DESPERATION[1]), JSON_INTEGER]
Control = Annotated[int, Field(strict=True, ge=CONTROL[0], le=CONTROL[1]), JSON_INTEGER]
UrgeIntensity = Annotated[int, Field(strict=True, ge=URGE[0], le=URGE[1]), JSON_INTEGER]
Answer = Annotated[int, Field(strict=True, ge=ANSWER[0], le=ANSWER[1]), JSON_INTEGER]
SleepHours = Annotated[
    float,
    Field(
        strict=True,  # a number, never true or "8"
        ge=rules.SLEEP_HOURS_RANGE[0],
        le=rules.SLEEP_HOURS_RANGE[1],
        allow_inf_nan=False,
    ),
]
Note = Annotated[str, Field(max_length=MAX_NOTE_CHARS, pattern=NO_NUL)]
Trigger = Annotated[str, Field(max_length=MAX_TRIGGER_CHARS, pattern=NO_NUL)]
Signals = Annotated[list[Signal], Field(max_length=len(Signal))]
# Checked by the route (api/moments.py), with a kind word for each problem.
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time", "pattern": MOMENT})]
AT_HELP: Final = (
    "When it happened, ISO 8601 with its offset (2026-11-22T21:30:00+01:00); left out: now. "
    "Not still ahead (a clock a few minutes fast is forgiven), not before the day of the "
    "breakup on your own clock: else 422."
)


# --- Inputs -------------------------------------------------------------------------


class Dated(In):
    """An entry that may be logged later than it happened: an urge an hour ago, last night's
    check-in. The decisions (self-check, strategy, attempt, outcome) are logged as they are
    made, under today's guardrails: they take no ``at``."""

    at: Moment | None = Field(None, description=AT_HELP)


class CheckinIn(Dated):
    mood: Mood
    desperation: Desperation
    cried: StrictBool
    sleep_hours: SleepHours | None = None
    control: Control | None = None
    note: Note | None = None


class UrgeIn(Dated):
    """An urge; ``slipped`` logs the contact (a slip) too, at the same moment."""

    intensity: UrgeIntensity
    outcome: UrgeOutcome
    channel: Channel | None = None
    triggers: Annotated[list[Trigger], Field(max_length=MAX_TRIGGERS)] | None = None
    note: Note | None = None


class SlipIn(Dated):
    channel: Channel | None = None
    note: Note | None = None


class CheckedOnThemIn(Dated):
    how: CheckedHow | None = None
    note: Note | None = None


class ExContactIn(Dated):
    channel: Channel | None = None
    tone: Tone | None = None
    text: Note | None = None


class ReadinessAnswersIn(In):
    """The self-check, once a day; answers in the order of the statements."""

    answers: Annotated[
        list[Answer],
        Field(
            min_length=rules.READINESS_STATEMENT_COUNT, max_length=rules.READINESS_STATEMENT_COUNT
        ),
    ]


class StrategyIn(In):
    strategy: Strategy


class AttemptIn(In):
    """A contact tool: refused (403) while the core says the tools are closed."""

    route: Route
    outcome: AttemptOutcome
    note: Note | None = None
    signals: Signals = Field(default_factory=list, description="Signals seen, logged with it.")


class MeetingIn(Dated):
    again_both_sides: StrictBool | None = None
    feeling: Mood | None = None
    note: Note | None = None
    signals: Signals = Field(default_factory=list, description="Signals seen, logged with it.")


class SignalIn(Dated):
    signal: Signal
    note: Note | None = None


class OutcomeIn(In):
    outcome: Outcome


# --- Outputs --------------------------------------------------------------------------


class EventBase(Schema):
    id: int
    at: dt.datetime


class CheckinOut(EventBase):
    kind: Literal["checkin"]
    mood: int
    desperation: int
    cried: bool
    sleep_hours: float | None = None
    control: int | None = None
    note: str | None = None


class UrgeOut(EventBase):
    kind: Literal["urge"]
    intensity: int
    outcome: UrgeOutcome
    channel: Channel | None = None
    triggers: list[str] | None = None
    note: str | None = None


class SlipOut(EventBase):
    kind: Literal["slip"]
    channel: Channel | None = None
    note: str | None = None


class CheckedOnThemOut(EventBase):
    kind: Literal["checked_on_them"]
    how: CheckedHow | None = None
    note: str | None = None


class ExContactOut(EventBase):
    kind: Literal["ex_contact"]
    channel: Channel | None = None
    tone: Tone | None = None
    text: str | None = None


class ReadinessAnswersOut(EventBase):
    kind: Literal["readiness_answers"]
    answers: list[int]


class StrategyOut(EventBase):
    kind: Literal["strategy"]
    strategy: Strategy


class AttemptOut(EventBase):
    kind: Literal["attempt"]
    route: Route
    outcome: AttemptOutcome
    note: str | None = None


class MeetingOut(EventBase):
    kind: Literal["meeting"]
    again_both_sides: bool | None = None
    feeling: int | None = None
    note: str | None = None


class SignalOut(EventBase):
    kind: Literal["signal"]
    signal: Signal
    note: str | None = None


class OutcomeOut(EventBase):
    kind: Literal["outcome"]
    outcome: Outcome


EventOut = Annotated[
    CheckinOut
    | UrgeOut
    | SlipOut
    | CheckedOnThemOut
    | ExContactOut
    | ReadinessAnswersOut
    | StrategyOut
    | AttemptOut
    | MeetingOut
    | SignalOut
    | OutcomeOut,
    Field(discriminator="kind"),
]


class EventPage(Schema):
    count: int = Field(ge=0)
    page: int = Field(ge=1)
    pages: int = Field(ge=1)
    results: list[EventOut]


# The URL segment, input and output of each kind logged through /events/.
KIND_SHAPES: Final = {
    "checkin": (CheckinIn, CheckinOut),
    "urge": (UrgeIn, UrgeOut),
    "slip": (SlipIn, SlipOut),
    "checked_on_them": (CheckedOnThemIn, CheckedOnThemOut),
    "ex_contact": (ExContactIn, ExContactOut),
    "readiness_answers": (ReadinessAnswersIn, ReadinessAnswersOut),
    "strategy": (StrategyIn, StrategyOut),
    "attempt": (AttemptIn, AttemptOut),
    "meeting": (MeetingIn, MeetingOut),
    "signal": (SignalIn, SignalOut),
    "outcome": (OutcomeIn, OutcomeOut),
}
