"""A realistic, seeded history for one user, as an export file and as a database.

    python bench/generate.py --years 3 --out bench/out/3y [--end 2026-11-22] [--seed 7]

writes ``OUT/export.json`` (the export format of DESIGN.md) and a migrated SQLite
database in ``OUT/data`` (use it as NOCONTACT_DATA_DIR) with the user ``bench``.
Three years give about 1,100 check-ins, 3,000 urges, 1,000 journal entries, some
slips, some "checked on them", a few unsent letters, readiness answers, a strategy
and one unanswered attempt; ten years scale the same habits. The same seed and
end date give the same history, to the second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import shutil
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nocontact.core import model as core  # noqa: E402
from nocontact.core.events import SUGGESTED_TRIGGERS, validate_event_data  # noqa: E402
from nocontact.core.export import BreakupRecord, export_document  # noqa: E402

TIMEZONE = "Europe/Berlin"
USERNAME = "bench"
PASSWORD = "bench: a long local passphrase"  # noqa: S105  (a throwaway benchmark account)
CHANNELS = [c.value for c in core.Channel]
WORDS = [
    "today",
    "walk",
    "coffee",
    "work",
    "friend",
    "sister",
    "music",
    "rain",
    "evening",
    "morning",
    "quiet",
    "tired",
    "better",
    "slowly",
    "remember",
    "kitchen",
    "window",
    "train",
    "book",
    "film",
    "laugh",
    "cried",
    "sleep",
    "garden",
    "city",
    "bike",
    "breathe",
    "plan",
    "weekend",
    "call",
    "mother",
    "run",
    "park",
    "hope",
    "calm",
    "list",
    "cook",
    "tea",
    "light",
    "dark",
    "new",
    "old",
    "place",
    "song",
    "photo",
    "message",
    "phone",
    "wanted",
    "didn't",
    "instead",
    "wrote",
    "felt",
    "okay",
    "hard",
    "easier",
]


class History:
    """Day by day, the habits of someone getting better, with bad days on the way."""

    def __init__(self, years: float, end: dt.date, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tz = ZoneInfo(TIMEZONE)
        self.days = round(365 * years)
        self.end = end
        self.breakup_date = end - dt.timedelta(days=self.days)
        self.events: list[core.Event] = []

    # 1. Helpers: a local moment, a sentence, a validated event.
    def at(self, day: dt.date, earliest: float, latest: float) -> dt.datetime:
        hours = self.rng.uniform(earliest, latest)
        moment = dt.datetime.combine(day, dt.time(), self.tz) + dt.timedelta(hours=hours)
        return moment.replace(second=0, microsecond=0)

    def text(self, low: int, high: int) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]
        return " ".join(words).capitalize() + "."

    def add(self, kind: core.EventKind, at: dt.datetime, **data: Any) -> None:
        self.events.append(core.Event(kind, at, validate_event_data(kind, data)))

    # 2. The habits.
    def checkins(self, d: int, day: dt.date) -> None:
        healing = 1 - math.exp(-d / 150)  # 0 on the first day, close to 1 after a year
        # Most evenings one check-in; a missed day now and then, a second one rarely.
        count = int(self.rng.random() < 0.97) + int(self.rng.random() < 0.03)
        for _ in range(count):
            mood = min(5, max(1, round(1.5 + 2.8 * healing + self.rng.gauss(0, 0.7))))
            desperation = min(10, max(0, round(8 - 7 * healing + self.rng.gauss(0, 1.2))))
            self.add(
                core.EventKind.CHECKIN,
                self.at(day, 19.5, 23.5),
                mood=mood,
                desperation=desperation,
                cried=self.rng.random() < 0.7 * (1 - healing) + 0.03,
                sleep_hours=round(min(11.0, max(3.0, 5 + 2.5 * healing + self.rng.gauss(0, 1))), 1),
                control=min(5, max(1, round(1.5 + 3 * healing + self.rng.gauss(0, 0.8)))),
                note=self.text(3, 20) if self.rng.random() < 0.3 else None,
            )

    def urges(self, d: int, day: dt.date, slip_today: bool) -> None:
        rate = 2.3 + 4 * math.exp(-d / 120)  # about 3,000 in three years
        count = int(rate) + (self.rng.random() < rate - int(rate))
        for i in range(count):
            slipped = slip_today and i == 0
            late = self.rng.random() < 0.4
            self.add(
                core.EventKind.URGE,
                self.at(day, 21.0, 23.9) if late else self.at(day, 7.0, 21.0),
                intensity=min(
                    10, max(1, round(7 - 3 * (1 - math.exp(-d / 200)) + self.rng.gauss(0, 2)))
                ),
                outcome="slipped" if slipped else "resisted",
                channel=self.rng.choice(CHANNELS) if self.rng.random() < 0.7 else None,
                triggers=self.rng.sample(SUGGESTED_TRIGGERS, self.rng.randint(0, 3)),
                note=self.text(3, 15) if self.rng.random() < 0.15 else None,
            )

    def build(self) -> list[core.Event]:
        rng = self.rng
        # Slips: a few in the raw first weeks, then now and then.
        slip_days = set(rng.sample(range(2, 60), 4))
        slip_days |= {d for d in range(60, self.days) if rng.random() < 1 / 120}
        for d in range(self.days + 1):
            day = self.breakup_date + dt.timedelta(days=d)
            self.checkins(d, day)
            self.urges(d, day, d in slip_days)
            if d in slip_days:
                self.add(
                    core.EventKind.SLIP,
                    self.at(day, 20.0, 23.9),
                    channel=rng.choice(CHANNELS),
                    note=self.text(3, 12) if rng.random() < 0.5 else None,
                )
            if rng.random() < 0.12 * math.exp(-d / 150) + 0.01:
                self.add(
                    core.EventKind.CHECKED_ON_THEM,
                    self.at(day, 8.0, 23.5),
                    how=rng.choice([h.value for h in core.CheckedHow]),
                )
            if rng.random() < 0.913:
                self.add(core.EventKind.JOURNAL, self.at(day, 6.0, 23.9), text=self.text(40, 250))
            if rng.random() < 0.12 * math.exp(-d / 90) + 0.002:
                self.add(
                    core.EventKind.UNSENT_LETTER, self.at(day, 21.0, 23.9), text=self.text(80, 400)
                )
            if d >= 45 and d % 60 == 45:
                self.add(
                    core.EventKind.READINESS_ANSWERS,
                    self.at(day, 10.0, 20.0),
                    answers=[
                        min(5, max(1, round(2 + d / 300 + rng.gauss(0, 0.8)))) for _ in range(10)
                    ],
                )
        # A few turning points, in the order a person lives them.
        self.milestone(100, core.EventKind.STRATEGY, strategy="reconnect")
        self.milestone(120, core.EventKind.ATTEMPT, route="reach_out", outcome="no_reply")
        self.milestone(200, core.EventKind.EX_CONTACT, channel="text", tone="neutral")
        self.milestone(300, core.EventKind.STRATEGY, strategy="move_on")
        self.events.sort(key=lambda e: e.at)
        return self.events

    def milestone(self, d: int, kind: core.EventKind, **data: Any) -> None:
        if d <= self.days:
            self.add(kind, self.at(self.breakup_date + dt.timedelta(days=d), 12.0, 18.0), **data)

    def profile(self) -> core.Profile:
        return core.Profile(
            ex_nickname="Sam",
            breakup_date=self.breakup_date,
            relationship_months=30,
            ended_by=core.EndedBy.THEM,
            intensity=1,
            goal=core.Goal.RECONNECT,
            occasions=(core.Occasion("Sam's birthday", self.end + dt.timedelta(days=40)),),
            hard_dates=(core.HardDate("Our anniversary", self.end + dt.timedelta(days=90)),),
            items_left=(core.ItemLeft("guitar", True), core.ItemLeft("a mug", False)),
        )


def counts(events: list[core.Event]) -> dict[str, int]:
    result: dict[str, int] = {}
    for event in events:
        result[event.kind.value] = result.get(event.kind.value, 0) + 1
    return dict(sorted(result.items()))


def write_export(path: Path, profile: core.Profile, events: list[core.Event], end: dt.date) -> None:
    exported_at = dt.datetime.combine(end, dt.time(9), dt.UTC)
    document = export_document(TIMEZONE, [BreakupRecord("b1", profile, tuple(events))], exported_at)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def write_database(data_dir: Path, profile: core.Profile, events: list[core.Event]) -> None:
    """Migrate a fresh SQLite database and import the history as the user ``bench``."""
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    os.environ["NOCONTACT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)  # never write benchmark data into a real server
    os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from nocontact.accounts.models import settings_for
    from nocontact.journey import repository

    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=USERNAME, password=PASSWORD)
        user_settings = settings_for(user)
        user_settings.timezone = TIMEZONE
        user_settings.save()
        breakup = repository.create_breakup(user, profile)
        repository.add_events(breakup, events)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="A realistic, seeded history for one user.")
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date())
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-db", action="store_true", help="write the export file only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    history = History(args.years, args.end, args.seed)
    events = history.build()
    profile = history.profile()
    args.out.mkdir(parents=True, exist_ok=True)
    write_export(args.out / "export.json", profile, events, args.end)
    if not args.no_db:
        write_database(args.out / "data", profile, events)
    summary = {
        "years": args.years,
        "end": args.end.isoformat(),
        "seed": args.seed,
        **counts(events),
    }
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
