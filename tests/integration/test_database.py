"""SQLite is opened for durability and for several writers, on a live connection.

The check runs on every database backend: with ``DATABASE_URL`` pointing at
PostgreSQL the default connection is not SQLite, so the SQLite settings are built
from ``nocontact.settings.SQLITE_OPTIONS`` exactly as local mode builds them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler

from nocontact import settings as project_settings


def sqlite_settings(path: Path) -> dict[str, Any]:
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        return {**default, "NAME": str(path), "TEST": {}}
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": dict(project_settings.SQLITE_OPTIONS),
    }


@pytest.fixture
def connect(tmp_path: Path, django_db_blocker: Any) -> Iterator[Callable[[], BaseDatabaseWrapper]]:
    """New connections to one SQLite file, each built like the real ones."""
    opened: list[BaseDatabaseWrapper] = []
    handlers: list[ConnectionHandler] = []

    def make() -> BaseDatabaseWrapper:
        handler = ConnectionHandler({"default": sqlite_settings(tmp_path / "nocontact.sqlite3")})
        handlers.append(handler)
        connection = handler["default"]
        connection.inc_thread_sharing()
        opened.append(connection)
        return connection

    with django_db_blocker.unblock():
        yield make
        for connection in opened:
            connection.close()


def pragma(connection: BaseDatabaseWrapper, name: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_it_opens_sqlite_in_wal_mode(connect: Callable[[], BaseDatabaseWrapper]) -> None:
    assert pragma(connect(), "journal_mode") == "wal"


def test_it_syncs_every_commit_to_disk(connect: Callable[[], BaseDatabaseWrapper]) -> None:
    assert pragma(connect(), "synchronous") == 2  # FULL


def test_it_enforces_foreign_keys(connect: Callable[[], BaseDatabaseWrapper]) -> None:
    assert pragma(connect(), "foreign_keys") == 1


def test_it_overwrites_deleted_content_with_zeros(
    connect: Callable[[], BaseDatabaseWrapper],
) -> None:
    assert pragma(connect(), "secure_delete") == 1


def test_it_waits_at_least_five_seconds_for_a_busy_database(
    connect: Callable[[], BaseDatabaseWrapper],
) -> None:
    assert pragma(connect(), "busy_timeout") >= 5000


def test_it_begins_write_transactions_immediately(
    connect: Callable[[], BaseDatabaseWrapper], monkeypatch: pytest.MonkeyPatch
) -> None:
    connection = connect()
    connection.ensure_connection()  # the mode is read from OPTIONS on connecting
    assert connection.transaction_mode == "IMMEDIATE"
    issued: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        issued.append(sql)
        return execute(sql, params, many, context)

    # Run Django's own atomic() on this connection.
    monkeypatch.setattr(transaction, "get_connection", lambda using=None: connection)
    with connection.execute_wrapper(record), transaction.atomic():
        connection.cursor().execute("SELECT 1")
    assert issued == ["BEGIN IMMEDIATE", "SELECT 1"]


def begin(connection: BaseDatabaseWrapper) -> None:
    """What atomic() does on SQLite: an explicit BEGIN in the configured mode."""
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def commit(connection: BaseDatabaseWrapper) -> None:
    connection.commit()
    connection.set_autocommit(True)


def test_it_makes_a_second_writer_wait_instead_of_failing(
    connect: Callable[[], BaseDatabaseWrapper],
) -> None:
    first, second = connect(), connect()
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    begin(first)  # BEGIN IMMEDIATE: the write lock is taken now, before any write
    first.cursor().execute("INSERT INTO note (text) VALUES ('first')")

    outcome: dict[str, Any] = {}

    def write_second() -> None:
        started = time.monotonic()
        try:
            begin(second)
            second.cursor().execute("INSERT INTO note (text) VALUES ('second')")
            commit(second)
        except Exception as exc:
            outcome["error"] = exc
        outcome["waited"] = time.monotonic() - started

    thread = threading.Thread(target=write_second)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive(), outcome  # still waiting for the lock, not failed
    commit(first)
    thread.join(timeout=10)
    assert "error" not in outcome, outcome
    assert outcome["waited"] >= 0.4
    with first.cursor() as cursor:
        cursor.execute("SELECT text FROM note ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == ["first", "second"]
