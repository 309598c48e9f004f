"""Three ``nocontact reminders`` workers at once send each reminder exactly once
(issue 7, point 4); SIGTERM stops a worker cleanly.

The workers are real processes of the installed command, against a throwaway
database of the run's kind (on the PostgreSQL pass of ``make test``, a database
on that server; otherwise an SQLite file) and the real SMTP server of the
``smtp_server`` fixture.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.reminder_world import NICKNAME, address
from tests.integration.smtp_helpers import SmtpServer

REPO = Path(__file__).resolve().parents[2]
NOCONTACT = str(Path(sys.executable).with_name("nocontact"))
USERS = 60
WORKERS = 3


def admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh database of the run's kind that the worker processes and the test reach.

    In the PostgreSQL pass of ``make test``: a throwaway database on the same server.
    """
    run_url = os.environ.get("DATABASE_URL", "")
    if not run_url.startswith(("postgres://", "postgresql://")):
        url = f"sqlite:///{tmp_path_factory.mktemp('workers') / 'db.sqlite3'}"
        migrate(url)
        yield url
        return
    server = run_url.rsplit("/", 1)[0]
    name = f"nc_reminder_workers_{os.getpid()}_{secrets.token_hex(4)}"
    admin(server, f'CREATE DATABASE "{name}"')
    try:
        migrate(f"{server}/{name}")
        yield f"{server}/{name}"
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker_env(database_url: str, smtp_port: int = 0) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_", "NOCONTACT_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="nocontact.settings",
        DATABASE_URL=database_url,
        NOCONTACT_DATA_DIR=str(Path(tempfile.gettempdir()) / "nocontact-reminder-workers"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        PYTHONPATH=str(REPO),
    )
    return env


def run_ok(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def migrate(database_url: str) -> None:
    run_ok([NOCONTACT, "manage", "migrate", "--no-input", "-v0"], worker_env(database_url))


def people(env: dict[str, str], count: int, prefix: str) -> None:
    """``count`` people whose reminders are all due now."""
    run_ok([sys.executable, "-m", "tests.integration.reminder_world", str(count), prefix], env)


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [NOCONTACT, "reminders", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(worker: subprocess.Popen[str], timeout: float = 10) -> tuple[int, str, str]:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    out, err = worker.communicate(timeout=timeout)
    return worker.returncode, out, err


def test_it_sends_every_reminder_exactly_once_with_three_workers(
    database_url: str, smtp_server: SmtpServer
) -> None:
    env = worker_env(database_url, smtp_server.port)
    people(env, USERS, "many")
    expected = 2 * USERS  # the daily nudge and the day-30 milestone, for everyone

    # Two long-running workers and one cron-style run, all at once.
    workers = [start_worker(env, "--interval", "1") for _ in range(WORKERS - 1)]
    once = start_worker(env, "--once")
    try:
        received = smtp_server.mailbox.wait_for(expected, timeout=120)
        assert once.wait(timeout=120) == 0, once.stderr.read() if once.stderr else ""
        time.sleep(2)  # a round more for every worker: nothing else may come
    finally:
        results = [stop(worker) for worker in workers]

    for code, _out, err in results:
        assert code == 0, err
    received = smtp_server.mailbox.snapshot()
    per_message = Counter((r.recipients, str(r.message["Subject"])) for r in received)
    assert len(received) == expected, f"{len(received)} messages for {expected} reminders"
    assert set(per_message.values()) == {1}, "a reminder went out twice"
    assert {r for (r,), _subject in per_message} == {address("many", i) for i in range(USERS)}
    for r in received:
        assert NICKNAME not in r.raw.decode(errors="replace")


def test_it_finishes_the_message_in_hand_and_exits_0_on_sigterm(
    database_url: str, smtp_server: SmtpServer
) -> None:
    env = worker_env(database_url, smtp_server.port)
    people(env, 3, "few")
    smtp_server.mailbox.delay = 1.5  # each message takes a while to be accepted
    worker = start_worker(env, "--interval", "1")
    try:
        deadline = time.monotonic() + 60
        while worker.poll() is None and time.monotonic() < deadline:
            # SIGTERM while the mail server has a message in hand.
            if smtp_server.mailbox.in_progress:
                break
            time.sleep(0.02)
        assert smtp_server.mailbox.in_progress, "the worker never sent anything"
        accepted_before = len(smtp_server.mailbox.snapshot())
        worker.send_signal(signal.SIGTERM)
        started = time.monotonic()
        code, out, err = stop(worker, timeout=15)
        took = time.monotonic() - started
    finally:
        if worker.poll() is None:
            worker.kill()

    assert code == 0, err
    assert took < 5, f"took {took:.1f} s to stop"
    assert "Stopped" in out
    # The message in hand was finished, and no other was started after the signal.
    assert len(smtp_server.mailbox.snapshot()) == accepted_before + 1
