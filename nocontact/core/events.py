"""What each kind of event carries, and the checks every input goes through.

The web forms, the CLI and the importer all validate through this module, so a
value the rules cannot read never reaches the log. Unknown fields are kept (a
newer export may carry them) and ignored by the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from nocontact.core import rules
from nocontact.core.i18n import N_
from nocontact.core.model import (
    AttemptOutcome,
    Channel,
    CheckedHow,
    EventKind,
    Outcome,
    Route,
    Signal,
    Strategy,
    Tone,
    UrgeOutcome,
)

MAX_NOTE_CHARS: Final = 5_000
MAX_TEXT_CHARS: Final = 50_000
MAX_TRIGGERS: Final = 10
MAX_TRIGGER_CHARS: Final = 40
SUGGESTED_TRIGGERS: Final = (
    "lonely",
    "late night",
    "alcohol",
    "a song",
    "photos",
    "social media",
    "a special date",
    "saw them",
    "bored",
    "stressed",
)


class InvalidEvent(ValueError):
    """A field does not hold what its kind needs. ``message`` is for the user."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        self.message = message
        self.params = params
        super().__init__(f"{field}: {message.format(**params)}")

    @property
    def text(self) -> str:
        return self.message.format(**self.params)


Check = Callable[[str, Any], Any]


def _integer(low: int, high: int) -> Check:
    def check(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            # int() alone would take "1_0" or "+5"; isdigit() alone passes "²" to int(),
            # which then fails. Plain ASCII digits only, then int().
            text = value.strip() if isinstance(value, str) else ""
            digits = text[1:] if text.startswith("-") else text
            if not (digits.isascii() and digits.isdigit() and len(digits) <= 6):
                raise InvalidEvent(
                    name, N_("Please give a whole number from {low} to {high}."), low=low, high=high
                )
            value = int(text)
        if not low <= value <= high:
            raise InvalidEvent(
                name, N_("Please give a whole number from {low} to {high}."), low=low, high=high
            )
        return int(value)

    return check


def _number(low: float, high: float) -> Check:
    def check(name: str, value: Any) -> float:
        if isinstance(value, bool):
            raise InvalidEvent(
                name, N_("Please give a number from {low} to {high}."), low=low, high=high
            )
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            raise InvalidEvent(
                name, N_("Please give a number from {low} to {high}."), low=low, high=high
            ) from None
        if not low <= number <= high:  # also rejects NaN
            raise InvalidEvent(
                name, N_("Please give a number from {low} to {high}."), low=low, high=high
            )
        return number

    return check


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"yes", "y", "true", "1"}:
        return True
    if isinstance(value, str) and value.lower() in {"no", "n", "false", "0"}:
        return False
    raise InvalidEvent(name, N_("Please answer yes or no."))


def _choice(enum: type[StrEnum]) -> Check:
    def check(name: str, value: Any) -> str:
        try:
            return str(enum(value))
        except ValueError:
            options = ", ".join(member.value for member in enum)
            raise InvalidEvent(
                name, N_("Please choose one of: {options}."), options=options
            ) from None

    return check


def _text(max_chars: int, *, required: bool) -> Check:
    def check(name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise InvalidEvent(name, N_("Please write some text here."))
        if required and not value.strip():
            raise InvalidEvent(name, N_("Please write some text here."))
        if len(value) > max_chars:
            raise InvalidEvent(
                name,
                N_("This is longer than {limit} characters; please shorten it."),
                limit=max_chars,
            )
        _storable(name, value)
        return value

    return check


def _storable(name: str, value: str) -> None:
    """NUL and lone surrogates: PostgreSQL and UTF-8 cannot store them."""
    if "\x00" in value or not _encodes(value):
        raise InvalidEvent(name, N_("This text contains a character we can't store."))


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _storable_value(name: str, value: Any) -> None:
    """Unknown fields are kept as they are, so long as the database can hold them."""
    if isinstance(value, str):
        _storable(name, value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _storable_value(name, str(key))
            _storable_value(name, item)
    elif isinstance(value, list | tuple):
        for item in value:
            _storable_value(name, item)


def _triggers(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list | tuple):
        raise InvalidEvent(name, N_("Please give the triggers as a list of short words."))
    tags: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise InvalidEvent(name, N_("Please give the triggers as a list of short words."))
        tag = " ".join(item.split()).lower()
        if not tag:
            continue
        _storable(name, tag)
        if len(tag) > MAX_TRIGGER_CHARS:
            raise InvalidEvent(
                name, N_("Each trigger can be at most {limit} characters."), limit=MAX_TRIGGER_CHARS
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TRIGGERS:
        raise InvalidEvent(name, N_("Please pick at most {limit} triggers."), limit=MAX_TRIGGERS)
    return tags


def _answers(name: str, value: Any) -> list[int]:
    low, high = rules.READINESS_ANSWER_RANGE
    count = rules.READINESS_STATEMENT_COUNT
    if not isinstance(value, list | tuple) or len(value) != count:
        raise InvalidEvent(name, N_("Please answer all {count} statements."), count=count)
    one = _integer(low, high)
    return [one(name, item) for item in value]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    check: Check
    required: bool = False
    # The user's own words: encrypted at rest when they ask (docs/encryption.md).
    free_text: bool = False


_NOTE = FieldSpec(_text(MAX_NOTE_CHARS, required=False), free_text=True)
_WRITING = FieldSpec(_text(MAX_TEXT_CHARS, required=True), required=True, free_text=True)

SCHEMAS: Final[Mapping[EventKind, Mapping[str, FieldSpec]]] = {
    EventKind.CHECKIN: {
        "mood": FieldSpec(_integer(*rules.MOOD_RANGE), required=True),
        "desperation": FieldSpec(_integer(*rules.DESPERATION_RANGE), required=True),
        "cried": FieldSpec(_boolean, required=True),
        "sleep_hours": FieldSpec(_number(*rules.SLEEP_HOURS_RANGE)),
        "control": FieldSpec(_integer(*rules.LIFE_CONTROL_RANGE)),
        "note": _NOTE,
    },
    EventKind.URGE: {
        "intensity": FieldSpec(_integer(*rules.URGE_INTENSITY_RANGE), required=True),
        "outcome": FieldSpec(_choice(UrgeOutcome), required=True),
        "channel": FieldSpec(_choice(Channel)),
        "triggers": FieldSpec(_triggers),
        "note": _NOTE,
    },
    EventKind.SLIP: {"channel": FieldSpec(_choice(Channel)), "note": _NOTE},
    EventKind.CHECKED_ON_THEM: {"how": FieldSpec(_choice(CheckedHow)), "note": _NOTE},
    EventKind.EX_CONTACT: {
        "channel": FieldSpec(_choice(Channel)),
        "tone": FieldSpec(_choice(Tone)),
        "text": _NOTE,
    },
    EventKind.READINESS_ANSWERS: {"answers": FieldSpec(_answers, required=True)},
    EventKind.STRATEGY: {"strategy": FieldSpec(_choice(Strategy), required=True)},
    EventKind.ATTEMPT: {
        "route": FieldSpec(_choice(Route), required=True),
        "outcome": FieldSpec(_choice(AttemptOutcome), required=True),
        "note": _NOTE,
    },
    EventKind.MEETING: {
        "again_both_sides": FieldSpec(_boolean),
        "feeling": FieldSpec(_integer(*rules.MOOD_RANGE)),
        "note": _NOTE,
    },
    EventKind.SIGNAL: {"signal": FieldSpec(_choice(Signal), required=True), "note": _NOTE},
    EventKind.JOURNAL: {"text": _WRITING},
    EventKind.UNSENT_LETTER: {"text": _WRITING},
    EventKind.OUTCOME: {"outcome": FieldSpec(_choice(Outcome), required=True)},
}

# Per kind, the fields that hold the user's own words (the rules never read them).
TEXT_FIELDS: Final[Mapping[EventKind, frozenset[str]]] = {
    kind: frozenset(name for name, spec in schema.items() if spec.free_text)
    for kind, schema in SCHEMAS.items()
}


def validate_event_data(kind: EventKind | str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``data`` with known fields checked and normalised.

    Missing optional fields and ``None`` values are dropped; unknown fields are
    kept as they are. Raises ``InvalidEvent`` on the first bad field.
    """
    try:
        kind = EventKind(kind)
    except ValueError:
        options = ", ".join(k.value for k in EventKind)
        raise InvalidEvent(
            "kind", N_("Please choose one of: {options}."), options=options
        ) from None
    schema = SCHEMAS[kind]
    clean: dict[str, Any] = {}
    for name, spec in schema.items():
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip() and not spec.required):
            if spec.required:
                raise InvalidEvent(name, N_("This is needed."))
            continue
        clean[name] = spec.check(name, value)
    for name, value in data.items():
        if name not in schema and name not in {"kind", "at"}:
            _storable_value(str(name), str(name))
            _storable_value(str(name), value)
            clean[name] = value
    return clean
