"""What a request of the mixed workload costs against the trivial view, in instructions.

    .venv/bin/python bench/instructions.py [--requests 300] [--warm-up 150]

``bench/load.py`` measures requests per second live, and on a shared machine one round's
ratio lands up to 0.10 either side of the median. Instructions counted by valgrind's callgrind do not move (the same
count to 0.1 %, whatever else the machine does), so a change to the pages can be weighed
here in minutes. With two workers on two cores the server is CPU-bound, and the ratio
below is close to what ``bench/load.py`` finds there (BENCHMARKS.md).

1. The hosted seed of ``bench/load.py`` (10,000 people), copied; the same 48 people sign
   in through the login form, in this process.
2. Two processes under callgrind, side by side, each on its own copy of that database:
   the requests of ``bench/load.lua``'s mix (its shares, its order, the cookies, CSRF
   token and headers wrk sends, the WSGI application called directly), and ``/healthz``
   with the same cookies. Each warms up first; only the measured requests are counted.
3. Millions of instructions a request, and the ratio. Exit 1 when a request fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_hosted import PASSWORD
from bench.load import LUA, signed_in_names, sqlite_seed
from bench.load_client import form_token

HOST, PORT = "127.0.0.1", "8000"
# {"GET", "/", 30}, or {"POST", "/urge/", 10, "intensity=6&..."} in load.lua's MIX
MIX_ITEM = re.compile(r'\{"(GET|POST)", "([^"]+)", (\d+)(?:, "([^"]*)")?\}')

Person = tuple[str, str]  # (Cookie header, CSRF form token)
Request = tuple[str, str, str, bytes | None]  # method, path, Cookie header, body


# --- The requests, as bench/load.lua makes them ------------------------------------------


def mix() -> list[tuple[str, str, int, str]]:
    """load.lua's MIX table: (method, path, share of 100, form)."""
    table = LUA.read_text().split("local MIX = {", 1)[1].split("\n}", 1)[0]
    items = [(m, path, int(share), form or "") for m, path, share, form in MIX_ITEM.findall(table)]
    if sum(share for *_, share, _ in items) != 100:
        sys.exit(f"bench: the MIX of {LUA} does not add up to 100")
    return items


def deck(people: list[Person], mode: str) -> list[Request]:
    """The requests of load.lua's ``init``, in its order: request n is person
    n % len(people)'s, picking (n * 37) % 100 in the shares."""
    items = mix()
    found: list[Request] = []
    for n in range(100 * len(people)):
        cookie, token = people[n % len(people)]
        if mode == "trivial":
            found.append(("GET", "/healthz", cookie, None))
            continue
        pick, acc = (n * 37) % 100, 0
        for method, path, share, form in items:
            acc += share
            if pick < acc:
                body = f"csrfmiddlewaretoken={token}&{form}".encode() if form else None
                found.append((method, path, cookie, body))
                break
    return found


# --- The app, in this process ---------------------------------------------------------------


def environment(workdir: Path, database: Path, secret: str) -> dict[str, str]:
    return {
        "NOCONTACT_MODE": "hosted",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{database}",
        "NOCONTACT_DATA_DIR": str(workdir / "data"),
        "STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SETTINGS_MODULE": "nocontact.settings",
    }


def application(env: dict[str, str]) -> Callable[..., Iterable[bytes]]:
    os.environ.update(env)
    import django

    django.setup()
    from nocontact.wsgi import application as app

    return app


def call(app: Callable[..., Iterable[bytes]], request: Request) -> tuple[int, list[Any], bytes]:
    """One request as granian hands it to the app, behind the TLS proxy wrk pretends."""
    method, path, cookie, body = request
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": PORT,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": HOST,
        "HTTP_HOST": f"{HOST}:{PORT}",
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body or b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    if body is not None:
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["HTTP_ORIGIN"] = f"https://{HOST}:{PORT}"
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[Any], exc_info: Any = None) -> None:
        answer["status"], answer["headers"] = int(status[:3]), headers

    chunks = app(environ, start_response)
    try:
        content = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    return answer["status"], answer["headers"], content


def sign_in(app: Callable[..., Iterable[bytes]], username: str) -> Person:
    """Through the login form, as bench/load_client.py does over HTTP."""
    cookies: dict[str, str] = {}

    def send(method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
        header = "; ".join(f"{k}={v}" for k, v in cookies.items())
        status, headers, content = call(app, (method, path, header, body))
        for name, value in headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.strip().partition("=")
                cookies[key] = rest.split(";", 1)[0]
        return status, content.decode()

    _, page = send("GET", "/account/login/")
    form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": form_token(page)}
    status, _ = send("POST", "/account/login/", urlencode(form).encode())
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"bench: signing in as {username} failed (HTTP {status})")
    _, page = send("GET", "/urge/")  # signing in rotated the CSRF secret
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), form_token(page)


# --- 1. Prepare, 2. measure (each in its own process) ---------------------------------------


def prepare(workdir: Path, secret: str) -> None:
    seed = sqlite_seed(dt.datetime.now(dt.UTC).date(), regenerate=False)
    database = workdir / "prepared.sqlite3"
    shutil.copyfile(seed, database)
    (workdir / "static").mkdir()  # collected into below; WhiteNoise looks for it at once
    app = application(environment(workdir, database, secret))
    from django.core.management import call_command
    from django.db import connections

    call_command("collectstatic", interactive=False, verbosity=0)
    people = [sign_in(app, name) for name in signed_in_names()]
    connections.close_all()
    with sqlite3.connect(database) as db:  # one file to copy
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (workdir / "people.json").write_text(json.dumps(people))


def measure(workdir: Path, secret: str, mode: str, warm_up: int, requests: int) -> None:
    database = workdir / f"{mode}.sqlite3"
    shutil.copyfile(workdir / "prepared.sqlite3", database)
    app = application(environment(workdir, database, secret))
    people = [tuple(p) for p in json.loads((workdir / "people.json").read_text())]
    every = deck(people, mode)  # type: ignore[arg-type]
    if warm_up + requests > len(every):
        sys.exit(f"bench: at most {len(every) - warm_up} requests after {warm_up} to warm up")
    failed: list[str] = []

    def run(requests_: list[Request]) -> None:
        for request in requests_:
            status = call(app, request)[0]
            if status not in (200, 302) or (status == 302) != (request[0] == "POST"):
                failed.append(f"{request[0]} {request[1]}: HTTP {status}")

    run(every[:warm_up])
    measured = every[warm_up : warm_up + requests]
    # callgrind counts only inside sys.call_tracing (--toggle-collect): the measured loop.
    sys.call_tracing(run, (measured,))
    print(json.dumps({"requests": len(measured), "failed": failed[:5]}))


def counted(workdir: Path, secret: str, args: argparse.Namespace) -> dict[str, float]:
    """Both modes under callgrind at once: millions of instructions a request."""
    runs = {}
    for mode in ("trivial", "mixed"):
        argv = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={workdir / mode}.callgrind",
            "--toggle-collect=sys_call_tracing",
            sys.executable,
            __file__,
            "--measure",
            mode,
            "--workdir",
            str(workdir),
            "--secret",
            secret,
            "--warm-up",
            str(args.warm_up),
            "--requests",
            str(args.requests),
        ]
        runs[mode] = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    found = {}
    for mode, process in runs.items():
        out, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"bench: the {mode} run failed:\n{err.decode()[-2000:]}")
        result = json.loads(out.decode().strip().splitlines()[-1])
        if result["failed"]:
            sys.exit(f"bench: {mode} requests failed: {result['failed']}")
        totals = (workdir / f"{mode}.callgrind").read_text()
        total = int(re.search(r"^(?:totals|summary): (\d+)", totals, re.M)[1])  # type: ignore[index]
        found[mode] = total / result["requests"] / 1e6
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=150)
    parser.add_argument("--measure", choices=["trivial", "mixed"], help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--secret", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        prepare(args.workdir, args.secret)
        return 0
    if args.measure:
        measure(args.workdir, args.secret, args.measure, args.warm_up, args.requests)
        return 0
    if args.requests < 1 or args.warm_up < 0:
        parser.error("--requests must be at least 1, --warm-up at least 0")
    if not shutil.which("valgrind"):
        sys.exit("bench: valgrind is not installed (`make bench-instructions` installs Debian's)")
    import secrets

    secret = secrets.token_urlsafe(50)
    with tempfile.TemporaryDirectory(prefix="nocontact-instructions-") as tmp:
        workdir = Path(tmp)
        # Signing in hashes 48 passwords: done once, without valgrind.
        step = [sys.executable, __file__, "--prepare", "--workdir", tmp, "--secret", secret]
        subprocess.run(step, check=True)
        print(f"bench: counting {args.requests} requests of each under callgrind ...", flush=True)
        found = counted(workdir, secret, args)
    ratio = found["trivial"] / found["mixed"]
    print(
        f"\n{'in-process, after ' + str(args.warm_up) + ' to warm up':<44} {'M instructions':>16}"
    )
    print(f"{'/healthz, signed in (the trivial view)':<44} {found['trivial']:>16.3f}")
    print(f"{'the mix of bench/load.lua':<44} {found['mixed']:>16.3f}")
    print(f"{'trivial / mix (bench/load.py: mix / trivial)':<44} {ratio:>16.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
