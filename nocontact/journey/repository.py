"""Rows in, core records out: the only place that maps between the two.

Views and the CLI call these functions; they never compute a rule themselves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone as dj_timezone

from nocontact.accounts.models import settings_for
from nocontact.accounts.prepared import ID, Prepared
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
    """The breakup the user lives with now (every signed-in page asks: SQL compiled once)."""
    rows = _ACTIVE_BREAKUP.rows(user.pk)
    return rows[0] if rows else None


def to_profile(breakup: Breakup) -> core.Profile:
    occasions = list(breakup.occasions.all())
    return core.Profile(
        ex_nickname=breakup.ex_nickname,
        breakup_date=breakup.breakup_date,
        relationship_months=breakup.relationship_months,
        ended_by=core.EndedBy(breakup.ended_by),
        intensity=breakup.intensity,
        goal=core.Goal(breakup.goal),
        unsafe=breakup.unsafe,
        occasions=tuple(
            core.Occasion(o.name, o.date) for o in occasions if o.kind == Occasion.Kind.OCCASION
        ),
        hard_dates=tuple(
            core.HardDate(o.name, o.date, o.coping_plan)
            for o in occasions
            if o.kind == Occasion.Kind.HARD_DATE
        ),
        items_left=tuple(core.ItemLeft(i.name, i.substantial) for i in breakup.items_left.all()),
    )


def in_utc(at: dt.datetime) -> dt.datetime:
    """The same moment on UTC, as it is stored: an offset may be any RFC 3339 one
    (up to 23:59), which PostgreSQL refuses beyond 15:59."""
    return at.astimezone(dt.UTC)


def to_core_event(row: Event) -> core.Event:
    return core.Event(core.EventKind(row.kind), row.at, row.data)


def program_events(breakup: Breakup, today: dt.date) -> list[core.Event]:
    """What ``derive_state`` needs, and no more.

    Two index range scans in one query (every rare kind; check-ins and urges of
    the recent window), so the cost follows the recent weeks, not the years.
    """
    # A day of margin on either side of the window covers every time zone.
    cutoff = dt.datetime.combine(today, dt.time(), dt.UTC) - dt.timedelta(
        days=RECENT_WINDOW_DAYS + 1
    )
    return _rare_and_recent(breakup, cutoff)


def _rare_and_recent(breakup: Breakup, cutoff: dt.datetime) -> list[core.Event]:
    """Every rare kind, and check-ins and urges from ``cutoff`` on, in one query."""
    fields = ("kind", "at", "data")
    rare = (
        Event.objects.filter(breakup=breakup, kind__in=[k.value for k in RARE_KINDS])
        .order_by()
        .values_list(*fields)
    )
    recent = (
        Event.objects.filter(
            breakup=breakup, kind__in=[k.value for k in RECENT_KINDS], at__gte=cutoff
        )
        .order_by()
        .values_list(*fields)
    )
    return [
        core.Event(core.EventKind(kind), at, data)
        for kind, at, data in rare.union(recent, all=True)
    ]


def insights_events(breakup: Breakup, today: dt.date) -> list[core.Event]:
    """What the insights page needs: ``program_events`` with a longer window.

    Every rare kind (as for the state), and check-ins and urges since the
    first day a chart shows: index range scans, so ten years cost what three do.
    """
    cutoff = dt.datetime.combine(history_start(today), dt.time(), dt.UTC) - dt.timedelta(days=1)
    return _rare_and_recent(breakup, cutoff)


def program_state(breakup: Breakup, today: dt.date | None = None) -> ProgramState:
    """Everything the program knows about ``breakup`` today.

    Derived once per process for each version of the breakup and each day
    (``state_cache``); ``breakup`` is brought up to date first when it changed.
    """
    breakup = state_cache.current(breakup)
    tz = user_tz(breakup.user)
    today = today or clock.local_now(tz).date()
    key = ("state", breakup.pk, breakup.version, today, str(tz))
    return state_cache.remembered(
        key, lambda: derive_state(to_profile(breakup), program_events(breakup, today), today, tz)
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
