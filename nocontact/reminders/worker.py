"""The reminder worker: schedule, claim, send, mark sent (healthchecks' ``sendalerts``).

Several workers may run at once. Each due reminder is a row, unique per (user,
kind, local date), so scheduling twice creates it once. A worker claims a row
with one conditional UPDATE: of the workers that race for it, exactly one
updates a row, the others update none and move on. A claim expires, so a worker
that dies between claim and send delays a reminder, never loses it. (One that
dies after sending and before marking may send it twice: once late, never never.)
"""

from __future__ import annotations

import datetime as dt
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone as dj_timezone

from nocontact.accounts.models import UserSettings
from nocontact.core import clock
from nocontact.core.model import EventKind
from nocontact.core.reminders import (
    DueReminder,
    JourneyDates,
    ReminderChoice,
    ReminderKind,
    reminders_due,
    send_instant,
)
from nocontact.journey import repository
from nocontact.journey.models import Breakup, Event, Occasion
from nocontact.reminders import texts
from nocontact.reminders.models import Delivery, ReminderSettings

# How long a claim holds before another worker may take the reminder over.
CLAIM_SECONDS = 300
# After the mail server refuses a message, wait this long before trying again...
RETRY_SECONDS = 60
# ...and give up after this many tries.
MAX_ATTEMPTS = 5
# How long the long-running loop sleeps when there is nothing to send.
DEFAULT_INTERVAL_SECONDS = 30.0


@dataclass
class TickResult:
    due: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0


def journey_dates(user_id: int, tz: dt.tzinfo, today: dt.date) -> JourneyDates:
    """Dates only: the reminders never need the breakup's names or words."""
    breakup = (
        Breakup.objects.active()
        .filter(user_id=user_id)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )
    if breakup is None:
        return JourneyDates()
    state = repository.program_state(breakup, today)
    hard = tuple(
        breakup.occasions.filter(kind=Occasion.Kind.HARD_DATE).values_list("date", flat=True)
    )
    checked_in = Event.objects.filter(
        breakup=breakup,
        kind=EventKind.CHECKIN.value,
        at__gte=dt.datetime.combine(today, dt.time(), tz),
        at__lt=dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tz),
    ).exists()
    return JourneyDates(state.start_date, hard, checked_in)


def _user_tz(timezone_name: str | None) -> dt.tzinfo:
    try:
        return clock.timezone(timezone_name or settings.DEFAULT_USER_TIMEZONE)
    except clock.UnknownTimeZone:
        return dt.UTC


def _timezone_name(user_id: int) -> str | None:
    return UserSettings.objects.filter(user_id=user_id).values_list("timezone", flat=True).first()


def schedule(now: dt.datetime) -> int:
    """Create today's due reminders (idempotent: the unique constraint keeps one)."""
    rows: list[Delivery] = []
    wanted = (
        ReminderSettings.objects.exclude(email="")
        .filter(Q(daily_checkin=True) | Q(milestones=True) | Q(hard_dates=True))
        .filter(user__is_active=True)
        .order_by("pk")
    )
    scheduled: list[tuple[int, dt.date]] = []
    for reminder_settings in wanted:
        tz = _user_tz(_timezone_name(reminder_settings.user_id))
        today = now.astimezone(tz).date()
        choice = reminder_settings.choice()
        if reminder_settings.scheduled_on == today or now < send_instant(today, choice.send_at, tz):
            continue  # done for today, or not yet time: spare deriving the state
        scheduled.append((reminder_settings.pk, today))
        journey = journey_dates(reminder_settings.user_id, tz, today)
        rows += [
            Delivery(
                user_id=reminder_settings.user_id,
                kind=r.kind.value,
                local_date=r.local_date,
                days=r.days,
            )
            for r in reminders_due(choice, journey, now, tz)
        ]
    # Counted by the caller from the rows, not from here: ignore_conflicts hides which
    # rows already existed (another worker, an earlier round).
    with transaction.atomic():
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        for pk, today in scheduled:
            ReminderSettings.objects.filter(pk=pk).update(scheduled_on=today)
    return len(rows)


def _claimable(now: dt.datetime) -> Q:
    return (
        Q(status__in=[Delivery.Status.PENDING, Delivery.Status.CLAIMED])
        & (Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        & Q(attempts__lt=MAX_ATTEMPTS)
    )


def claim_next(now: dt.datetime) -> Delivery | None:
    """Claim one due reminder with an atomic conditional UPDATE, or ``None``.

    Losing a race means another worker took that row: look again.
    """
    while True:
        pk = (
            Delivery.objects.filter(_claimable(now))
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        won = Delivery.objects.filter(_claimable(now), pk=pk).update(
            status=Delivery.Status.CLAIMED,
            claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS),
            attempts=F("attempts") + 1,
        )
        if won:
            return Delivery.objects.get(pk=pk)


def _finish(delivery: Delivery, status: str, **fields: object) -> None:
    """Mark our claim done. ``claimed_until`` identifies the claim: if it expired and
    another worker took the reminder over, this changes nothing of theirs."""
    Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.Status.CLAIMED, claimed_until=delivery.claimed_until
    ).update(status=status, **fields)


def build_message(delivery: Delivery, to: str) -> EmailMessage:
    reminder = DueReminder(ReminderKind(delivery.kind), delivery.local_date, delivery.days)
    return EmailMessage(
        subject=texts.email_subject(reminder),
        body=texts.email_body(reminder, settings.NOCONTACT_SITE_URL),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated"},
    )


def deliver(delivery: Delivery, now: dt.datetime, connection: BaseEmailBackend) -> str:
    """Send one claimed reminder and mark it; returns its new status."""
    reminder_settings = ReminderSettings.objects.filter(user_id=delivery.user_id).first()
    choice = reminder_settings.choice() if reminder_settings else ReminderChoice()
    today = now.astimezone(_user_tz(_timezone_name(delivery.user_id))).date()
    if (
        reminder_settings is None
        or not choice.wants(ReminderKind(delivery.kind))
        or delivery.local_date != today
    ):
        # Switched off since, address removed, or its day is over: too late to be kind.
        _finish(delivery, Delivery.Status.SKIPPED, claimed_until=None)
        return Delivery.Status.SKIPPED
    message = build_message(delivery, reminder_settings.email)
    message.connection = connection
    try:
        connection.open()  # once per round: later messages reuse the open connection
        message.send()
    except (smtplib.SMTPException, OSError):
        if delivery.attempts >= MAX_ATTEMPTS:
            _finish(delivery, Delivery.Status.FAILED, claimed_until=None)
            return Delivery.Status.FAILED
        retry_at = now + dt.timedelta(seconds=RETRY_SECONDS)
        _finish(delivery, Delivery.Status.PENDING, claimed_until=retry_at)
        return Delivery.Status.PENDING
    _finish(delivery, Delivery.Status.SENT, claimed_until=None, sent_at=dj_timezone.now())
    return Delivery.Status.SENT


def tick(
    stop: threading.Event | None = None, now: Callable[[], dt.datetime] = dj_timezone.now
) -> TickResult:
    """One round: schedule what is due, then send until nothing is left (or asked to stop)."""
    result = TickResult(due=schedule(now()))
    connection = get_connection()
    try:
        while stop is None or not stop.is_set():
            delivery = claim_next(now())
            if delivery is None:
                break
            status = deliver(delivery, now(), connection)
            if status == Delivery.Status.SENT:
                result.sent += 1
            elif status == Delivery.Status.SKIPPED:
                result.skipped += 1
            elif status == Delivery.Status.FAILED:
                result.failed += 1
            else:
                break  # the mail server is unhappy: try again next round
    finally:
        connection.close()
    return result
