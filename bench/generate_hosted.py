"""A seeded database for the hosted case: 10,000 people and two long histories.

    python bench/generate_hosted.py --database-url URL [--users 10000] [--end 2026-11-22] [--seed 7]

Migrates the database at URL (SQLite or PostgreSQL) and fills it with:

- ``bench3y`` and ``bench10y``: the 3- and 10-year histories of ``bench/generate.py``;
- ``user00001`` ... ``user10000``: one breakup each, 3 to 30 days of recent habits
  (a check-in most evenings, a few urges a day, now and then a slip, a journal entry).

Every account has the password ``PASSWORD`` (hashed once: the rows share the hash).
Rows go in with ``bulk_create``, so 10,000 people take seconds, not minutes. The same
seed and end date give the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import CHANNELS, TIMEZONE, WORDS, History  # noqa: E402
from nocontact.core.events import SUGGESTED_TRIGGERS  # noqa: E402

PASSWORD = "bench: a long hosted passphrase"  # noqa: S105  (throwaway benchmark accounts)
LONG_HISTORIES = {"bench3y": 3, "bench10y": 10}
BATCH = 5_000


def small_user_name(i: int) -> str:
    return f"user{i:05d}"


def recent_habits(rng: random.Random, breakup_date: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The last days of one person's log, as (kind, at, data) rows (writings apart)."""
    tz = ZoneInfo(TIMEZONE)
    rows: list[dict[str, Any]] = []
    days = (end - breakup_date).days
    for d in range(max(0, days - rng.randint(3, 30)), days + 1):
        day = breakup_date + dt.timedelta(days=d)

        def at(earliest: float, latest: float, day: dt.date = day) -> dt.datetime:
            hours = rng.uniform(earliest, latest)
            return dt.datetime.combine(day, dt.time(), tz) + dt.timedelta(hours=hours)

        if rng.random() < 0.9:
            data = {
                "mood": rng.randint(1, 5),
                "desperation": rng.randint(0, 10),
                "cried": rng.random() < 0.4,
                "sleep_hours": round(rng.uniform(4, 9), 1),
                "control": rng.randint(1, 5),
            }
            rows.append({"kind": "checkin", "at": at(19.5, 23.5), "data": data})
        for _ in range(rng.randint(0, 3)):
            data = {
                "intensity": rng.randint(1, 10),
                "outcome": "resisted",
                "channel": rng.choice(CHANNELS),
                "triggers": rng.sample(SUGGESTED_TRIGGERS, rng.randint(0, 2)),
            }
            rows.append({"kind": "urge", "at": at(7.0, 23.9), "data": data})
        if rng.random() < 0.02:
            rows.append({"kind": "slip", "at": at(20.0, 23.9), "data": {"channel": "text"}})
        if rng.random() < 0.3:
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
            rows.append({"kind": "journal", "at": at(6.0, 23.9), "text": words.capitalize()})
    return rows


def fill(users: int, end: dt.date, seed: int) -> dict[str, int]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from nocontact.accounts.models import UserSettings
    from nocontact.journey import repository
    from nocontact.journey.models import Breakup, Event, Writing

    user_model = get_user_model()
    rng = random.Random(seed)
    password = make_password(PASSWORD)
    names = [*LONG_HISTORIES, *(small_user_name(i) for i in range(1, users + 1))]
    with transaction.atomic():
        user_model.objects.bulk_create(
            [user_model(username=name, password=password) for name in names], batch_size=BATCH
        )
        ids = dict(user_model.objects.filter(username__in=names).values_list("username", "id"))
        UserSettings.objects.bulk_create(
            [UserSettings(user_id=ids[name], timezone=TIMEZONE) for name in names],
            batch_size=BATCH,
        )
        # 1. The two long histories, through the repository, as an import would.
        for name, years in LONG_HISTORIES.items():
            history = History(years, end, seed)
            user = user_model.objects.get(pk=ids[name])
            breakup = repository.create_breakup(user, history.profile())
            repository.add_events(breakup, history.build())
        # 2. Everyone else: a few weeks, in bulk.
        breakups = Breakup.objects.bulk_create(
            [
                Breakup(
                    user_id=ids[small_user_name(i)],
                    ex_nickname=rng.choice(["Sam", "Alex", "Robin", "Kim", "Noa"]),
                    breakup_date=end - dt.timedelta(days=rng.randint(5, 400)),
                    relationship_months=rng.randint(2, 120),
                    ended_by=rng.choice(["me", "them", "mutual"]),
                    intensity=rng.randint(0, 3),
                    goal=rng.choice(["reconnect", "unsure", "move_on"]),
                )
                for i in range(1, users + 1)
            ],
            batch_size=BATCH,
        )
        if not all(b.pk for b in breakups):  # backends that do not return ids on insert
            by_user = dict(Breakup.objects.values_list("user_id", "id"))
            for b in breakups:
                b.pk = by_user[b.user_id]
        events: list[Event] = []
        writings: list[Writing] = []
        for breakup in breakups:
            for row in recent_habits(rng, breakup.breakup_date, end):
                if row["kind"] == "journal":
                    writings.append(
                        Writing(
                            breakup_id=breakup.pk, kind="journal", text=row["text"], at=row["at"]
                        )
                    )
                else:
                    events.append(
                        Event(
                            breakup_id=breakup.pk, kind=row["kind"], at=row["at"], data=row["data"]
                        )
                    )
        Event.objects.bulk_create(events, batch_size=BATCH)
        Writing.objects.bulk_create(writings, batch_size=BATCH)
    return {
        "users": user_model.objects.count(),
        "events": Event.objects.count(),
        "writings": Writing.objects.count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A seeded database for the hosted case.")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date())
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.pop("NOCONTACT_MODE", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
    # Local settings on that database; their secret key goes to a throwaway directory.
    with tempfile.TemporaryDirectory(prefix="nocontact-bench-") as scratch:
        os.environ.setdefault("NOCONTACT_DATA_DIR", scratch)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        print(fill(args.users, args.end, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
