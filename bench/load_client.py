"""Signing in to the benchmark's server the way a browser does, from the standard library."""

from __future__ import annotations

import http.client
import re
import sys
import time
from urllib.parse import urlencode

# The TLS proxy in front says the original request was HTTPS; hosted mode insists.
PROXIED = {"X-Forwarded-Proto": "https"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _, _ = request(port, "GET", "/healthz", {})
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"bench: the server did not answer on port {port}")


def settle(port: int, quick_ms: float = 10, seconds: float = 5) -> None:
    """Wait until the server has drained what the last wrk run left in flight.

    wrk stops at its deadline with requests still queued in the server; without
    this, the first requests of the next run would wait behind them.
    """
    deadline, quick = time.monotonic() + seconds, 0
    while time.monotonic() < deadline and quick < 3:
        started = time.perf_counter()
        request(port, "GET", "/healthz", {})
        quick = quick + 1 if (time.perf_counter() - started) * 1000 < quick_ms else 0


def request(
    port: int, method: str, path: str, cookies: dict[str, str], body: str | None = None
) -> tuple[int, dict[str, str], str]:
    """One request; the cookies it sets are added to ``cookies``."""
    headers = dict(PROXIED)
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://127.0.0.1:{port}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    finally:
        connection.close()


def login(port: int, username: str, password: str) -> tuple[str, str]:
    """Sign in through the login form; return (Cookie header, a CSRF token for forms)."""
    cookies: dict[str, str] = {}
    _, _, page = request(port, "GET", "/account/login/", cookies)
    form = {"username": username, "password": password, "csrfmiddlewaretoken": form_token(page)}
    status, _, _ = request(port, "POST", "/account/login/", cookies, urlencode(form))
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"bench: signing in as {username} failed (HTTP {status})")
    # Signing in rotates the CSRF secret: take a form token from a signed-in page.
    status, _, page = request(port, "GET", "/urge/", cookies)
    if status != 200:
        sys.exit(f"bench: {username} cannot open the urge page (HTTP {status})")
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return cookie, form_token(page)


def form_token(page: str) -> str:
    found = TOKEN.search(page)
    if not found:
        sys.exit("bench: no CSRF token on the page")
    return found[1]
