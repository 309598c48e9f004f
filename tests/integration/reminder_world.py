"""Fill a fresh database with people whose reminders are due now (for the worker tests).

Run as ``python -m tests.integration.reminder_world COUNT PREFIX`` with DATABASE_URL set:
each user wants the daily check-in nudge and milestones at 00:00 local time (so
both are due at once) and is on day 30 (a milestone) in their own time zone.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata")
NICKNAME = "Quillonmark"


def address(prefix: str, index: int) -> str:
    return f"{prefix}{index:03d}@nocontact.test"


def main(count: int, prefix: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from nocontact.accounts.models import UserSettings
    from nocontact.core import clock
    from nocontact.core import model as core
    from nocontact.journey import repository
    from nocontact.reminders.models import ReminderSettings

    for index in range(count):
        zone = ZONES[index % len(ZONES)]
        user = get_user_model().objects.create(username=f"{prefix}{index:03d}")
        UserSettings.objects.create(user=user, timezone=zone)
        today = clock.local_now(clock.timezone(zone)).date()
        profile = core.Profile(
            ex_nickname=NICKNAME,
            breakup_date=today - dt.timedelta(days=30),
            relationship_months=6,
            ended_by=core.EndedBy.THEM,
            intensity=0,
            goal=core.Goal.MOVE_ON,
        )
        repository.create_breakup(user, profile)
        ReminderSettings.objects.create(
            user=user,
            email=address(prefix, index),
            daily_checkin=True,
            milestones=True,
            send_at=dt.time(0, 0),
        )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
