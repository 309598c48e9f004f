"""``nocontact serve --workers 2`` in hosted mode, as a real process on 127.0.0.1.

A smoke test, not a load test (that is ``make bench``): two workers answer pages,
static files come back gzipped with a far-future ``Cache-Control``, and SIGTERM
stops the server cleanly.
"""

from __future__ import annotations

import gzip
import http.client
import io
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nocontact.cli.base import Output
from nocontact.cli.main import run
from tests.integration.test_hardening import hosted_env

NOCONTACT = Path(sys.executable).with_name("nocontact")
# The reverse proxy terminates TLS and says so; hosted mode redirects plain HTTP.
PROXIED = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
ONE_YEAR = 365 * 24 * 60 * 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={**PROXIED, **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


class Server:
    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process, self.port = process, port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    env = hosted_env(tmp_path)
    env.update(ALLOWED_HOSTS="127.0.0.1", SECRET_KEY=secrets.token_urlsafe(64))
    port = free_port()
    process = subprocess.Popen(
        [str(NOCONTACT), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its workers too can be stopped as one group
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if get(port, "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        stop(process)
        pytest.fail(f"the server did not start:\n{process.communicate()[0]}")
    try:
        yield Server(process, port)
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM to the whole group (server and workers), SIGKILL if it lingers."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=40)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def test_it_serves_pages_from_two_worker_processes(server: Server) -> None:
    workers = children(server.process.pid)
    assert len(workers) == 2, workers
    for _ in range(20):
        status, _headers, body = get(server.port, "/account/login/")
        assert status == 200
        assert b'name="password"' in body
    assert get(server.port, "/healthz")[2] == b"ok\n"
    assert get(server.port, "/readyz")[2] == b"ok\n"
    # Both still there: none crashed on the way.
    assert sorted(children(server.process.pid)) == sorted(workers)


def test_it_serves_static_files_compressed_with_a_long_cache_life(server: Server) -> None:
    page = get(server.port, "/account/login/")[2].decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "no stylesheet with a hashed name on the login page"

    status, headers, body = get(server.port, stylesheet[1], **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["content-encoding"] == "gzip"
    max_age = re.search(r"max-age=(\d+)", headers["cache-control"])
    assert max_age, headers["cache-control"]
    assert int(max_age[1]) >= ONE_YEAR
    assert "immutable" in headers["cache-control"]
    css = gzip.decompress(body)
    assert b"{" in css
    assert len(css) > len(body)


def test_it_stops_cleanly_on_sigterm(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    output, _ = server.process.communicate(timeout=40)
    assert server.process.returncode == 0, output
    assert "Traceback" not in output


@pytest.mark.parametrize("workers", ["0", "-1", "two"])
def test_it_refuses_a_worker_count_that_is_not_a_positive_number(workers: str) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["serve", "--workers", workers], Output(stdout, stderr))
    assert code == 2
    assert "--workers" in stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()


def test_it_says_so_when_the_static_directory_cannot_be_written(tmp_path: Path) -> None:
    env = hosted_env(tmp_path)
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    env["STATIC_ROOT"] = str(blocker / "static")
    result = subprocess.run(
        [str(NOCONTACT), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "cannot prepare the static files" in result.stderr
    assert "Traceback" not in result.stderr
