"""Rows in, core records out: the only place that maps between the two.

Views and the CLI call these functions; they never compute a rule themselves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils import timezone as dj_timezone

from nocontact.accounts.models import settings_for
from nocontact.accounts.prepared import ID, MOMENT, Prepared
from nocontact.core import clock
from nocontact.core import model as core
from nocontact.core.events import validate_event_data
from nocontact.core.export import BreakupRecord
from nocontact.core.insights import history_start
from nocontact.core.program import (
    RARE_KINDS,
    RECENT_KINDS,
    RECENT_WINDOW_DAYS,
    WRITING_KINDS,
    ProgramState,
    derive_state,
)
from nocontact.journey import sealing, state_cache
from nocontact.journey.models import Breakup, Event, ItemLeft, Occasion, Writing


def user_tz(user: User) -> dt.tzinfo:
    try:
        return clock.timezone(settings_for(user).timezone)
    except clock.UnknownTimeZone:
        return dt.UTC


def today_for(user: User, now: dt.datetime | None = None) -> dt.date:
    return clock.local_now(user_tz(user), now).date()


_ACTIVE_BREAKUP = Prepared(
    lambda user_id: (
        Breakup.objects.active().filter(user_id=user_id).order_by("-created_at", "-pk")[:1]
    ),
    ID,
)


def active_breakup(user: User) -> Breakup | None:
    """The breakup the user lives with now (every signed-in page asks: SQL compiled once),
    marked as read in this request (``program_state`` need not read its version again)."""
    rows = _ACTIVE_BREAKUP.rows(user.pk)
    return state_cache.mark_loaded(rows[0]) if rows else None


def to_profile(breakup: Breakup, *, kept: bool = False) -> core.Profile:
    """The core's profile of ``breakup``. ``kept``: its occasions and items as kept for
    its epoch (``state_cache``), for a ``breakup`` just brought up to date."""
    if kept:
        occasions, hard_dates, items_left = state_cache.remembered(
            ("profile", breakup.pk, breakup.epoch), lambda: _dates_and_items(breakup)
        )
    else:
        occasions, hard_dates, items_left = _dates_and_items(breakup)
    return core.Profile(
        ex_nickname=breakup.ex_nickname,
        breakup_date=breakup.breakup_date,
        relationship_months=breakup.relationship_months,
        ended_by=core.EndedBy(breakup.ended_by),
        intensity=breakup.intensity,
        goal=core.Goal(breakup.goal),
        unsafe=breakup.unsafe,
        occasions=occasions,
        hard_dates=hard_dates,
        items_left=items_left,
    )


def _dates_and_items(
    breakup: Breakup,
) -> tuple[tuple[core.Occasion, ...], tuple[core.HardDate, ...], tuple[core.ItemLeft, ...]]:
    """The breakup's occasions, hard dates and items: the same while its epoch is."""
    occasions = list(breakup.occasions.all())
    return (
        tuple(core.Occasion(o.name, o.date) for o in occasions if o.kind == Occasion.Kind.OCCASION),
        tuple(
            core.HardDate(o.name, o.date, o.coping_plan)
            for o in occasions
            if o.kind == Occasion.Kind.HARD_DATE
        ),
        tuple(core.ItemLeft(i.name, i.substantial) for i in breakup.items_left.all()),
    )


def in_utc(at: dt.datetime) -> dt.datetime:
    """The same moment on UTC, as it is stored: an offset may be any RFC 3339 one
    (up to 23:59), which PostgreSQL refuses beyond 15:59."""
    return at.astimezone(dt.UTC)


def to_core_event(row: Event) -> core.Event:
    return core.Event(core.EventKind(row.kind), row.at, row.data)


@dataclass(frozen=True)
class EventLog:
    """The events ``derive_state`` needs of one breakup, as read at one moment.

    ``count`` and ``id_sum`` are those of the rows: the next read compares them with
    the database's, so a row it would miss (committed late, under a lower id) or a
    row gone is seen, and everything is read again. ``version``: the breakup's, read
    before the rows, so the log holds at least what that version has.
    """

    epoch: uuid.UUID
    version: uuid.UUID
    cutoff: dt.datetime
    ids: tuple[int, ...]
    events: tuple[core.Event, ...]
    count: int
    id_sum: int

    @property
    def last_id(self) -> int:
        return max(self.ids, default=0)

    def has_between(self, kind: core.EventKind, start: dt.datetime, end: dt.datetime) -> bool:
        """Whether an event of ``kind`` falls in ``[start, end)``, all after ``cutoff``."""
        if start < self.cutoff:
            raise ValueError("before the log's window")
        return any(e.kind == kind and start <= e.at < end for e in self.events)

    def latest(self, kind: core.EventKind) -> core.Event | None:
        """The latest event of a recent kind (by time, then id), if the window has one:
        any older one is older than every event of the window."""
        if kind not in RECENT_KINDS:
            raise ValueError("only the recent kinds are all in the log's window")
        found = [(e.at, i, e) for i, e in zip(self.ids, self.events, strict=True) if e.kind == kind]
        return max(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _cutoff(today: dt.date) -> dt.datetime:
    # A day of margin on either side of the window covers every time zone.
    return dt.datetime.combine(today, dt.time(), dt.UTC) - dt.timedelta(days=RECENT_WINDOW_DAYS + 1)


def program_events(breakup: Breakup, today: dt.date) -> list[core.Event]:
    """What ``derive_state`` needs, and no more.

    Two index range scans in one query (every rare kind; check-ins and urges of
    the recent window), so the cost follows the recent weeks, not the years.
    While the breakup's epoch stays (only events were added since: ``state_cache``),
    only the rows added since the last read are read.
    """
    cutoff = _cutoff(today)
    kept: EventLog | None = state_cache.log(breakup.pk)
    if kept is not None and kept.epoch == breakup.epoch and kept.cutoff == cutoff:
        log = _read_since(breakup, kept)
    else:
        log = None
    if log is None:
        rows = _LOG_ROWS.tuples(breakup.pk, cutoff)
        log = EventLog(
            epoch=breakup.epoch,
            version=breakup.version,
            cutoff=cutoff,
            ids=tuple(row[0] for row in rows),
            events=tuple(_core_events(rows)),
            count=len(rows),
            id_sum=sum(row[0] for row in rows),
        )
    if not _uncommitted(Event.objects.db):
        state_cache.keep_log(breakup.pk, log)
    return list(log.events)


def kept_log(breakup: Breakup, today: dt.date) -> EventLog | None:
    """The events kept for ``breakup`` as they are at its version, for ``today``'s
    window: for a ``breakup`` just brought up to date (``program_state``)."""
    log: EventLog | None = state_cache.log(breakup.pk)
    if log is None or (log.epoch, log.version) != (breakup.epoch, breakup.version):
        return None
    return log if log.cutoff == _cutoff(today) else None


def _uncommitted(db: str) -> bool:
    """Whether this connection is inside a transaction of the app's own (one that may
    still roll back, and give its ids again on SQLite): what it reads is not kept.
    A test's own wrapping transaction does not count."""
    return any(
        not getattr(block, "_from_testcase", False) for block in connections[db].atomic_blocks
    )


def _read_since(breakup: Breakup, kept: EventLog) -> EventLog | None:
    """``kept`` with the rows added since, or None when more than that changed."""
    new = _LOG_ROWS_AFTER.tuples(breakup.pk, kept.cutoff, kept.last_id)
    count, id_sum = _LOG_TOTALS.total(breakup.pk, kept.cutoff)
    if count != kept.count + len(new) or id_sum != kept.id_sum + sum(r[0] for r in new):
        return None
    return EventLog(
        epoch=kept.epoch,
        version=breakup.version,
        cutoff=kept.cutoff,
        ids=kept.ids + tuple(row[0] for row in new),
        events=kept.events + tuple(_core_events(new)),
        count=count,
        id_sum=id_sum,
    )


def _core_events(rows: Iterable[tuple[Any, ...]]) -> Iterator[core.Event]:
    return (core.Event(core.EventKind(kind), at, data) for _, kind, at, data in rows)


def _rare_and_recent(
    breakup: Breakup | int,
    cutoff: dt.datetime,
    after: int | None = None,
    fields: tuple[str, ...] = ("id", "kind", "at", "data"),
) -> QuerySet[Event, Any]:
    """Every rare kind, and check-ins and urges from ``cutoff`` on (with ids over
    ``after``): rows of ``fields``, in one query. Without ``after``, both parts are
    range scans of the (breakup, kind, at) index; with it, of the ids after it."""
    rows = Event.objects.filter(breakup=breakup).order_by()
    if after is not None:
        rows = rows.filter(id__gt=after)
    rare = rows.filter(kind__in=[k.value for k in RARE_KINDS]).values_list(*fields)
    recent = rows.filter(kind__in=[k.value for k in RECENT_KINDS], at__gte=cutoff)
    return rare.union(recent.values_list(*fields), all=True)


_AFTER = ID - 1  # a second stand-in id: rows over this one
_LOG_ROWS = Prepared(lambda b, cutoff: _rare_and_recent(b, cutoff), ID, MOMENT)
_LOG_ROWS_AFTER = Prepared(
    lambda b, cutoff, after: _rare_and_recent(b, cutoff, after), ID, MOMENT, _AFTER
)
_LOG_TOTALS = Prepared(lambda b, cutoff: _rare_and_recent(b, cutoff, fields=("id",)), ID, MOMENT)


def insights_events(breakup: Breakup, today: dt.date) -> list[core.Event]:
    """What the insights page needs: ``program_events`` with a longer window.

    Every rare kind (as for the state), and check-ins and urges since the
    first day a chart shows: index range scans, so ten years cost what three do.
    """
    cutoff = dt.datetime.combine(history_start(today), dt.time(), dt.UTC) - dt.timedelta(days=1)
    return list(_core_events(_rare_and_recent(breakup, cutoff)))


def program_state(breakup: Breakup, today: dt.date | None = None) -> ProgramState:
    """Everything the program knows about ``breakup`` today.

    Derived once per process for each version of the breakup and each day
    (``state_cache``); ``breakup`` is brought up to date first when it changed. One
    read in this request, with nothing written to it since, is up to date: its
    version is not read again (``state_cache.unchanged_since_loaded``).
    """
    if not state_cache.unchanged_since_loaded(breakup):
        breakup = state_cache.current(breakup)
    tz = user_tz(breakup.user)
    today = today or clock.local_now(tz).date()
    key = ("state", breakup.pk, breakup.version, today, str(tz))
    return state_cache.remembered(
        key,
        lambda: derive_state(
            to_profile(breakup, kept=True), program_events(breakup, today), today, tz
        ),
    )


def record_event(
    breakup: Breakup,
    kind: core.EventKind | str,
    data: Mapping[str, Any],
    at: dt.datetime | None = None,
    client_key: uuid.UUID | None = None,
) -> Event:
    """Validate through the core, then append to the log. Raises ``InvalidEvent``.

    With a ``client_key`` already used for this breakup, the database refuses a second row
    (``IntegrityError``).
    """
    kind = core.EventKind(kind)
    if kind in WRITING_KINDS:
        raise ValueError("journal entries and letters are Writing rows")
    clean = validate_event_data(kind, data)
    with transaction.atomic():  # inserted, then sealed when encryption is on (sealing.py)
        return Event.objects.create(
            breakup=breakup,
            kind=kind.value,
            at=in_utc(at or dj_timezone.now()),
            data=clean,
            client_key=client_key,
        )


@transaction.atomic
def log_urge(
    breakup: Breakup, data: Mapping[str, Any], at: dt.datetime | None = None
) -> tuple[Event, Event | None]:
    """Log an urge; when it ended in contact, the slip too, at the same moment.

    One transaction: either both rows are saved or neither. Raises ``InvalidEvent``.
    """
    at = at or dj_timezone.now()
    urge = record_event(breakup, core.EventKind.URGE, data, at=at)
    slip = None
    if urge.data.get("outcome") == core.UrgeOutcome.SLIPPED:
        # The urge was valid, so its channel and note are valid for the slip too.
        slip_data = {key: urge.data[key] for key in ("channel", "note") if key in urge.data}
        slip = record_event(breakup, core.EventKind.SLIP, slip_data, at=at)
    return urge, slip


def all_events(breakup: Breakup) -> list[core.Event]:
    """The whole log, writings included, as the export shows it."""
    events = [to_core_event(row) for row in breakup.events.all()]
    events += [
        core.Event(core.EventKind(w.kind), w.at, {"text": w.text}) for w in breakup.writings.all()
    ]
    events.sort(key=lambda e: e.at)
    return events


def breakup_record(breakup: Breakup) -> BreakupRecord:
    return BreakupRecord(str(breakup.pk), to_profile(breakup), tuple(all_events(breakup)))


@transaction.atomic
def create_breakup(user: User, profile: core.Profile) -> Breakup:
    """A new breakup becomes the active one; an older one moves to history."""
    Breakup.objects.active().filter(user=user).update(archived_at=dj_timezone.now())
    breakup = Breakup.objects.create(
        user=user,
        ex_nickname=profile.ex_nickname,
        breakup_date=profile.breakup_date,
        relationship_months=profile.relationship_months,
        ended_by=profile.ended_by.value,
        intensity=profile.intensity,
        goal=profile.goal.value,
        unsafe=profile.unsafe,
    )
    Occasion.objects.bulk_create(
        [
            Occasion(breakup=breakup, kind=Occasion.Kind.OCCASION, name=o.name, date=o.date)
            for o in profile.occasions
        ]
        + [
            Occasion(
                breakup=breakup,
                kind=Occasion.Kind.HARD_DATE,
                name=h.name,
                date=h.date,
                coping_plan=h.coping_plan,
            )
            for h in profile.hard_dates
        ]
    )
    ItemLeft.objects.bulk_create(
        [
            ItemLeft(breakup=breakup, name=i.name, substantial=i.substantial)
            for i in profile.items_left
        ]
    )
    return breakup


def add_events(breakup: Breakup, events: Iterable[core.Event]) -> None:
    """Bulk-append already validated core events (import, test data)."""
    rows, writings = [], []
    for event in events:
        if event.kind in WRITING_KINDS:
            writings.append(
                Writing(
                    breakup=breakup,
                    kind=event.kind.value,
                    text=str(event.get("text", "")),
                    at=in_utc(event.at),
                )
            )
        else:
            rows.append(
                Event(
                    breakup=breakup,
                    kind=event.kind.value,
                    at=in_utc(event.at),
                    data=dict(event.data),
                )
            )
    sealing.bulk_create(Event, rows, breakup.user_id)
    sealing.bulk_create(Writing, writings, breakup.user_id)
    state_cache.touch(breakup.pk)  # a bulk insert sends no signal
