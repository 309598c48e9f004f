"""Hardening (issue 5, point 5): the deploy check in hosted mode, security headers on
every signed-in page, HSTS and Secure cookies in hosted mode."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.integration.test_access_matrix import ALL_NAMES, EXPECTED, World, world  # noqa: F401
from tests.integration.url_walk import url_for

ROOT = Path(__file__).resolve().parents[2]


def hosted_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # A deployment's environment: none of the test run's own switches
        # (pytest-playwright sets DJANGO_ALLOW_ASYNC_UNSAFE, which the check refuses).
        if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
        and not key.startswith(("SECURE_", "NOCONTACT_", "DJANGO_"))
    }
    env.update(
        NOCONTACT_MODE="hosted",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
        NOCONTACT_DATA_DIR=str(tmp_path / "data"),
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SETTINGS_MODULE="nocontact.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def run_hosted(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env={**hosted_env(tmp_path), **(env or {})},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_in_hosted_mode(tmp_path: Path) -> None:
    result = run_hosted(tmp_path, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
]


def hosted_settings(tmp_path: Path) -> dict[str, Any]:
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    result = run_hosted(tmp_path, "-c", script)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


def test_it_turns_on_hsts_and_secure_cookies_in_hosted_mode(tmp_path: Path) -> None:
    values = hosted_settings(tmp_path)
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_SSL_REDIRECT"] is True


def test_it_sends_hsts_and_secure_cookies_with_hosted_settings(
    tmp_path: Path, settings: Any, owner: Any
) -> None:
    for key, value in hosted_settings(tmp_path).items():
        setattr(settings, key, tuple(value) if isinstance(value, list) else value)
    client = Client()  # built after the override: its middleware reads the new settings

    page = client.get(reverse("login"), secure=True)
    assert page.status_code == 200
    assert "max-age=31536000" in page["Strict-Transport-Security"]
    assert page.cookies["csrftoken"]["secure"]

    login = {"username": "owner", "password": PASSWORD}
    signed_in = client.post(reverse("login"), login, secure=True)
    assert signed_in.status_code == 302
    assert signed_in.cookies["sessionid"]["secure"]
    assert signed_in.cookies["sessionid"]["httponly"]

    plain = Client().get(reverse("login"))
    assert plain.status_code == 301  # plain HTTP goes to HTTPS
    assert plain["Location"].startswith("https://")


def test_it_sends_no_hsts_and_plain_cookies_in_local_mode(client: Client) -> None:
    # Local mode serves http://127.0.0.1: HSTS there would break the user's other apps.
    page = client.get(reverse("login"))
    assert "Strict-Transport-Security" not in page
    assert not page.cookies["csrftoken"]["secure"]


def csp_directives(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_security_headers(response: Any, what: str) -> None:
    csp = csp_directives(response)
    assert csp["object-src"] == ["'none'"], what
    assert csp["frame-ancestors"] == ["'none'"], what
    assert csp["base-uri"] == ["'none'"], what
    assert "'unsafe-inline'" not in csp["script-src"], what
    assert "'unsafe-eval'" not in csp["script-src"], what
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"]), what
    assert response["X-Content-Type-Options"] == "nosniff", what
    assert response["Referrer-Policy"] == "same-origin", what
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", what
    assert response["X-Frame-Options"] == "DENY", what


GET_NAMES = [name for name in ALL_NAMES if EXPECTED.get(name) and EXPECTED[name].owner_get != 405]


@pytest.mark.parametrize("name", GET_NAMES)
def test_it_sends_security_headers_and_no_store_on_every_signed_in_page(
    name: str,
    world: World,  # noqa: F811
) -> None:
    client = world.client("owner")
    url = url_for(name, world.owner_objects)
    response = client.get(url)
    assert_security_headers(response, url)
    assert "no-store" in response["Cache-Control"], url
    # A refused method or a missing object is a signed-in answer too.
    for other in (client.post(url), client.get(url + "does-not-exist/")):
        assert "no-store" in other.get("Cache-Control", ""), f"{url}: {other.status_code}"


@pytest.mark.parametrize("name", ["login", "signup"])
def test_it_sends_security_headers_on_public_pages(name: str, client: Client) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_security_headers(response, name)
