"""The Django-free ``nocontact status`` reads exactly what ``repository.program_state`` reads.

Each check runs in a fresh process with its own SQLite file: the fast path reads
a real file, and Django reads its database settings only once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import datetime as dt, json, os, sys
sys.path.insert(0, os.path.join({repo!r}, "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from generate import History
from nocontact.accounts.models import settings_for
from nocontact.cli import fast_status
from nocontact.cli.commands_journey import status_document, status_from_database
from nocontact.core import model as core
from nocontact.journey import repository

call_command("migrate", interactive=False, verbosity=0)
path = os.path.join(os.environ["NOCONTACT_DATA_DIR"], fast_status.SQLITE_FILE)
User = get_user_model()
results = {{}}

def both(name, username):
    fast = fast_status.read_status(username, path)
    orm = status_from_database(username)
    results[name] = [status_document(*orm), status_document(*fast) if fast else None]

# 1. A year of history on the user's clock, all kinds, a check-in today.
user = User.objects.create_user(username="ana", password="x" * 12)
us = settings_for(user); us.timezone = {timezone!r}; us.save()
today = repository.today_for(user)
history = History(1, today, seed=3)
old = repository.create_breakup(user, history.profile())
repository.add_events(old, history.build())
both("one user, by default", None)
both("one user, by name", "ana")
# 2. A newer breakup: the older one moves to history.
newer = History(0.2, today, seed=4)
breakup = repository.create_breakup(user, newer.profile())
repository.add_events(breakup, newer.build())
repository.record_event(breakup, "checkin", {{"mood": 3, "desperation": 2, "cried": False}})
both("the newest breakup", None)
# 3. What the fast path leaves to the ORM path.
results["fallbacks"] = {{
    "unknown user": fast_status.read_status("nobody", path),
    "no file": fast_status.read_status(None, path + ".missing"),
}}
User.objects.create_user(username="ben", password="x" * 12)
results["fallbacks"]["two users"] = fast_status.read_status(None, path)
results["fallbacks"]["no breakup"] = fast_status.read_status("ben", path)
print(json.dumps(results))
"""


@pytest.mark.parametrize("timezone", ["Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles"])
def test_it_reads_the_same_state_as_the_repository(tmp_path: Path, timezone: str) -> None:
    env = {**os.environ, "NOCONTACT_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(repo=str(REPO), timezone=timezone)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("one user, by default", "one user, by name", "the newest breakup"):
        orm, fast = results[name]
        assert fast == orm, name
    assert results["the newest breakup"][0]["checked_in_today"] is True
    assert all(value is None for value in results["fallbacks"].values())


def test_it_reads_the_database_file_the_app_writes(db: object) -> None:
    from django.conf import settings

    from nocontact.cli import fast_status

    assert Path(settings.SQLITE_PATH).name == fast_status.SQLITE_FILE


def test_it_leaves_other_databases_to_the_orm(monkeypatch: pytest.MonkeyPatch) -> None:
    from nocontact.cli import fast_status

    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert fast_status.applies()
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    assert not fast_status.applies()
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "somewhere.else")
    assert not fast_status.applies()
