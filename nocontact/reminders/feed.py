"""The calendar feed: a secret, revocable URL and the ICS document behind it.

The URL carries a random token; only its SHA-256 is stored, so a copy of the
database cannot be turned back into working feed URLs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import User
from django.utils import timezone as dj_timezone
from icalendar import Calendar, Event

from nocontact.core.calendar import CalendarEntry, calendar_entries
from nocontact.journey import repository
from nocontact.reminders import texts
from nocontact.reminders.models import ReminderSettings

TOKEN_BYTES = 32
PRODID = "-//nocontact//calendar feed//EN"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_token(reminder_settings: ReminderSettings) -> str:
    """A fresh secret for the feed; the old link stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    reminder_settings.feed_token_hash = hash_token(token)
    reminder_settings.feed_created_at = dj_timezone.now()
    reminder_settings.save()
    return token


def turn_off_feed(reminder_settings: ReminderSettings) -> None:
    if reminder_settings.pk is None:
        return
    reminder_settings.feed_token_hash = ""
    reminder_settings.feed_created_at = None
    reminder_settings.save(update_fields=["feed_token_hash", "feed_created_at"])


def user_for_token(token: str) -> User | None:
    """The owner of a live feed token, or ``None`` (wrong, revoked, turned off)."""
    if not token or len(token) > 200:
        return None
    found = (
        ReminderSettings.objects.filter(feed_token_hash=hash_token(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found is not None else None


def feed_entries(user: User) -> list[CalendarEntry]:
    breakup = repository.active_breakup(user)
    if breakup is None:
        return []
    breakup.user = user
    state = repository.program_state(breakup)
    return calendar_entries(repository.to_profile(breakup), state)


def _uid(user: User, entry: CalendarEntry) -> str:
    # Stable across fetches, and saying nothing about who or what.
    digest = hashlib.sha256(f"{user.pk}:{entry.kind}:{entry.key}".encode()).hexdigest()[:32]
    return f"{digest}@nocontact"


def ics_document(user: User, entries: list[CalendarEntry], now: dt.datetime) -> bytes:
    """A VCALENDAR of all-day events (RFC 5545: CRLF line endings, folded lines)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", texts.calendar_name())
    for entry in entries:
        event = Event()
        event.add("uid", _uid(user, entry))
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", entry.day)  # a date: DTSTART;VALUE=DATE
        event.add("dtend", entry.day + dt.timedelta(days=1))
        event.add("summary", texts.entry_summary(entry))
        event.add("description", texts.entry_description(entry))
        event.add("transp", "TRANSPARENT")  # never shows the person as busy
        event.add("class", "PRIVATE")
        calendar.add_component(event)
    document: bytes = calendar.to_ical()
    return document
