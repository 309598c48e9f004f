"""``nocontact status`` without Django, on the local SQLite file.

Importing Django's ORM alone takes longer on a small machine than the whole
answer should (issue 2 asks for 0.3 s). In local mode the answer is a handful of
reads from one SQLite file, so this module reads them with ``sqlite3`` and hands
them to the same pure core (``derive_state``).

It covers the everyday case only, and reads only. Anything else (PostgreSQL,
another settings module, no file, no account or several, no breakup, a missing
table, a value it does not expect) returns ``None``, and the command takes the
ORM path, which words every error. ``tests/integration/test_cli_fast_status.py``
keeps it in step with ``repository.program_state``: same rows, same state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from nocontact.core import clock
from nocontact.core import model as core
from nocontact.core.program import (
    RARE_KINDS,
    RECENT_KINDS,
    RECENT_WINDOW_DAYS,
    ProgramState,
    derive_state,
)
from nocontact.env import data_dir

# Mirrors of the app's settings (checked by the parity tests). What to read comes
# from the core, like the repository's.
SQLITE_FILE = "nocontact.sqlite3"
OUR_SETTINGS = ("", "nocontact.settings", "nocontact.cli.settings")


def _stored(at: dt.datetime) -> str:
    """A moment as Django stores it in SQLite: naive UTC text."""
    return at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _user_id(db: sqlite3.Connection, username: str | None) -> int | None:
    if username:
        rows = db.execute(
            "SELECT id FROM auth_user WHERE username = ? AND is_active", (username,)
        ).fetchall()
    else:
        rows = db.execute("SELECT id FROM auth_user WHERE is_active ORDER BY id LIMIT 2").fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None


def _timezone(db: sqlite3.Connection, user_id: int) -> dt.tzinfo | None:
    row = db.execute(
        "SELECT timezone FROM accounts_usersettings WHERE user_id = ?", (user_id,)
    ).fetchone()
    if row is None:
        return None  # the ORM path creates the settings row
    try:
        return clock.timezone(row[0])
    except clock.UnknownTimeZone:
        return dt.UTC


def _profile(db: sqlite3.Connection, breakup: sqlite3.Row) -> core.Profile:
    occasions, hard_dates = [], []
    for kind, name, date, coping_plan in db.execute(
        "SELECT kind, name, date, coping_plan FROM journey_occasion"
        " WHERE breakup_id = ? ORDER BY date, id",
        (breakup["id"],),
    ):
        if kind == "hard_date":
            hard_dates.append(core.HardDate(name, dt.date.fromisoformat(date), coping_plan))
        else:
            occasions.append(core.Occasion(name, dt.date.fromisoformat(date)))
    items = tuple(
        core.ItemLeft(name, bool(substantial))
        for name, substantial in db.execute(
            "SELECT name, substantial FROM journey_itemleft WHERE breakup_id = ? ORDER BY id",
            (breakup["id"],),
        )
    )
    return core.Profile(
        ex_nickname=breakup["ex_nickname"],
        breakup_date=dt.date.fromisoformat(breakup["breakup_date"]),
        relationship_months=int(breakup["relationship_months"]),
        ended_by=core.EndedBy(breakup["ended_by"]),
        intensity=int(breakup["intensity"]),
        goal=core.Goal(breakup["goal"]),
        unsafe=bool(breakup["unsafe"]),
        occasions=tuple(occasions),
        hard_dates=tuple(hard_dates),
        items_left=items,
    )


def _events(db: sqlite3.Connection, breakup_id: int, today: dt.date) -> list[core.Event]:
    """The same rows as ``repository.program_events``: rare kinds, and the recent window."""
    cutoff = dt.datetime.combine(today, dt.time(), dt.UTC) - dt.timedelta(
        days=RECENT_WINDOW_DAYS + 1
    )
    rare = [k.value for k in RARE_KINDS]
    recent = [k.value for k in RECENT_KINDS]
    # Only "?" placeholders are formatted in: the values travel as parameters.
    sql = (  # noqa: S608
        "SELECT kind, at, data FROM journey_event WHERE breakup_id = ? AND kind IN ({rare})"
        " UNION ALL "
        "SELECT kind, at, data FROM journey_event WHERE breakup_id = ? AND kind IN ({recent})"
        " AND at >= ?"
    ).format(rare=", ".join("?" * len(rare)), recent=", ".join("?" * len(recent)))
    params = [breakup_id, *rare, breakup_id, *recent, _stored(cutoff)]
    return [
        core.Event(core.EventKind(kind), _moment(at), json.loads(data))
        for kind, at, data in db.execute(sql, params)
    ]


def _checked_in_on(db: sqlite3.Connection, breakup_id: int, day: dt.date, tz: dt.tzinfo) -> bool:
    start = dt.datetime.combine(day, dt.time(), tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz)
    row = db.execute(
        "SELECT 1 FROM journey_event WHERE breakup_id = ? AND kind = 'checkin'"
        " AND at >= ? AND at < ? LIMIT 1",
        (breakup_id, _stored(start), _stored(end)),
    ).fetchone()
    return row is not None


def _read(db: sqlite3.Connection, username: str | None) -> tuple[ProgramState, bool] | None:
    db.row_factory = sqlite3.Row
    user_id = _user_id(db, username)
    if user_id is None:
        return None
    tz = _timezone(db, user_id)
    breakup = db.execute(
        "SELECT * FROM journey_breakup WHERE user_id = ? AND archived_at IS NULL"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        (user_id,),
    ).fetchone()
    if tz is None or breakup is None:
        return None
    db.row_factory = None
    today = clock.local_now(tz).date()
    profile = _profile(db, breakup)
    state = derive_state(profile, _events(db, breakup["id"], today), today, tz)
    return state, _checked_in_on(db, breakup["id"], today, tz)


def applies() -> bool:
    """Local mode on our own settings: the database is the SQLite file in the data dir."""
    return not os.environ.get("DATABASE_URL") and (
        os.environ.get("DJANGO_SETTINGS_MODULE", "") in OUR_SETTINGS
    )


def read_status(
    username: str | None, path: os.PathLike[str] | str | None = None
) -> tuple[ProgramState, bool] | None:
    """Today's state and whether today's check-in is done, or None: take the ORM path."""
    if path is None:
        # Django already set up (tests, an embedding program): nothing to save.
        django_apps = sys.modules.get("django.apps")
        if not applies() or (django_apps is not None and django_apps.apps.ready):
            return None
        path = data_dir() / SQLITE_FILE
    if not os.path.isfile(path):
        return None
    username = username or os.environ.get("NOCONTACT_USER") or None
    try:
        # mode=rw: never creates a file; only SELECTs are sent.
        uri = Path(path).resolve().as_uri() + "?mode=rw"
        with closing(sqlite3.connect(uri, uri=True, timeout=10)) as db:
            return _read(db, username)
    except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError):
        return None
