"""Nothing sensitive in logs (issue 5, point 7).

Every logger at DEBUG, SQL logging on (as with ``DEBUG=True``): a password, the ex's
nickname and a journal entry, each a marker string, go through sign-up, onboarding,
the journal, a 400, a 404 and a failed login. No log record, no error page and no
e-mail holds a marker.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import local_today

MARK_PASSWORD = "pwmarker-Kestrel-8817-long"
MARK_NICKNAME = "Nickmarkzorblax"
MARK_JOURNAL = "journalmarker-Plimsoll-3141"
MARKERS = (MARK_PASSWORD, MARK_NICKNAME, MARK_JOURNAL)


@pytest.fixture
def debug_logging(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every logger at DEBUG, and SQL logged the way ``DEBUG=True`` logs it."""
    caplog.set_level(logging.DEBUG)
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for name in ("django.db.backends", "django.db.backends.schema", "django.request", "axes"):
        loggers.append(logging.getLogger(name))
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = True
    try:
        yield caplog
    finally:
        connection.force_debug_cursor = forced
        for logger, level in levels:
            logger.setLevel(level)


def record_text(record: logging.LogRecord) -> str:
    """Everything a handler or formatter could write: message, arguments, extras."""
    parts = [record.getMessage(), repr(record.args), repr(vars(record))]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


def hits(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


def onboarding_post() -> dict[str, str]:
    return {
        "ex_nickname": MARK_NICKNAME,
        "breakup_date": (local_today() - dt.timedelta(days=3)).isoformat(),
        "relationship_months": "26",
        "ended_by": "them",
        "intensity": "1",
        "goal": "reconnect",
        "unsafe": "no",
        "timezone": "Europe/Berlin",
    }


def walk_through_the_app(client: Client) -> list[Any]:
    """Sign up, onboard, write; then a 400, a 404 and a failed login. Returns the
    error responses."""
    signup = {"username": "lognewcomer", "password1": MARK_PASSWORD, "password2": MARK_PASSWORD}
    assert client.post(reverse("signup"), signup).status_code == 302
    assert client.post(reverse("onboarding"), onboarding_post()).status_code == 302
    assert client.post(reverse("new_journal"), {"text": MARK_JOURNAL}).status_code == 302

    errors = [
        client.post(reverse("new_journal"), {"text": "   "}),
        client.get(reverse("edit_writing", kwargs={"pk": 987654321})),
        Client().post(
            reverse("signup"),
            {"username": "another", "password1": MARK_PASSWORD, "password2": MARK_PASSWORD + "x"},
        ),
    ]
    client.post(reverse("logout"))
    failed = Client().post(
        reverse("login"), {"username": "lognewcomer", "password": MARK_PASSWORD + "-wrong"}
    )
    errors.append(failed)
    assert [r.status_code for r in errors] == [400, 404, 400, 200]
    assert "That username and password don&#x27;t match." in failed.content.decode()
    return errors


@pytest.mark.django_db
def test_it_keeps_markers_out_of_logs_error_pages_and_emails(
    debug_logging: pytest.LogCaptureFixture,
) -> None:
    errors = walk_through_the_app(Client())

    records = debug_logging.records
    # The capture works: SQL, requests and the failed login were all seen at DEBUG.
    assert any(r.name == "django.request" for r in records)
    assert len(records) > 10
    leaks = [(r.name, hits(record_text(r))) for r in records if hits(record_text(r))]
    assert not leaks, leaks
    assert not hits(debug_logging.text)

    for response in errors:
        assert not hits(response.content.decode(errors="replace")), response.status_code
    for message in mail.outbox:
        assert not hits(message.subject + message.body)


@pytest.mark.django_db
def test_it_drops_sql_records_that_would_carry_what_the_user_wrote(
    debug_logging: pytest.LogCaptureFixture,
) -> None:
    # The control for the test above: without the app's filter, SQL logging at DEBUG
    # holds the journal entry, so the test above would catch a leak.
    backends = logging.getLogger("django.db.backends")
    kept = list(backends.filters)
    assert kept, "nocontact.settings.LOGGING must filter django.db.backends"
    for log_filter in kept:
        backends.removeFilter(log_filter)
    try:
        walk_through_the_app(Client())
    finally:
        for log_filter in kept:
            backends.addFilter(log_filter)
    assert MARK_JOURNAL in debug_logging.text
