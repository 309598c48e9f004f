"""Crash safety: a write the server said it saved survives a SIGKILL, exactly once.

What is proven, on SQLite (local mode, the data directory's own file) and on PostgreSQL
(when ``DATABASE_URL`` points at one; a throwaway database is created and dropped):

1. The real server (``nocontact serve --workers 2``: granian, two worker processes on
   one database) takes writes from several signed-in writer threads over HTTP: urges
   (events) and journal entries (writings), each carrying a unique marker, at 50 or more
   acknowledged writes a second while it is up, counted over every serving window of
   the run (the rate with the restarts' downtime is reported beside it: that part
   measures start-up, not the load).
2. At seeded random moments (the seed is printed; set ``NOCONTACT_CRASH_SEED`` to
   replay a run) the whole process group is killed with SIGKILL, at least 10 times,
   and started again; the writers wait for it and go on with new markers. A write never
   is retried, since a retry after a lost answer could save the same words twice.
3. With the server dead for the last time, the database is read directly: every write
   answered with the success redirect is there exactly once; a write whose answer was
   lost is there at most once; no marker appears twice; and the engine's integrity
   checks pass (SQLite: ``integrity_check`` and ``foreign_key_check``; PostgreSQL:
   amcheck on every b-tree index and table, and sequential scans with unique keys).

What it does not prove: SIGKILL ends the processes, not the machine, so the operating
system still writes out what it had in memory. Surviving a power cut rests on SQLite's
``synchronous=FULL`` (``test_database.py``) and PostgreSQL's own fsync on commit.
"""

from __future__ import annotations

import os
import random
import secrets
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.crash_server import (
    Ledger,
    Server,
    Writer,
    child_env,
    free_port,
    prepare_database,
)
from tests.integration.crash_stores import PostgresStore, SqliteStore, Store

pytestmark = pytest.mark.crash

KILLS = 12
MINIMUM_KILLS = 10
# Acknowledged writes a second while the server is up, over every serving window of
# the run; the restarts' downtime measures Django's start-up, not the write load.
MINIMUM_RATE = 50.0
WRITERS = 6
SERVING = (1.5, 3.5)  # seconds the server takes writes between two kills, drawn at random


@pytest.fixture
def workdir() -> Iterator[Path]:
    """The server's data directory and log, removed at the end whatever happened."""
    with tempfile.TemporaryDirectory(prefix="nocontact-crash-") as name:
        yield Path(name)


@pytest.fixture
def store(workdir: Path) -> Iterator[Store]:
    """PostgreSQL when the suite runs on it (``DATABASE_URL``), else local mode's SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    data_dir = workdir / "data"
    chosen: Store = (
        PostgresStore(url, data_dir) if url.startswith("postgres") else SqliteStore(data_dir)
    )
    try:
        yield chosen
    finally:
        chosen.drop()


@dataclass
class Run:
    seed: int
    kills: int
    seconds: float
    downtime: list[float]  # seconds from each SIGKILL until the server answered again

    def rate(self, ledger: Ledger) -> float:
        """Acknowledged writes a second over the whole run, downtime included."""
        return len(ledger.acknowledged) / self.seconds

    def serving_rate(self, ledger: Ledger) -> float:
        return len(ledger.acknowledged) / (self.seconds - sum(self.downtime))

    def describe(self, ledger: Ledger, store: Store, saved_unanswered: int) -> str:
        return (
            f"{store.name}, seed {self.seed}: {len(ledger.acknowledged)} writes acknowledged "
            f"of {ledger.sent} sent in {self.seconds:.1f} s: {self.serving_rate(ledger):.0f}/s "
            f"while serving, {self.rate(ledger):.0f}/s with restarts; {self.kills} SIGKILLs, "
            f"down {sum(self.downtime):.1f} s in all (at most {max(self.downtime):.2f} s); "
            f"outcomes {dict(ledger.outcomes)}, {saved_unanswered} unanswered writes saved"
        )


def crash_repeatedly(server: Server, ledger: Ledger, seed: int) -> Run:
    """Writers on, then KILLS times: serve a random while, SIGKILL, start again."""
    rng = random.Random(seed)
    up, stop = threading.Event(), threading.Event()
    writers = [Writer(server.port, ledger, up, stop) for _ in range(WRITERS)]
    downtime: list[float] = []
    try:
        for writer in writers:  # signing in (Argon2) is not part of the timed run
            writer.start()
        for writer in writers:
            writer.signed_in.wait(timeout=120)
        assert all(w.error is None for w in writers), [w.error for w in writers if w.error]
        started = time.monotonic()
        up.set()
        for kill in range(1, KILLS + 1):
            time.sleep(rng.uniform(*SERVING))
            up.clear()  # no new write from here; those in flight meet the kill
            killed = time.monotonic()
            server.kill()
            print(f"kill {kill} at {killed - started:.2f} s: {dict(ledger.outcomes)}")
            server.start()
            server.wait_ready()
            downtime.append(time.monotonic() - killed)
            up.set()
        time.sleep(rng.uniform(*SERVING))
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    seconds = time.monotonic() - started
    errors = [writer.error for writer in writers if writer.error is not None]
    assert not errors, f"a writer failed: {errors[0]!r}"
    return Run(seed=seed, kills=len(downtime), seconds=seconds, downtime=downtime)


def test_it_keeps_every_acknowledged_write_exactly_once_through_sigkills(
    workdir: Path, store: Store
) -> None:
    seed = int(os.environ.get("NOCONTACT_CRASH_SEED") or secrets.randbits(32))
    env = child_env(store.data_dir, store.url)
    prepare_database(env)
    server = Server(env, free_port(), workdir / "server.log", workers=store.workers)
    ledger = Ledger(run_id=f"{seed:08x}")
    try:
        server.start()
        server.wait_ready()
        run = crash_repeatedly(server, ledger, seed)
    finally:
        server.kill()
    found = store.markers()
    summary = run.describe(ledger, store, saved_unanswered=len(set(found) & ledger.unacknowledged))
    print(summary)

    missing = sorted(m for m in ledger.acknowledged if found[m] != 1)
    twice = sorted(m for m, count in found.items() if count > 1)
    unknown = sorted(set(found) - ledger.acknowledged - ledger.unacknowledged)
    assert not missing, f"acknowledged but not there once: {missing[:10]}; {summary}"
    assert not twice, f"saved more than once: {twice[:10]}; {summary}"
    assert not unknown, f"saved but never sent: {unknown[:10]}; {summary}"
    problems = store.integrity_problems()
    assert not problems, f"integrity ({store.checks()}): {problems[:10]}; {summary}"
    # The run itself was what it claims: enough kills, landing amid writes, at speed.
    assert run.kills >= MINIMUM_KILLS, summary
    assert ledger.outcomes["connection lost"] > 0, f"no kill met a write in flight; {summary}"
    assert run.serving_rate(ledger) >= MINIMUM_RATE, summary
    answers = {k: v for k, v in ledger.outcomes.items() if k.startswith("answered")}
    assert not answers, f"answers other than success: {answers}; {summary}"
