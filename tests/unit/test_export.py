"""The export document: reading it strictly where the rules need it, and writing it back."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nocontact.core.export import (
    BreakupRecord,
    ExportFormatError,
    export_document,
    parse_export,
)
from nocontact.core.model import (
    EndedBy,
    Event,
    EventKind,
    Goal,
    HardDate,
    ItemLeft,
    Occasion,
    Profile,
)
from nocontact.core.program import derive_state

BERLIN = ZoneInfo("Europe/Berlin")


def document() -> dict[str, Any]:
    """The example of DESIGN.md, with real times."""
    return {
        "format": "nocontact",
        "version": 1,
        "exported_at": "2026-11-22T10:00:00Z",
        "user": {"timezone": "Europe/Berlin"},
        "breakups": [
            {
                "id": "b1",
                "ex_nickname": "Sam",
                "breakup_date": "2026-09-01",
                "relationship_months": 26,
                "ended_by": "them",
                "intensity": 1,
                "goal": "reconnect",
                "unsafe": False,
                "occasions": [{"name": "Sam's graduation", "date": "2027-06-20"}],
                "items_left": [{"name": "guitar", "substantial": True}],
                "events": [
                    {
                        "kind": "checkin",
                        "at": "2026-09-02T21:00:00+02:00",
                        "mood": 2,
                        "desperation": 7,
                        "cried": True,
                    },
                    {
                        "kind": "urge",
                        "at": "2026-09-03T23:10:00+02:00",
                        "intensity": 8,
                        "channel": "text",
                        "outcome": "resisted",
                    },
                    {"kind": "slip", "at": "2026-09-05T01:30:00+02:00", "channel": "call"},
                    {"kind": "checked_on_them", "at": "2026-09-06T12:00:00+02:00"},
                    {
                        "kind": "ex_contact",
                        "at": "2026-10-20T18:00:00+02:00",
                        "channel": "text",
                        "tone": "warm",
                    },
                    {
                        "kind": "readiness_answers",
                        "at": "2026-10-21T10:00:00+02:00",
                        "answers": [4, 5, 2, 4, 5, 4, 3, 5, 4, 4],
                    },
                    {
                        "kind": "strategy",
                        "at": "2026-10-21T10:05:00+02:00",
                        "strategy": "reconnect",
                    },
                    {
                        "kind": "attempt",
                        "at": "2026-10-22T19:00:00+02:00",
                        "route": "reach_out",
                        "outcome": "not_ready",
                    },
                    {
                        "kind": "meeting",
                        "at": "2026-11-01T19:00:00+01:00",
                        "again_both_sides": True,
                    },
                    {
                        "kind": "signal",
                        "at": "2026-11-01T22:00:00+01:00",
                        "signal": "offered_to_meet",
                    },
                    {"kind": "journal", "at": "2026-11-02T08:00:00+01:00", "text": "Calmer today."},
                    {
                        "kind": "unsent_letter",
                        "at": "2026-11-03T23:00:00+01:00",
                        "text": "Dear Sam",
                    },
                    {"kind": "outcome", "at": "2026-11-20T12:00:00+01:00", "outcome": "moved_on"},
                ],
            }
        ],
    }


def error_of(doc: Any) -> ExportFormatError:
    with pytest.raises(ExportFormatError) as caught:
        parse_export(doc)
    return caught.value


def test_it_reads_the_example_of_the_design() -> None:
    parsed = parse_export(document())
    assert parsed.timezone == "Europe/Berlin"
    record = parsed.breakup()
    assert record.id == "b1"
    assert record.profile == Profile(
        ex_nickname="Sam",
        breakup_date=dt.date(2026, 9, 1),
        relationship_months=26,
        ended_by=EndedBy.THEM,
        intensity=1,
        goal=Goal.RECONNECT,
        occasions=(Occasion("Sam's graduation", dt.date(2027, 6, 20)),),
        items_left=(ItemLeft("guitar", True),),
    )
    assert len(record.events) == 13
    assert {e.kind for e in record.events} == set(EventKind)
    slip = next(e for e in record.events if e.kind is EventKind.SLIP)
    assert slip.at == dt.datetime(2026, 9, 4, 23, 30, tzinfo=dt.UTC)


def test_it_derives_the_state_of_the_example() -> None:
    parsed = parse_export(document())
    record = parsed.breakup()
    state = derive_state(record.profile, record.events, dt.date(2026, 11, 22), parsed.tzinfo)
    assert state.phase == "moved_on"
    assert state.last_slip_on == dt.date(2026, 9, 5)
    assert state.day_count == 78


def test_it_picks_a_breakup_by_id() -> None:
    doc = document()
    second = copy.deepcopy(doc["breakups"][0])
    second.update(id="b2", ex_nickname="Alex", events=[])
    doc["breakups"].append(second)
    parsed = parse_export(doc)
    assert parsed.breakup("b2").profile.ex_nickname == "Alex"
    assert parsed.breakup().id == "b1"
    with pytest.raises(ExportFormatError) as caught:
        parsed.breakup("b3")
    assert "b1, b2" in str(caught.value)


def test_it_explains_an_empty_file() -> None:
    doc = document()
    doc["breakups"] = []
    with pytest.raises(ExportFormatError):
        parse_export(doc).breakup()


def test_it_reads_events_in_any_order() -> None:
    doc = document()
    doc["breakups"][0]["events"].reverse()
    record = parse_export(doc).breakup()
    forward = parse_export(document()).breakup()
    today = dt.date(2026, 11, 22)
    assert derive_state(record.profile, record.events, today, BERLIN) == derive_state(
        forward.profile, forward.events, today, BERLIN
    )


def test_it_reads_a_time_without_offset_on_the_users_clock() -> None:
    doc = document()
    doc["breakups"][0]["events"] = [{"kind": "slip", "at": "2026-09-05T00:30:00"}]
    (slip,) = parse_export(doc).breakup().events
    assert slip.at == dt.datetime(2026, 9, 4, 22, 30, tzinfo=dt.UTC)
    doc["user"]["timezone"] = "America/New_York"
    (slip,) = parse_export(doc).breakup().events
    assert slip.at == dt.datetime(2026, 9, 5, 4, 30, tzinfo=dt.UTC)


def test_it_reads_utc_written_with_z() -> None:
    doc = document()
    doc["breakups"][0]["events"] = [{"kind": "slip", "at": "2026-09-04T22:30:00Z"}]
    (slip,) = parse_export(doc).breakup().events
    assert slip.at == dt.datetime(2026, 9, 4, 22, 30, tzinfo=dt.UTC)


def test_it_defaults_to_utc_without_a_user() -> None:
    doc = document()
    del doc["user"]
    assert parse_export(doc).timezone == "UTC"


def test_it_keeps_unknown_fields() -> None:
    doc = document()
    doc["app_version"] = "9.9"
    doc["breakups"][0]["colour"] = "teal"
    doc["breakups"][0]["events"][2]["felt"] = "relieved, then sad"
    record = parse_export(doc).breakup()
    assert record.extra == {"colour": "teal"}
    slip = next(e for e in record.events if e.kind is EventKind.SLIP)
    assert slip.get("felt") == "relieved, then sad"


def test_it_defaults_optional_profile_fields() -> None:
    doc = document()
    for key in ("unsafe", "occasions", "items_left", "events", "id"):
        del doc["breakups"][0][key]
    record = parse_export(doc).breakup()
    assert record.id == "1"
    assert record.profile.unsafe is False
    assert record.profile.occasions == ()
    assert record.events == ()


# (a change to the document, where the error should point)
BAD: list[tuple[str, Any, str]] = [
    ("format", "jrnl", "format"),
    ("version", 2, "version"),
    ("version", "1", "version"),
    ("user", "Europe/Berlin", "user"),
    ("user.timezone", "Mars/Olympus_Mons", "user.timezone"),
    ("user.timezone", 5, "user.timezone"),
    ("breakups", {"b1": {}}, "breakups"),
    ("b.ex_nickname", None, "breakups[0].ex_nickname"),
    ("b.ex_nickname", "   ", "breakups[0].ex_nickname"),
    ("b.ex_nickname", "x" * 61, "breakups[0].ex_nickname"),
    ("b.ex_nickname", "Sa\x00m", "breakups[0].ex_nickname"),
    ("b.breakup_date", "2026-02-30", "breakups[0].breakup_date"),
    ("b.breakup_date", "01/09/2026", "breakups[0].breakup_date"),
    ("b.breakup_date", 20260901, "breakups[0].breakup_date"),
    ("b.breakup_date", "9999-12-31", "breakups[0].breakup_date"),  # date arithmetic would overflow
    ("b.breakup_date", "0001-01-01", "breakups[0].breakup_date"),
    ("b.relationship_months", -1, "breakups[0].relationship_months"),
    ("b.relationship_months", 26.5, "breakups[0].relationship_months"),
    ("b.relationship_months", "26", "breakups[0].relationship_months"),
    ("b.relationship_months", True, "breakups[0].relationship_months"),
    ("b.ended_by", "nobody", "breakups[0].ended_by"),
    ("b.intensity", 4, "breakups[0].intensity"),
    ("b.goal", "revenge", "breakups[0].goal"),
    ("b.unsafe", "no", "breakups[0].unsafe"),
    ("b.occasions", [{"name": "birthday"}], "breakups[0].occasions[0].date"),
    ("b.occasions", [{"date": "2027-01-01"}], "breakups[0].occasions[0].name"),
    ("b.occasions", ["birthday"], "breakups[0].occasions[0]"),
    ("b.occasions", {"name": "birthday"}, "breakups[0].occasions"),
    (
        "b.items_left",
        [{"name": "guitar", "substantial": "very"}],
        "breakups[0].items_left[0].substantial",
    ),
    (
        "b.hard_dates",
        [{"name": "anniversary", "date": "2027-02-14", "coping_plan": ["walk"]}],
        "breakups[0].hard_dates[0].coping_plan",
    ),
    ("b.events", "none", "breakups[0].events"),
    ("e", {"at": "2026-09-02T21:00:00+02:00"}, "breakups[0].events[0].kind"),
    ("e", {"kind": "texted_them", "at": "2026-09-02T21:00:00+02:00"}, "breakups[0].events[0].kind"),
    ("e", {"kind": "slip"}, "breakups[0].events[0].at"),
    ("e", {"kind": "slip", "at": "yesterday"}, "breakups[0].events[0].at"),
    ("e", {"kind": "slip", "at": 1757000000}, "breakups[0].events[0].at"),
    ("e", {"kind": "slip", "at": "0001-01-01T00:00:00+05:00"}, "breakups[0].events[0].at"),
    ("e", {"kind": "slip", "at": "9999-12-31T23:00:00-05:00"}, "breakups[0].events[0].at"),
    (
        "e",
        {
            "kind": "checkin",
            "at": "2026-09-02T21:00:00+02:00",
            "mood": 9,
            "desperation": 1,
            "cried": False,
        },
        "breakups[0].events[0].mood",
    ),
    (
        "e",
        {"kind": "checkin", "at": "2026-09-02T21:00:00+02:00", "mood": 3, "cried": False},
        "breakups[0].events[0].desperation",
    ),
    (
        "e",
        {"kind": "journal", "at": "2026-09-02T21:00:00+02:00", "text": "a\x00"},
        "breakups[0].events[0].text",
    ),
    ("e", ["slip", "2026-09-02"], "breakups[0].events[0]"),
]


def apply(doc: dict[str, Any], path: str, value: Any) -> None:
    breakup = doc["breakups"][0]
    if path == "e":
        breakup["events"] = [value]
    elif path.startswith("b."):
        breakup[path[2:]] = value
    elif path == "user.timezone":
        doc["user"]["timezone"] = value
    else:
        doc[path] = value


@pytest.mark.parametrize(
    ("path", "value", "where"), BAD, ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(BAD)]
)
def test_it_points_at_what_is_wrong(path: str, value: Any, where: str) -> None:
    doc = document()
    apply(doc, path, value)
    error = error_of(doc)
    assert error.where == where
    assert error.message


@pytest.mark.parametrize(
    "key", ["ex_nickname", "breakup_date", "relationship_months", "ended_by", "intensity", "goal"]
)
def test_it_says_which_profile_field_is_missing(key: str) -> None:
    doc = document()
    del doc["breakups"][0][key]
    error = error_of(doc)
    assert error.where == f"breakups[0].{key}"
    assert error.message == "is missing"


def test_it_needs_the_breakups() -> None:
    doc = document()
    del doc["breakups"]
    assert error_of(doc).where == "document.breakups"


def test_it_refuses_what_is_not_a_document() -> None:
    assert error_of([1, 2]).where == "document"
    assert error_of({"format": "nocontact"}).where == "version"


def test_it_refuses_a_breakup_id_used_twice() -> None:
    doc = document()
    doc["breakups"].append(copy.deepcopy(doc["breakups"][0]))
    error = error_of(doc)
    assert error.where == "breakups[1].id"
    assert "b1" in error.message


def sample_records() -> list[BreakupRecord]:
    at = dt.datetime(2026, 9, 2, 19, 0, tzinfo=dt.UTC)
    profile = Profile(
        ex_nickname="Sam",
        breakup_date=dt.date(2026, 9, 1),
        relationship_months=40,
        ended_by=EndedBy.MUTUAL,
        intensity=2,
        goal=Goal.UNSURE,
        unsafe=False,
        occasions=(Occasion("birthday", dt.date(2027, 3, 3)),),
        hard_dates=(HardDate("anniversary", dt.date(2027, 2, 14), "Dinner with Jo."),),
        items_left=(ItemLeft("guitar", True), ItemLeft("mug", False)),
    )
    events = (
        Event(
            EventKind.URGE,
            at + dt.timedelta(days=1),
            {"intensity": 7, "outcome": "resisted", "triggers": ["alcohol"]},
        ),
        Event(
            EventKind.CHECKIN,
            at,
            {"mood": 2, "desperation": 6, "cried": True, "sleep_hours": 5.5, "note": "Long day."},
        ),
        # The repeated hour of the Berlin DST change: 02:30 CET, after 02:30 CEST.
        Event(EventKind.SLIP, dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC), {"channel": "text"}),
        Event(
            EventKind.JOURNAL,
            dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),
            {"text": "Ünïcode ✓ and\nnew lines"},
        ),
        Event(EventKind.READINESS_ANSWERS, at + dt.timedelta(days=40), {"answers": [4] * 10}),
        Event(
            EventKind.SIGNAL,
            at + dt.timedelta(days=41),
            {"signal": "long_replies", "from_future": {"x": [1]}},
        ),
    )
    unsafe = Profile(
        ex_nickname="Alex",
        breakup_date=dt.date(2025, 1, 31),
        relationship_months=3,
        ended_by=EndedBy.ME,
        intensity=3,
        goal=Goal.MOVE_ON,
        unsafe=True,
    )
    return [
        BreakupRecord("b1", profile, events, {"colour": "teal"}),
        BreakupRecord("b2", unsafe, ()),
    ]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Pacific/Chatham", "UTC"])
def test_it_reads_back_what_it_writes(zone: str) -> None:
    records = sample_records()
    written = export_document(zone, records, dt.datetime(2026, 11, 22, 11, 0, tzinfo=BERLIN))
    # Through JSON text, as a file on disk would be.
    parsed = parse_export(json.loads(json.dumps(written)))
    assert parsed.timezone == zone
    assert [r.id for r in parsed.breakups] == ["b1", "b2"]
    for original, read in zip(records, parsed.breakups, strict=True):
        assert read.profile == original.profile
        assert read.extra == original.extra
        assert sorted(read.events, key=lambda e: e.at) == sorted(
            original.events, key=lambda e: e.at
        )
    # And once more: writing what was read gives the same document.
    again = export_document(zone, parsed.breakups, dt.datetime(2026, 11, 22, 11, 0, tzinfo=BERLIN))
    assert again == written


def test_it_writes_the_export_in_the_users_zone_and_in_time_order() -> None:
    written = export_document(
        "Europe/Berlin", sample_records(), dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    )
    assert written["format"] == "nocontact"
    assert written["version"] == 1
    assert written["exported_at"] == "2026-11-22T10:00:00Z"
    assert written["user"] == {"timezone": "Europe/Berlin"}
    events = written["breakups"][0]["events"]
    assert events[0] == {
        "kind": "checkin",
        "at": "2026-09-02T21:00:00+02:00",
        "mood": 2,
        "desperation": 6,
        "cried": True,
        "sleep_hours": 5.5,
        "note": "Long day.",
    }
    instants = [dt.datetime.fromisoformat(e["at"]) for e in events]
    assert instants == sorted(instants)
    assert written["breakups"][0]["colour"] == "teal"
