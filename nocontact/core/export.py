"""The export document of DESIGN.md: reading it (import, ``nocontact state``) and writing it.

Reading is strict about what the rules need and lenient about the rest: unknown
fields are kept and ignored, events may come in any order, and every problem is
reported with the place it was found, so a person can fix their file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from nocontact.core import clock, rules
from nocontact.core.events import InvalidEvent, validate_event_data
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

FORMAT: Final = "nocontact"
VERSION: Final = 1
MAX_NICKNAME_CHARS: Final = 60
MAX_NAME_CHARS: Final = 120
MAX_COPING_PLAN_CHARS: Final = 2_000  # as the database column
MAX_RELATIONSHIP_MONTHS: Final = 1200
# Far enough either way for any real life; beyond them date arithmetic overflows.
EARLIEST_DATE: Final = dt.date(1900, 1, 1)
LATEST_DATE: Final = dt.date(2199, 12, 31)


class ExportFormatError(ValueError):
    """The document cannot be read. ``where`` points at the offending value."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True, slots=True)
class BreakupRecord:
    id: str
    profile: Profile
    events: tuple[Event, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExportDocument:
    timezone: str
    breakups: tuple[BreakupRecord, ...]

    @property
    def tzinfo(self) -> dt.tzinfo:
        return clock.timezone(self.timezone)

    def breakup(self, breakup_id: str | None = None) -> BreakupRecord:
        if not self.breakups:
            raise ExportFormatError("breakups", "the file holds no breakup")
        if breakup_id is None:
            return self.breakups[0]
        for record in self.breakups:
            if record.id == breakup_id:
                return record
        known = ", ".join(record.id for record in self.breakups)
        raise ExportFormatError("breakups", f"no breakup with id {breakup_id!r} (found: {known})")


def _require(obj: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in obj or obj[key] is None:
        raise ExportFormatError(f"{where}.{key}", "is missing")
    return obj[key]


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ExportFormatError(where, "should be an object")
    return value


def _list(value: Any, where: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise ExportFormatError(where, "should be a list")
    return value


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ExportFormatError(where, "should be a date like 2026-09-01")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ExportFormatError(where, f"{value!r} is not a date like 2026-09-01") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ExportFormatError(where, f"{value!r} is too far in the past or the future")
    return day


def _int(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ExportFormatError(where, f"should be a whole number from {low} to {high}")
    return value


def _str(value: Any, where: str, max_chars: int) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > max_chars:
        raise ExportFormatError(where, f"should be text of 1 to {max_chars} characters")
    _storable(value, where)
    return value.strip()


def _storable(value: str, where: str) -> None:
    """NUL and lone surrogates cannot be stored (PostgreSQL, UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ExportFormatError(where, "contains a character that cannot be stored") from None
    if "\x00" in value:
        raise ExportFormatError(where, "contains a character that cannot be stored")


def _timestamp(value: Any, where: str, tz: dt.tzinfo) -> dt.datetime:
    if not isinstance(value, str):
        raise ExportFormatError(where, "should be a time like 2026-09-02T21:00:00+02:00")
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ExportFormatError(
            where, f"{value!r} is not a time like 2026-09-02T21:00:00+02:00"
        ) from None
    if at.tzinfo is None:
        # A time without an offset is read as the user's own clock time.
        at = at.replace(tzinfo=tz)
    try:
        in_range = EARLIEST_DATE <= at.astimezone(dt.UTC).date() <= LATEST_DATE
    except OverflowError:
        in_range = False
    if not in_range:
        raise ExportFormatError(where, f"{value!r} is too far in the past or the future")
    return at


def _coping_plan(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_COPING_PLAN_CHARS:
        raise ExportFormatError(
            where, f"should be text of at most {MAX_COPING_PLAN_CHARS} characters"
        )
    _storable(value, where)
    return value


def parse_profile(raw: Mapping[str, Any], where: str) -> Profile:
    def enum_value(key: str, enum: Any) -> Any:
        value = _require(raw, key, where)
        try:
            return enum(value)
        except ValueError:
            options = "|".join(member.value for member in enum)
            raise ExportFormatError(f"{where}.{key}", f"should be one of {options}") from None

    occasions = tuple(
        Occasion(
            _str(
                _require(o, "name", f"{where}.occasions[{i}]"),
                f"{where}.occasions[{i}].name",
                MAX_NAME_CHARS,
            ),
            _date(_require(o, "date", f"{where}.occasions[{i}]"), f"{where}.occasions[{i}].date"),
        )
        for i, o in enumerate(
            _mapping(o, f"{where}.occasions[{i}]")
            for i, o in enumerate(_list(raw.get("occasions", []), f"{where}.occasions"))
        )
    )
    hard_dates = tuple(
        HardDate(
            _str(
                _require(h, "name", f"{where}.hard_dates[{i}]"),
                f"{where}.hard_dates[{i}].name",
                MAX_NAME_CHARS,
            ),
            _date(_require(h, "date", f"{where}.hard_dates[{i}]"), f"{where}.hard_dates[{i}].date"),
            _coping_plan(h.get("coping_plan"), f"{where}.hard_dates[{i}].coping_plan"),
        )
        for i, h in enumerate(
            _mapping(h, f"{where}.hard_dates[{i}]")
            for i, h in enumerate(_list(raw.get("hard_dates", []), f"{where}.hard_dates"))
        )
    )
    items = []
    for i, item in enumerate(_list(raw.get("items_left", []), f"{where}.items_left")):
        item = _mapping(item, f"{where}.items_left[{i}]")
        substantial = item.get("substantial", False)
        if not isinstance(substantial, bool):
            raise ExportFormatError(
                f"{where}.items_left[{i}].substantial", "should be true or false"
            )
        items.append(
            ItemLeft(
                _str(
                    _require(item, "name", f"{where}.items_left[{i}]"),
                    f"{where}.items_left[{i}].name",
                    MAX_NAME_CHARS,
                ),
                substantial,
            )
        )
    unsafe = raw.get("unsafe", False)
    if not isinstance(unsafe, bool):
        raise ExportFormatError(f"{where}.unsafe", "should be true or false")
    return Profile(
        ex_nickname=_str(
            _require(raw, "ex_nickname", where), f"{where}.ex_nickname", MAX_NICKNAME_CHARS
        ),
        breakup_date=_date(_require(raw, "breakup_date", where), f"{where}.breakup_date"),
        relationship_months=_int(
            _require(raw, "relationship_months", where),
            f"{where}.relationship_months",
            0,
            MAX_RELATIONSHIP_MONTHS,
        ),
        ended_by=enum_value("ended_by", EndedBy),
        intensity=_int(
            _require(raw, "intensity", where), f"{where}.intensity", 0, rules.MAX_INTENSITY
        ),
        goal=enum_value("goal", Goal),
        unsafe=unsafe,
        occasions=occasions,
        hard_dates=hard_dates,
        items_left=tuple(items),
    )


def parse_event(raw: Any, where: str, tz: dt.tzinfo) -> Event:
    raw = _mapping(raw, where)
    kind_value = _require(raw, "kind", where)
    try:
        kind = EventKind(kind_value)
    except ValueError:
        options = "|".join(kind.value for kind in EventKind)
        raise ExportFormatError(
            f"{where}.kind", f"{kind_value!r} should be one of {options}"
        ) from None
    at = _timestamp(_require(raw, "at", where), f"{where}.at", tz)
    try:
        data = validate_event_data(kind, raw)
    except InvalidEvent as exc:
        raise ExportFormatError(f"{where}.{exc.field}", exc.text) from None
    return Event(kind, at, data)


BREAKUP_KEYS: Final = frozenset(
    {
        "id",
        "ex_nickname",
        "breakup_date",
        "relationship_months",
        "ended_by",
        "intensity",
        "goal",
        "unsafe",
        "occasions",
        "hard_dates",
        "items_left",
        "events",
    }
)


def parse_export(document: Any) -> ExportDocument:
    """Read an export document (already decoded from JSON)."""
    document = _mapping(document, "document")
    if document.get("format") != FORMAT:
        raise ExportFormatError(
            "format", 'this is not a nocontact export (format should be "nocontact")'
        )
    if document.get("version") != VERSION:
        raise ExportFormatError(
            "version", f"version {document.get('version')!r} is not supported (expected {VERSION})"
        )
    user = _mapping(document.get("user", {}), "user")
    tz_name = user.get("timezone", "UTC")
    if not isinstance(tz_name, str) or not clock.is_valid_timezone(tz_name):
        raise ExportFormatError("user.timezone", f"{tz_name!r} is not a known time zone")
    tz = clock.timezone(tz_name)
    records = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(_require(document, "breakups", "document"), "breakups")):
        where = f"breakups[{i}]"
        raw = _mapping(raw, where)
        breakup_id = str(raw.get("id", i + 1))
        if breakup_id in seen:
            raise ExportFormatError(f"{where}.id", f"the id {breakup_id!r} is used twice")
        seen.add(breakup_id)
        profile = parse_profile(raw, where)
        events = tuple(
            parse_event(event, f"{where}.events[{j}]", tz)
            for j, event in enumerate(_list(raw.get("events", []), f"{where}.events"))
        )
        extra = {key: value for key, value in raw.items() if key not in BREAKUP_KEYS}
        records.append(BreakupRecord(breakup_id, profile, events, extra))
    return ExportDocument(tz_name, tuple(records))


def profile_to_json(profile: Profile) -> dict[str, Any]:
    return {
        "ex_nickname": profile.ex_nickname,
        "breakup_date": profile.breakup_date.isoformat(),
        "relationship_months": profile.relationship_months,
        "ended_by": profile.ended_by.value,
        "intensity": profile.intensity,
        "goal": profile.goal.value,
        "unsafe": profile.unsafe,
        "occasions": [{"name": o.name, "date": o.date.isoformat()} for o in profile.occasions],
        "hard_dates": [
            {"name": h.name, "date": h.date.isoformat(), "coping_plan": h.coping_plan}
            for h in profile.hard_dates
        ],
        "items_left": [{"name": i.name, "substantial": i.substantial} for i in profile.items_left],
    }


def event_to_json(event: Event, tz: dt.tzinfo) -> dict[str, Any]:
    return {
        "kind": event.kind.value,
        "at": event.at.astimezone(tz).isoformat(timespec="seconds"),
        **dict(event.data),
    }


def export_document(
    timezone: str, breakups: Sequence[BreakupRecord], exported_at: dt.datetime
) -> dict[str, Any]:
    tz = clock.timezone(timezone)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.astimezone(dt.UTC)
        .isoformat(timespec="seconds")
        .replace("+00:00", "Z"),
        "user": {"timezone": timezone},
        "breakups": [
            {
                "id": record.id,
                **profile_to_json(record.profile),
                **dict(record.extra),
                "events": [
                    event_to_json(e, tz)
                    for e in sorted(record.events, key=lambda e: e.at.astimezone(dt.UTC))
                ],
            }
            for record in breakups
        ],
    }
