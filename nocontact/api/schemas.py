"""The shapes of the API, strict: enumerations from ``core.model``, ranges from
``core.rules``, lengths from the models and the core's checks. Inputs forbid
unknown fields, so the schema says exactly what the server accepts."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Annotated, Final, Literal

from ninja import Path, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from nocontact.core import moments, rules
from nocontact.core.events import MAX_TEXT_CHARS
from nocontact.core.model import EndedBy, EventKind, Goal, LockReason, Phase, Verdict
from nocontact.web.forms_coach import DRAFT_MAX_CHARACTERS, UNANSWERED_MAX
from nocontact.web.forms_profile import MAX_RELATIONSHIP_MONTHS


def _spelled_out(keep: Callable[[str], bool]) -> str:
    """Every character ``keep`` accepts, as the inside of a regex class, spelled out so
    that Python's engine (pydantic, the server) and schemathesis's read it alike:
    ``\\s``, ``\\d`` and ``\\b`` differ between engines (Unicode or ASCII); a list does not."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if keep(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))

    def one(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)

    return "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges)


# What Python's str.strip() and str.split() (the form, the core) call white space,
# and what re's \\d (the form's phone check) calls a digit.
_SPACES: Final = _spelled_out(str.isspace)
SPACE: Final = f"[{_SPACES}]"
DIGIT: Final = f"[{_spelled_out(str.isdecimal)}]"
# No NUL (the databases cannot store it). Text that must say something has a non-space.
NO_NUL: Final = r"^[^\x00]*$"
# Written to match in linear time: a text of 50,000 spaces must not backtrack.
SAYS_SOMETHING: Final = rf"^{SPACE}*[^{_SPACES}\x00][^\x00]*$"
# What the profile form accepts as a nickname: something to say, and no contact
# details (no "@", link, web address or phone number) (web/forms_profile.py). The
# check here is at least as strict as the form's, so the form never refuses it.
NICKNAME: Final = (
    r"^(?![^\x00]*(?:[Hh][Tt][Tt][Pp][SsſS]?://|[Ww][Ww][Ww]\.|"
    r"\.(?:[Cc][Oo][Mm]|[Nn][Ee][Tt]|[Oo][Rr][Gg])(?![0-9A-Za-z_])|"
    rf"(?:{DIGIT}(?:{SPACE}|[\-./()])*){{6}}))"
    rf"{SPACE}*[^{_SPACES}@\x00][^@\x00]*$"
)
# A moment (an event's ``at``): RFC 3339 with its offset, checked by core.moments.
MOMENT: Final = f"^{moments.SHAPE}$"
# A name on the profile page: something to say, and no "@", link or web address
# (web/forms_profile.py); like NICKNAME, but digits are welcome ("our 5th anniversary").
A_NAME: Final = (
    r"^(?![^\x00]*(?:[Hh][Tt][Tt][Pp][SsſS]?://|[Ww][Ww][Ww]\.|"
    r"\.(?:[Cc][Oo][Mm]|[Nn][Ee][Tt]|[Oo][Rr][Gg])(?![0-9A-Za-z_])))"
    rf"{SPACE}*[^{_SPACES}@\x00][^@\x00]*$"
)
# A date the profile page accepts: from 1900-01-01 to 2200-12-31 (the format says which days exist).
KNOWN_DATE: Final = (
    r"^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
)
MAX_NAME_CHARS: Final = 120
MAX_PLAN_CHARS: Final = 2000
PAGE_SIZE: Final = 50
# A row id: what a 64-bit primary key can hold (beyond it, the database would fail).
ObjectId = Annotated[int, Path(ge=1, le=2**63 - 1)]
MAX_PAGE: Final = 100_000


def _json_integer(value: object) -> object:
    """JSON Schema's integer includes 3.0; strict ints would refuse it. Strings and
    booleans stay refused (strict), so "3" and true are still errors."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Put after the range: ``Annotated[int, Field(strict=True, ge=.., le=..), JSON_INTEGER]``
# (after a validator, pydantic would write ge/le instead of minimum/maximum).
JSON_INTEGER: Final = BeforeValidator(_json_integer)


class In(Schema):
    """Every input: unknown fields are refused, not silently dropped."""

    # python-re: the nickname check needs a look-ahead (the Rust engine has none).
    model_config = ConfigDict(extra="forbid", regex_engine="python-re")


# --- Errors -----------------------------------------------------------------------


class ErrorOut(Schema):
    error: str
    lock_reason: LockReason | None = Field(
        None, description="Set when a guardrail closed the contact tools."
    )


class ErrorDetail(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    error: str
    details: list[ErrorDetail] = Field(default_factory=list)


# --- The breakup profile ----------------------------------------------------------------

Nickname = Annotated[str, Field(min_length=1, max_length=60, pattern=NICKNAME)]
Months = Annotated[int, Field(strict=True, ge=0, le=MAX_RELATIONSHIP_MONTHS), JSON_INTEGER]
Intensity = Annotated[int, Field(strict=True, ge=0, le=rules.MAX_INTENSITY), JSON_INTEGER]


class OccasionOut(Schema):
    id: int
    name: str
    date: dt.date


class HardDateOut(Schema):
    id: int
    name: str
    date: dt.date
    coping_plan: str


class ItemLeftOut(Schema):
    id: int
    name: str
    substantial: bool


# What the profile page's forms accept (web/forms_profile.py DateForm, ItemForm): a name
# with something to say and no email address or link, a date from 1900 to 2200.
AName = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS, pattern=A_NAME)]
KnownDate = Annotated[
    str,
    Field(
        pattern=KNOWN_DATE,
        json_schema_extra={"format": "date"},
        description="YYYY-MM-DD, from 1900 to 2200.",
    ),
]


class OccasionIn(In):
    """A date of theirs you already know, like a birthday: only the date, never where they are."""

    name: AName
    date: KnownDate


class HardDateIn(In):
    """A day that may sting (an anniversary, a holiday), with a plan for it."""

    name: AName
    date: KnownDate
    coping_plan: Annotated[str, Field(max_length=MAX_PLAN_CHARS, pattern=NO_NUL)] = ""


class ItemLeftIn(In):
    name: AName
    substantial: StrictBool = Field(
        False, description="Worth giving back (a guitar, a passport), not a toothbrush."
    )


class BreakupOut(Schema):
    id: int
    ex_nickname: str
    breakup_date: dt.date
    relationship_months: int = Field(ge=0, le=MAX_RELATIONSHIP_MONTHS)
    ended_by: EndedBy
    intensity: int = Field(ge=0, le=rules.MAX_INTENSITY)
    goal: Goal
    unsafe: bool
    occasions: list[OccasionOut]
    hard_dates: list[HardDateOut]
    items_left: list[ItemLeftOut]
    created_at: dt.datetime


class BreakupIn(In):
    """A new breakup. The date is checked like the web form does: not in the
    future, and not more than ten years ago."""

    ex_nickname: Nickname
    breakup_date: dt.date
    relationship_months: Months
    ended_by: EndedBy
    intensity: Intensity
    goal: Goal
    unsafe: StrictBool = False


class BreakupPatch(In):
    """Change any of these; leave out what stays. The breakup date and the safety
    track are changed on the web profile page, where their meaning is explained."""

    ex_nickname: Nickname | None = None
    relationship_months: Months | None = None
    ended_by: EndedBy | None = None
    intensity: Intensity | None = None
    goal: Goal | None = None


# --- Journal entries and unsent letters -------------------------------------------------

# The two kinds of EventKind kept as Writing rows (core/program.py WRITING_KINDS).
WritingKind = Literal["journal", "unsent_letter"]
WritingText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=SAYS_SOMETHING)]


class CrisisResourceOut(Schema):
    name: str
    detail: str
    url: str | None = None


class WritingIn(In):
    kind: WritingKind
    text: WritingText


class WritingPatch(In):
    text: WritingText


class WritingOut(Schema):
    id: int
    kind: WritingKind
    text: str
    at: dt.datetime
    updated_at: dt.datetime
    crisis_resources: list[CrisisResourceOut] = Field(
        description="Support to reach for: not empty when the text speaks of self-harm."
    )


class WritingPage(Schema):
    count: int = Field(ge=0)
    page: int = Field(ge=1)
    pages: int = Field(ge=1)
    results: list[WritingOut]


# --- State ----------------------------------------------------------------------------


class ReadinessOut(Schema):
    verdict: Verdict
    reasons: list[str]


class StateOut(Schema):
    """The ``nocontact state --json`` document (DESIGN.md), for the active breakup today."""

    phase: Phase
    day_count: int
    minimum_days: int = Field(ge=0)
    minimum_reached_on: dt.date
    longest_streak: int
    total_days: int
    strength: float = Field(ge=0, le=1)
    readiness: ReadinessOut
    contact_tools: Literal["open", "locked"]
    lock_reason: LockReason | None
    next_attempt_on: dt.date | None
    attempts_left: int


# --- Coach ---------------------------------------------------------------------------


# Literals where two enums share a class name (core.model.Route and the coach's
# Route): OpenAPI components are named by class. test_api_schema checks they agree.
CoachRouteName = Literal[
    "first_contact", "reply", "occasion", "pickup", "intent_statement", "decline_friendship"
]
LoggedKind = Literal[
    "checkin",
    "urge",
    "slip",
    "checked_on_them",
    "ex_contact",
    "readiness_answers",
    "strategy",
    "attempt",
    "meeting",
    "signal",
    "outcome",
]


class CoachIn(In):
    text: Annotated[str, Field(max_length=DRAFT_MAX_CHARACTERS)]
    route: CoachRouteName
    send_at: Annotated[
        str | None,
        Field(
            None,
            pattern=r"^(?:[01]\d|2[0-3]):[0-5]\d$",
            description="HH:MM on your own clock; left out: now.",
        ),
    ] = None
    unanswered: Annotated[int, Field(strict=True, ge=0, le=UNANSWERED_MAX), JSON_INTEGER] = 0
    letter: StrictBool = Field(
        False, description="True for an unsent letter: the coach reads it under the soft locks."
    )


class FlagOut(Schema):
    code: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    why: str
    suggestion: str


class CoachOut(Schema):
    """``nocontact coach --json``, plus ``stop_coaching`` and the crisis resources."""

    score: int = Field(ge=0, le=100)
    flags: list[FlagOut]
    stop_coaching: bool
    crisis_resources: list[CrisisResourceOut]


# --- Export (plain pydantic models: ninja's Schema would drop the extra fields) ---------------------------------------------------------------------------


class ExportEventOut(BaseModel):
    """One event of the export; each kind's fields follow (unknown ones are kept)."""

    model_config = ConfigDict(extra="allow")
    kind: EventKind
    at: dt.datetime


class ExportOccasionOut(BaseModel):
    name: str
    date: dt.date


class ExportHardDateOut(BaseModel):
    name: str
    date: dt.date
    coping_plan: str


class ExportItemLeftOut(BaseModel):
    name: str
    substantial: bool


class ExportBreakupOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    ex_nickname: str
    breakup_date: dt.date
    relationship_months: int
    ended_by: EndedBy
    intensity: int
    goal: Goal
    unsafe: bool
    occasions: list[ExportOccasionOut]
    hard_dates: list[ExportHardDateOut]
    items_left: list[ExportItemLeftOut]
    events: list[ExportEventOut]


class ExportUserOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    timezone: str


class ExportOut(BaseModel):
    """The JSON export of DESIGN.md, the same document as the web's download."""

    format: Literal["nocontact"]
    version: int
    exported_at: str
    user: ExportUserOut
    breakups: list[ExportBreakupOut]
