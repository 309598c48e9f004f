"""Reminder settings for test users, and a fixed clock for the worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from nocontact.reminders.models import ReminderSettings


def want_reminders(
    user: Any, email: str = "", send_at: dt.time = dt.time(21), **kinds: bool
) -> Any:
    fields = {"daily_checkin": False, "milestones": False, "hard_dates": False, **kinds}
    return ReminderSettings.objects.update_or_create(
        user=user,
        defaults={
            "email": email or f"{user.username}@nocontact.test",
            "send_at": send_at,
            **fields,
        },
    )[0]


def clock_at(moment: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: moment
