"""The real server as a child process, and the writers that drive it over HTTP.

Used by ``test_crash_safety.py``: the server is ``nocontact serve`` (granian) started
in its own process group so that one ``killpg`` SIGKILLs it and its workers at once.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
USERNAME = "crash"
PASSWORD = "a calm long passphrase 42"
READY_PATH = "/account/login/"
HTTP_TIMEOUT = 15.0  # seconds; a killed server closes its sockets at once anyway


def nocontact_command() -> str:
    """The installed ``nocontact`` script: this checkout's own, or the one beside Python."""
    for candidate in (
        REPO / ".venv" / "bin" / "nocontact",
        Path(sys.executable).parent / "nocontact",
    ):
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("the nocontact command is not installed: run `make install-dev` first")


def free_port() -> int:
    """A free port below the ephemeral range, so that while the server is down no
    outgoing connection (not even a readiness probe connecting to itself) can take it."""
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    chooser = random.SystemRandom()
    for _ in range(200):
        port = chooser.randrange(max(1024, low // 2), low)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


def child_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    """The environment a user's own server would have: the real settings, not the tests'."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NOCONTACT_"))}
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "nocontact.settings"
    env["NOCONTACT_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_nocontact(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [nocontact_command(), *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"nocontact {' '.join(args)} failed:\n{done.stderr[-2000:]}"


CREATE_USER = f"""
import datetime as dt
from django.contrib.auth import get_user_model
from nocontact.core import model as core
from nocontact.journey import repository
user = get_user_model().objects.create_user(username={USERNAME!r}, password={PASSWORD!r})
repository.create_breakup(user, core.Profile(
    ex_nickname="Sam", breakup_date=dt.date.today() - dt.timedelta(days=12),
    relationship_months=26, ended_by=core.EndedBy.THEM, intensity=1, goal=core.Goal.RECONNECT,
))
"""


def prepare_database(env: dict[str, str]) -> None:
    """Migrate, then one user with a breakup, as a person would have after onboarding."""
    run_nocontact(env, "manage", "migrate", "--no-input")
    run_nocontact(env, "manage", "shell", "--no-imports", "-c", CREATE_USER)


class Server:
    """``nocontact serve`` in its own session; ``kill`` SIGKILLs the whole process group."""

    def __init__(self, env: dict[str, str], port: int, log_path: Path, workers: int) -> None:
        self.env, self.port, self.log_path, self.workers = env, port, log_path, workers
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        argv = [nocontact_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        argv += ["--no-migrate", "--workers", str(self.workers)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                argv, env=self.env, cwd=REPO, stdout=log, stderr=log, start_new_session=True
            )
        self.starts += 1

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until the login page answers 200; fails with the server's log if it dies."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the server exited on start {self.starts}:\n{self.log_tail()}"
                )
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", READY_PATH)
                if connection.getresponse().status == 200:
                    return time.monotonic() - started
            except (OSError, http.client.HTTPException):
                pass
            finally:
                connection.close()
            time.sleep(0.05)
        raise AssertionError(f"the server was not ready within {timeout} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the server and every worker at once, then wait until the port is free."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.wait_group_gone(self.process.pid)
        self.process = None

    @staticmethod
    def wait_group_gone(pgid: int, timeout: float = 10.0) -> None:
        """No live process (zombies aside) is left in the group: the workers died too."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not live_members(pgid):
                return
            time.sleep(0.02)
        raise AssertionError(f"processes of group {pgid} survived SIGKILL: {live_members(pgid)}")

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


def live_members(pgid: int) -> list[int]:
    """Process ids in ``pgid`` that are not zombies, read from /proc (Linux)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name (which may hold spaces): state ppid pgrp ...
        state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == pgid and state != "Z":
            members.append(int(entry.name))
    return members


class Ledger:
    """What each writer sent and what the server acknowledged, shared by all writers."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.lock = threading.Lock()
        self.sent = 0
        self.acknowledged: set[str] = set()
        self.unacknowledged: set[str] = set()
        self.outcomes: Counter[str] = Counter()

    def new_marker(self) -> str:
        with self.lock:
            self.sent += 1
            return f"crash-{self.run_id}-{self.sent:06d}"

    def record(self, marker: str, outcome: str) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            (self.acknowledged if outcome == "acknowledged" else self.unacknowledged).add(marker)


def urge(marker: str) -> dict[str, str]:
    return {"intensity": "6", "outcome": "resisted", "note": marker}


def journal_entry(marker: str) -> dict[str, str]:
    return {"text": marker}


# Two kinds of write, in two tables: an urge (an event) and a journal entry (a writing),
# each with the redirect that says it was saved.
WRITES: tuple[tuple[str, str, Callable[[str], dict[str, str]]], ...] = (
    ("/urge/", "/", urge),
    ("/journal/new/", "/journal/?kind=journal", journal_entry),
)


class Writer(threading.Thread):
    """One signed-in person logging urges and journal entries as fast as the server answers.

    Each write has a fresh marker and is never retried: a retry after a lost response
    could save the same words twice, and the test would no longer know what was sent.
    """

    def __init__(
        self, port: int, ledger: Ledger, up: threading.Event, stop: threading.Event
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.ledger, self.up, self.stop = port, ledger, up, stop
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.error: BaseException | None = None
        self.signed_in = threading.Event()  # set once signed in, or once that failed

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=HTTP_TIMEOUT
            )
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except BaseException:
            self.disconnect()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location", "")

    def sign_in(self) -> None:
        self.request("GET", READY_PATH)
        credentials = {"username": USERNAME, "password": PASSWORD}
        status, location = self.request("POST", READY_PATH, credentials)
        assert (status, location) == (302, "/"), f"sign-in failed: {status} {location}"

    def run(self) -> None:
        try:
            try:
                self.sign_in()
            finally:
                self.signed_in.set()
            turn = 0
            while not self.stop.is_set():
                if not self.up.is_set():
                    # The server is being killed: a kept-alive connection to it is dead.
                    self.disconnect()
                    self.up.wait(timeout=0.05)
                    continue
                path, success, form = WRITES[turn % len(WRITES)]
                turn += 1
                marker = self.ledger.new_marker()
                try:
                    status, location = self.request("POST", path, form(marker))
                except ConnectionRefusedError:  # never reached a server
                    self.ledger.record(marker, "refused")
                    continue
                except (OSError, http.client.HTTPException):  # in flight at the kill
                    self.ledger.record(marker, "connection lost")
                    continue
                if (status, location) == (302, success):
                    self.ledger.record(marker, "acknowledged")
                else:
                    self.ledger.record(marker, f"answered {status} {location}")
        except BaseException as error:  # reported by the test, never swallowed
            self.error = error
        finally:
            self.disconnect()

    def disconnect(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
