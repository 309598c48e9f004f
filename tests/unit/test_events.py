"""Every input path validates events here: each kind's fields, and nothing that could crash later."""

from __future__ import annotations

from typing import Any

import pytest

from nocontact.core.events import (
    MAX_NOTE_CHARS,
    MAX_TEXT_CHARS,
    MAX_TRIGGER_CHARS,
    MAX_TRIGGERS,
    SCHEMAS,
    InvalidEvent,
    validate_event_data,
)
from nocontact.core.model import EventKind

CHECKIN = {"mood": 3, "desperation": 4, "cried": False}
URGE = {"intensity": 6, "outcome": "resisted"}
ATTEMPT = {"route": "reach_out", "outcome": "no_reply"}

# The smallest valid data for each kind.
MINIMAL: dict[EventKind, dict[str, Any]] = {
    EventKind.CHECKIN: CHECKIN,
    EventKind.URGE: URGE,
    EventKind.SLIP: {},
    EventKind.CHECKED_ON_THEM: {},
    EventKind.EX_CONTACT: {},
    EventKind.READINESS_ANSWERS: {"answers": [3] * 10},
    EventKind.STRATEGY: {"strategy": "reconnect"},
    EventKind.ATTEMPT: ATTEMPT,
    EventKind.MEETING: {},
    EventKind.SIGNAL: {"signal": "long_replies"},
    EventKind.JOURNAL: {"text": "A quiet day."},
    EventKind.UNSENT_LETTER: {"text": "I hope you're well."},
    EventKind.OUTCOME: {"outcome": "moved_on"},
}


def test_it_knows_every_kind() -> None:
    assert set(SCHEMAS) == set(EventKind) == set(MINIMAL)


@pytest.mark.parametrize("kind", list(EventKind))
def test_it_accepts_the_smallest_valid_event(kind: EventKind) -> None:
    assert validate_event_data(kind, MINIMAL[kind]) == MINIMAL[kind]
    assert validate_event_data(kind.value, MINIMAL[kind]) == MINIMAL[kind]


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (kind, name)
        for kind, schema in SCHEMAS.items()
        for name, spec in schema.items()
        if spec.required
    ],
)
def test_it_needs_every_required_field(kind: EventKind, name: str) -> None:
    data = {key: value for key, value in MINIMAL[kind].items() if key != name}
    with pytest.raises(InvalidEvent) as caught:
        validate_event_data(kind, data)
    assert caught.value.field == name
    assert caught.value.text == "This is needed."
    with pytest.raises(InvalidEvent):
        validate_event_data(kind, {**data, name: None})


def test_it_names_an_unknown_kind() -> None:
    with pytest.raises(InvalidEvent) as caught:
        validate_event_data("text_them", {})
    assert caught.value.field == "kind"
    assert "checkin" in caught.value.text


# (kind, field, value, the normalised value, or None when it must be refused)
CASES: list[tuple[EventKind, str, Any, Any]] = [
    # check-in
    (EventKind.CHECKIN, "mood", 1, 1),
    (EventKind.CHECKIN, "mood", 5, 5),
    (EventKind.CHECKIN, "mood", 0, None),
    (EventKind.CHECKIN, "mood", 6, None),
    (EventKind.CHECKIN, "mood", "4", 4),
    (EventKind.CHECKIN, "mood", " 4 ", 4),
    (EventKind.CHECKIN, "mood", 4.0, None),
    (EventKind.CHECKIN, "mood", "4.5", None),
    (EventKind.CHECKIN, "mood", True, None),
    (EventKind.CHECKIN, "mood", "four", None),
    (EventKind.CHECKIN, "mood", "+4", None),
    (EventKind.CHECKIN, "mood", "²", None),  # a digit to isdigit(), not to int()
    (EventKind.CHECKIN, "mood", "--4", None),
    (EventKind.CHECKIN, "mood", "4" * 5000, None),  # beyond int()'s digit limit
    (EventKind.CHECKIN, "mood", [4], None),
    (EventKind.CHECKIN, "desperation", 0, 0),
    (EventKind.CHECKIN, "desperation", 10, 10),
    (EventKind.CHECKIN, "desperation", -1, None),
    (EventKind.CHECKIN, "desperation", "-1", None),
    (EventKind.CHECKIN, "desperation", 11, None),
    (EventKind.CHECKIN, "cried", True, True),
    (EventKind.CHECKIN, "cried", "yes", True),
    (EventKind.CHECKIN, "cried", "No", False),
    (EventKind.CHECKIN, "cried", "0", False),
    (EventKind.CHECKIN, "cried", "maybe", None),
    (EventKind.CHECKIN, "cried", [], None),
    (EventKind.CHECKIN, "sleep_hours", 7.5, 7.5),
    (EventKind.CHECKIN, "sleep_hours", "6", 6.0),
    (EventKind.CHECKIN, "sleep_hours", 0, 0.0),
    (EventKind.CHECKIN, "sleep_hours", 24, 24.0),
    (EventKind.CHECKIN, "sleep_hours", 24.5, None),
    (EventKind.CHECKIN, "sleep_hours", -0.5, None),
    (EventKind.CHECKIN, "sleep_hours", float("nan"), None),
    (EventKind.CHECKIN, "sleep_hours", "inf", None),
    (EventKind.CHECKIN, "sleep_hours", 10**400, None),  # float() overflows
    (EventKind.CHECKIN, "sleep_hours", False, None),
    (EventKind.CHECKIN, "sleep_hours", "lots", None),
    (EventKind.CHECKIN, "control", 1, 1),
    (EventKind.CHECKIN, "control", 6, None),
    (EventKind.CHECKIN, "note", "Slept badly.", "Slept badly."),
    (EventKind.CHECKIN, "note", "x" * MAX_NOTE_CHARS, "x" * MAX_NOTE_CHARS),
    (EventKind.CHECKIN, "note", "x" * (MAX_NOTE_CHARS + 1), None),
    (EventKind.CHECKIN, "note", "a\x00b", None),
    (EventKind.CHECKIN, "note", "half a pair \ud83d", None),  # lone surrogate
    (EventKind.CHECKIN, "note", 42, None),
    # urge
    (EventKind.URGE, "intensity", 1, 1),
    (EventKind.URGE, "intensity", 10, 10),
    (EventKind.URGE, "intensity", 0, None),
    (EventKind.URGE, "intensity", 11, None),
    (EventKind.URGE, "outcome", "slipped", "slipped"),
    (EventKind.URGE, "outcome", "gave_in", None),
    (EventKind.URGE, "channel", "in_person", "in_person"),
    (EventKind.URGE, "channel", "carrier_pigeon", None),
    (EventKind.URGE, "channel", ["text"], None),
    (
        EventKind.URGE,
        "triggers",
        ["Late  Night", "late night", " ", "alcohol"],
        ["late night", "alcohol"],
    ),
    (EventKind.URGE, "triggers", "lonely, a song,,lonely", ["lonely", "a song"]),
    (
        EventKind.URGE,
        "triggers",
        [f"t{i}" for i in range(MAX_TRIGGERS)],
        [f"t{i}" for i in range(MAX_TRIGGERS)],
    ),
    (EventKind.URGE, "triggers", [f"t{i}" for i in range(MAX_TRIGGERS + 1)], None),
    (EventKind.URGE, "triggers", ["x" * (MAX_TRIGGER_CHARS + 1)], None),
    (EventKind.URGE, "triggers", ["ok", 3], None),
    (EventKind.URGE, "triggers", {"lonely": True}, None),
    (EventKind.URGE, "triggers", ["lone\x00ly"], None),
    # slip, checked on them, ex contact
    (EventKind.SLIP, "channel", "call", "call"),
    (EventKind.SLIP, "channel", "CALL", None),
    (EventKind.SLIP, "note", "   ", "<dropped>"),
    (EventKind.CHECKED_ON_THEM, "how", "mutual_friends", "mutual_friends"),
    (EventKind.CHECKED_ON_THEM, "how", "followed_them", None),
    (EventKind.EX_CONTACT, "tone", "warm", "warm"),
    (EventKind.EX_CONTACT, "tone", "angry", None),
    (EventKind.EX_CONTACT, "channel", "email", "email"),
    (EventKind.EX_CONTACT, "text", "hey, how are you?", "hey, how are you?"),
    (EventKind.EX_CONTACT, "text", "x" * (MAX_NOTE_CHARS + 1), None),
    # readiness answers
    (
        EventKind.READINESS_ANSWERS,
        "answers",
        [1, 2, 3, 4, 5, 5, 4, 3, 2, 1],
        [1, 2, 3, 4, 5, 5, 4, 3, 2, 1],
    ),
    (EventKind.READINESS_ANSWERS, "answers", ["5"] * 10, [5] * 10),
    (EventKind.READINESS_ANSWERS, "answers", (4,) * 10, [4] * 10),
    (EventKind.READINESS_ANSWERS, "answers", [3] * 9, None),
    (EventKind.READINESS_ANSWERS, "answers", [3] * 11, None),
    (EventKind.READINESS_ANSWERS, "answers", [3] * 9 + [0], None),
    (EventKind.READINESS_ANSWERS, "answers", [3] * 9 + [6], None),
    (EventKind.READINESS_ANSWERS, "answers", [3] * 9 + [True], None),
    (EventKind.READINESS_ANSWERS, "answers", "3333333333", None),
    # strategy, attempt, meeting, signal, outcome
    (EventKind.STRATEGY, "strategy", "intent_statement", "intent_statement"),
    (EventKind.STRATEGY, "strategy", "wait_and_see", None),
    (EventKind.ATTEMPT, "route", "pickup", "pickup"),
    (EventKind.ATTEMPT, "route", "engineered_coincidence", None),
    (EventKind.ATTEMPT, "outcome", "asked_no_contact", "asked_no_contact"),
    (EventKind.ATTEMPT, "outcome", "ghosted", None),
    (EventKind.MEETING, "again_both_sides", False, False),
    (EventKind.MEETING, "again_both_sides", "y", True),
    (EventKind.MEETING, "again_both_sides", 1, None),
    (EventKind.MEETING, "feeling", 5, 5),
    (EventKind.MEETING, "feeling", 0, None),
    (EventKind.SIGNAL, "signal", "asks_for_space", "asks_for_space"),
    (EventKind.SIGNAL, "signal", "liked_a_photo", None),
    (EventKind.OUTCOME, "outcome", "reunited", "reunited"),
    (EventKind.OUTCOME, "outcome", "closed", None),  # closed is a guardrail, never logged
    # journal and unsent letters
    (EventKind.JOURNAL, "text", "x" * MAX_TEXT_CHARS, "x" * MAX_TEXT_CHARS),
    (EventKind.JOURNAL, "text", "x" * (MAX_TEXT_CHARS + 1), None),
    (EventKind.JOURNAL, "text", "   \n ", None),
    (EventKind.JOURNAL, "text", "", None),
    (EventKind.JOURNAL, "text", "dear \x00", None),
    (EventKind.JOURNAL, "text", ["a list"], None),
    (EventKind.UNSENT_LETTER, "text", "Dear Sam, ...", "Dear Sam, ..."),
    (EventKind.UNSENT_LETTER, "text", "\t", None),
    (EventKind.UNSENT_LETTER, "text", "x" * (MAX_TEXT_CHARS + 1), None),
]


@pytest.mark.parametrize(
    ("kind", "name", "value", "expected"),
    CASES,
    ids=[f"{k.value}-{n}-{i}" for i, (k, n, _, _) in enumerate(CASES)],
)
def test_it_checks_each_field(kind: EventKind, name: str, value: Any, expected: Any) -> None:
    data = {**MINIMAL[kind], name: value}
    if expected is None:
        with pytest.raises(InvalidEvent) as caught:
            validate_event_data(kind, data)
        assert caught.value.field == name
        assert caught.value.text
        assert "{" not in caught.value.text  # the numbers are filled in
    elif expected == "<dropped>":
        assert name not in validate_event_data(kind, data)
    else:
        clean = validate_event_data(kind, data)
        assert clean[name] == expected
        assert type(clean[name]) is type(expected)


def test_it_explains_a_range_with_its_numbers() -> None:
    with pytest.raises(InvalidEvent) as caught:
        validate_event_data(EventKind.CHECKIN, {**CHECKIN, "desperation": 12})
    assert caught.value.text == "Please give a whole number from 0 to 10."
    assert caught.value.params == {"low": 0, "high": 10}
    assert str(caught.value) == "desperation: Please give a whole number from 0 to 10."


def test_it_lists_the_choices_when_one_is_wrong() -> None:
    with pytest.raises(InvalidEvent) as caught:
        validate_event_data(EventKind.URGE, {**URGE, "outcome": "maybe"})
    assert caught.value.text == "Please choose one of: resisted, slipped."


def test_it_drops_empty_optional_fields() -> None:
    clean = validate_event_data(
        EventKind.CHECKIN, {**CHECKIN, "sleep_hours": None, "control": "", "note": "  "}
    )
    assert clean == CHECKIN


def test_it_keeps_unknown_fields_as_they_are() -> None:
    data = {
        **CHECKIN,
        "weather": "rain",
        "from_a_newer_version": {"nested": [1, 2.5, None, True]},
    }
    clean = validate_event_data(EventKind.CHECKIN, data)
    assert clean["weather"] == "rain"
    assert clean["from_a_newer_version"] == {"nested": [1, 2.5, None, True]}


def test_it_drops_kind_and_at_from_the_data() -> None:
    clean = validate_event_data(
        EventKind.SLIP, {"kind": "slip", "at": "2026-09-02T21:00:00+02:00", "channel": "text"}
    )
    assert clean == {"channel": "text"}


@pytest.mark.parametrize(
    "extra",
    [
        {"weather": "rain\x00"},
        {"weather": ["sun", "\x00"]},
        {"weather": {"sky\x00": "blue"}},
        {"weather": "\udc00"},
        {"we\x00ather": "rain"},
    ],
)
def test_it_refuses_unknown_fields_the_database_cannot_store(extra: dict[str, Any]) -> None:
    with pytest.raises(InvalidEvent):
        validate_event_data(EventKind.SLIP, extra)


def test_it_does_not_change_the_input() -> None:
    data = {"intensity": "7", "outcome": "resisted", "triggers": "Alcohol, alcohol"}
    before = dict(data)
    clean = validate_event_data(EventKind.URGE, data)
    assert data == before
    assert clean == {"intensity": 7, "outcome": "resisted", "triggers": ["alcohol"]}
